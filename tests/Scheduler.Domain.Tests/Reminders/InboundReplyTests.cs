using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

public class InboundReplyTests
{
    [Theory]
    [InlineData("STOP", ReplyIntent.OptOut)]
    [InlineData("Stop", ReplyIntent.OptOut)]
    [InlineData(" stop ", ReplyIntent.OptOut)]
    [InlineData("STOP.", ReplyIntent.OptOut)]
    [InlineData("stop!!", ReplyIntent.OptOut)]
    [InlineData("opt out", ReplyIntent.OptOut)]
    [InlineData("OPT  OUT", ReplyIntent.OptOut)]
    [InlineData("quit", ReplyIntent.OptOut)]
    [InlineData("End", ReplyIntent.OptOut)]
    [InlineData("revoke", ReplyIntent.OptOut)]
    [InlineData("cancel", ReplyIntent.OptOut)]
    [InlineData("UNSUBSCRIBE", ReplyIntent.OptOut)]
    [InlineData("stopall", ReplyIntent.OptOut)]
    [InlineData("OPTOUT", ReplyIntent.OptOut)]
    [InlineData("START", ReplyIntent.OptIn)]
    [InlineData("start", ReplyIntent.OptIn)]
    [InlineData(" Start. ", ReplyIntent.OptIn)]
    [InlineData("unstop", ReplyIntent.OptIn)]
    [InlineData("yes", ReplyIntent.Confirm)]
    [InlineData("YES", ReplyIntent.Confirm)]
    [InlineData("c", ReplyIntent.Confirm)]
    [InlineData(" C\n", ReplyIntent.Confirm)]
    [InlineData("Yes.", ReplyIntent.Confirm)]
    [InlineData("hello", ReplyIntent.Unknown)]
    [InlineData("please stop", ReplyIntent.Unknown)]
    [InlineData("cancel my appointment", ReplyIntent.Unknown)]
    [InlineData("yes please", ReplyIntent.Unknown)]
    [InlineData("start again please", ReplyIntent.Unknown)]
    [InlineData("restart", ReplyIntent.Unknown)]
    [InlineData("", ReplyIntent.Unknown)]
    [InlineData("   ", ReplyIntent.Unknown)]
    public void Classify_WholeMessage_GivesItsIntent(string body, ReplyIntent expected)
    {
        Assert.Equal(expected, InboundReply.Classify(body));
    }

    [Fact]
    public void Classify_Null_IsUnknown()
    {
        Assert.Equal(ReplyIntent.Unknown, InboundReply.Classify(null));
    }
}
