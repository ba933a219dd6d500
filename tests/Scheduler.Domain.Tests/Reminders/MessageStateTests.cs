using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

public class MessageStateTests
{
    private static MessageState Sending()
    {
        Assert.Null(MessageState.Scheduled.TrySending(out var sending));
        return sending;
    }

    private static MessageState Failed()
    {
        Assert.Null(Sending().TryFailed(out var failed));
        return failed;
    }

    [Fact]
    public void Scheduled_CanOnlyBeClaimedOrSuppressed()
    {
        Assert.Equal(MessageStatus.Sending, Sending().Status);
        Assert.Null(MessageState.Scheduled.TrySuppressed(SuppressionReason.DailyCap, out var suppressed));
        Assert.Equal(MessageStatus.Suppressed, suppressed.Status);
        Assert.Equal(SuppressionReason.DailyCap, suppressed.Reason);

        // Sending needs a claim first: that is what keeps two dispatchers from both sending it.
        Assert.Equal(RuleCode.LifecycleTransition, MessageState.Scheduled.TrySent(out _)!.Code);
        Assert.NotNull(MessageState.Scheduled.TryFailed(out _));
    }

    [Fact]
    public void Sending_EndsSentFailedSuppressedOrHandedBack()
    {
        Assert.Null(Sending().TrySent(out var sent));
        Assert.Equal(MessageStatus.Sent, sent.Status);
        Assert.Null(Sending().TryFailed(out var failed));
        Assert.Equal(MessageStatus.Failed, failed.Status);
        Assert.Null(Sending().TrySuppressed(SuppressionReason.WeeklyCap, out var suppressed));
        Assert.Equal(SuppressionReason.WeeklyCap, suppressed.Reason);
        Assert.Null(Sending().TryScheduled(out var back));
        Assert.Equal(MessageState.Scheduled, back);
        Assert.NotNull(Sending().TrySending(out _));
    }

    [Fact]
    public void Failed_IsClaimedAgainForARetryOrSuppressed()
    {
        Assert.Null(Failed().TrySending(out var retry));
        Assert.Equal(MessageStatus.Sending, retry.Status);
        Assert.Null(Failed().TrySuppressed(SuppressionReason.SessionCancelled, out var suppressed));
        Assert.Equal(SuppressionReason.SessionCancelled, suppressed.Reason);
        Assert.NotNull(Failed().TrySent(out _));
    }

    [Fact]
    public void Sent_CannotChangeAgain()
    {
        Assert.Null(Sending().TrySent(out var sent));

        Assert.Equal(RuleCode.LifecycleTransition, sent.TrySent(out var same)!.Code);
        Assert.Same(sent, same);
        Assert.NotNull(sent.TrySending(out _));
        Assert.NotNull(sent.TryFailed(out _));
        Assert.NotNull(sent.TrySuppressed(SuppressionReason.OptedOut, out _));
        Assert.True(sent.IsFinal);
    }

    [Fact]
    public void Suppressed_CannotBeSentLater()
    {
        Assert.Null(MessageState.Scheduled.TrySuppressed(SuppressionReason.QuietHours, out var suppressed));

        Assert.NotNull(suppressed.TrySending(out var same));
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
