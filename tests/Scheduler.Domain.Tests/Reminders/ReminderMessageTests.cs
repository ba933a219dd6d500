using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

/// <summary>The outbox row from planning to a recorded outcome.</summary>
public class ReminderMessageTests
{
    private static readonly TestClinic Clinic = new ClinicBuilder().Build();
    private static readonly Instant Start = Moments.Now + Duration.FromDays(10);

    private static ReminderMessage Scheduled()
    {
        var planned = ReminderPlanner.Plan(Start, Clinic.Zone, ReminderPolicy.Default, Moments.Now).First(p => p.IsScheduled);
        return ReminderMessage.Plan(new ClinicId(Guid.NewGuid()), new SessionId(Guid.NewGuid()), new PatientId(Guid.NewGuid()), Start, planned, "abcdEFGH", Moments.Now);
    }

    private static ReminderMessage Claimed()
    {
        var message = Scheduled();
        Assert.Null(message.Claim(Guid.NewGuid(), Moments.Now + Duration.FromMinutes(10), Moments.Now));
        return message;
    }

    private static readonly RenderedMessage Text = new(null, "Clinic reminders: see you Tue 8 Dec at 10:00 AM.");

    [Fact]
    public void Planned_IsPending_WithItsLinkCode()
    {
        var message = Scheduled();

        Assert.True(message.IsPending);
        Assert.Equal("abcdEFGH", message.LinkCode);
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public void Sent_RecordsWhatWentAndIsFinal()
    {
        var message = Claimed();
        var at = Moments.Now + Duration.FromDays(7);

        Assert.Null(message.MarkSent(ContactChannel.Sms, "+16175550101", Text, "SM1", null, at));

        Assert.Equal(MessageStatus.Sent, message.Status);
        Assert.Equal((at, ContactChannel.Sms, "+16175550101", Text.Body, "SM1", 1), (message.SentAt!.Value, message.Channel!.Value, message.SentTo, message.Body, message.ProviderId, message.Attempts));
        Assert.Null(message.ClaimId);
        Assert.False(message.IsPending);
        Assert.NotNull(message.Suppress(SuppressionReason.SessionCancelled, "Cancelled", at));
    }

    [Fact]
    public void Claimed_IsHeldByOneDispatcher_AndCannotBeClaimedAgain()
    {
        var message = Claimed();

        Assert.Equal(MessageStatus.Sending, message.Status);
        Assert.NotNull(message.ClaimId);
        Assert.False(message.IsPending);
        Assert.NotNull(message.Claim(Guid.NewGuid(), Moments.Now, Moments.Now));
    }

    [Fact]
    public void ScheduledMessage_CannotBeMarkedSent_WithoutAClaim()
    {
        Assert.NotNull(Scheduled().MarkSent(ContactChannel.Email, "a@example.org", Text, null, null, Moments.Now));
    }

    [Fact]
    public void FailedWithARetry_IsPending_AndCanStillBeCancelled()
    {
        var message = Claimed();
        var retry = Moments.Now + Duration.FromMinutes(1);

        Assert.Null(message.MarkFailed(ContactChannel.Email, "a@example.org", "451 try later", retry, Moments.Now));

        Assert.True(message.IsPending);
        Assert.False(message.HasFailedForGood);
        Assert.Equal(retry, message.NextAttemptAt);
        Assert.Null(message.Suppress(SuppressionReason.SessionCancelled, "Cancelled", Moments.Now));
        Assert.Null(message.NextAttemptAt);
    }

    [Fact]
    public void FailedForGood_StaysFailed_AndSaysWhy()
    {
        var message = Claimed();

        Assert.Null(message.MarkFailed(ContactChannel.Sms, "+16175550101", "21211: invalid 'To' number", null, Moments.Now));

        Assert.True(message.HasFailedForGood);
        Assert.False(message.IsPending);
        Assert.Equal("21211: invalid 'To' number", message.LastError);
        Assert.NotNull(message.Suppress(SuppressionReason.SessionCancelled, "Cancelled", Moments.Now));
    }

    [Fact]
    public void Interrupted_IsFailedForGood_NeverSentAgain()
    {
        var message = Claimed();

        Assert.Null(message.MarkInterrupted(Moments.Now));

        Assert.True(message.HasFailedForGood);
        Assert.Contains("interrupted", message.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void HandedBack_IsScheduledAgain_PutOffWithANote()
    {
        var message = Claimed();
        var later = Moments.Now + Duration.FromHours(12);

        Assert.Null(message.Reschedule(later, "Put off to 09:00: quiet hours.", Moments.Now));

        Assert.Equal(MessageStatus.Scheduled, message.Status);
        Assert.Equal(later, message.DueAt);
        Assert.Equal("Put off to 09:00: quiet hours.", message.Note);
        Assert.NotNull(message.Reschedule(later, null, Moments.Now));
    }
}
