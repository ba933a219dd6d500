using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

public class MessageStateTests
{
    private static MessageState Failed()
    {
        Assert.Null(MessageState.Scheduled.TryFailed(out var failed));
        return failed;
    }

    [Fact]
    public void Scheduled_CanBeSentFailedOrSuppressed()
    {
        Assert.Null(MessageState.Scheduled.TrySent(out var sent));
        Assert.Equal(MessageStatus.Sent, sent.Status);
        Assert.Null(MessageState.Scheduled.TryFailed(out var failed));
        Assert.Equal(MessageStatus.Failed, failed.Status);
        Assert.Null(MessageState.Scheduled.TrySuppressed(SuppressionReason.DailyCap, out var suppressed));
        Assert.Equal(MessageStatus.Suppressed, suppressed.Status);
        Assert.Equal(SuppressionReason.DailyCap, suppressed.Reason);
    }

    [Fact]
    public void Failed_CanBeSentOnRetry()
    {
        Assert.Null(Failed().TrySent(out var sent));
        Assert.Equal(MessageStatus.Sent, sent.Status);
    }

    [Fact]
    public void Failed_CanFailAgainOrBeSuppressed()
    {
        Assert.Null(Failed().TryFailed(out _));
        Assert.Null(Failed().TrySuppressed(SuppressionReason.SessionCancelled, out var suppressed));
        Assert.Equal(SuppressionReason.SessionCancelled, suppressed.Reason);
    }

    [Fact]
    public void Sent_CannotChangeAgain()
    {
        Assert.Null(MessageState.Scheduled.TrySent(out var sent));

        Assert.Equal(RuleCode.LifecycleTransition, sent.TrySent(out var same)!.Code);
        Assert.Same(sent, same);
        Assert.NotNull(sent.TryFailed(out _));
        Assert.NotNull(sent.TrySuppressed(SuppressionReason.OptedOut, out _));
        Assert.True(sent.IsFinal);
    }

    [Fact]
    public void Suppressed_CannotBeSentLater()
    {
        Assert.Null(MessageState.Scheduled.TrySuppressed(SuppressionReason.QuietHours, out var suppressed));

        Assert.NotNull(suppressed.TrySent(out var same));
        Assert.Equal(MessageStatus.Suppressed, same.Status);
    }

    [Fact]
    public void Restore_SuppressedWithoutReason_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => MessageState.Restore(MessageStatus.Suppressed, null));
        Assert.Throws<InvalidValueException>(() => MessageState.Restore(MessageStatus.Sent, SuppressionReason.DailyCap));
        Assert.Equal(MessageState.Scheduled, MessageState.Restore(MessageStatus.Scheduled, null));
    }
}
