using Scheduler.Domain.Patients;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Waitlist;

namespace Scheduler.Domain.Tests.Rebooking;

/// <summary>The rebooking case's states, a freed time offered to several patients, and the fixed offer texts.</summary>
public class RebookingAndOfferTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);

    private static RebookingCase NewCase() =>
        RebookingCase.Open(ClinicId.New(), SeriesId.New(), PatientId.New(), SessionId.New(), 3, RebookingTrigger.ClinicClosed,
            "The clinic is closed on Wed 9 Dec 2026: Snow", Now + Duration.FromDays(16), ChairId.New(), Now);

    [Fact]
    public void ACase_IsHeld_ThenTaken_AndCannotBeResolvedByHandOnceRebooked()
    {
        var c = NewCase();
        Assert.Null(c.Hold(SessionId.New(), ChairId.New(), Now + Duration.FromDays(17), Now + Duration.FromHours(24), null, Now));
        Assert.Equal(RebookingStatus.Held, c.Status);
        Assert.NotNull(c.Resolve("desk", "called", Now));
        Assert.Null(c.Accept(Now + Duration.FromHours(1)));
        Assert.Equal(RebookingStatus.Rebooked, c.Status);
        Assert.Null(c.HoldExpiresAt);
        Assert.NotNull(c.Hold(SessionId.New(), ChairId.New(), Now, Now, null, Now));
    }

    [Fact]
    public void AReleasedHold_GoesToTheFrontDesk_WithTheReason_AndIsResolvedByHand()
    {
        var c = NewCase();
        c.Hold(SessionId.New(), ChairId.New(), Now + Duration.FromDays(17), Now + Duration.FromHours(24), "session 4 moved", Now);

        Assert.Null(c.Release("No answer by Tue 24 Nov 2026 10:00", Now + Duration.FromHours(25)));

        Assert.Equal((RebookingStatus.FrontDesk, "No answer by Tue 24 Nov 2026 10:00"), (c.Status, c.FrontDeskReason));
        Assert.NotNull(c.Accept(Now));
        Assert.Null(c.Resolve("front desk", "Booked by phone", Now + Duration.FromHours(26)));
        Assert.Equal((RebookingStatus.Resolved, "front desk"), (c.Status, c.ResolvedBy));
        Assert.False(c.IsOpen);
    }

    [Fact]
    public void AFreedTime_GoesToTheFirstWhoAccepts_TheSecondIsTooLate()
    {
        var entries = Enumerable.Range(0, 3).Select(_ => WaitlistEntry.Add(ClinicId.New(), PatientId.New(), SeriesId.New(), SessionId.New(), null, "desk", Now)).ToList();
        var offer = SlotOffer.Make(ClinicId.New(), ChairId.New(), Now + Duration.FromDays(2), "cancelled", Now + Duration.FromHours(2), Now,
            entries.Select(e => (e, "3 day(s) earlier")));
        var version = offer.Version;

        Assert.Equal([1, 2, 3], offer.Recipients.Select(r => r.Rank));
        Assert.Null(offer.Take(offer.Recipients[1], Now + Duration.FromMinutes(5)));
        Assert.NotEqual(version, offer.Version);
        var late = offer.Take(offer.Recipients[0], Now + Duration.FromMinutes(5));

        Assert.NotNull(late);
        Assert.Contains("taken", late.Message, StringComparison.Ordinal);
        Assert.Equal((OfferStatus.Taken, entries[1].PatientId), (offer.Status, offer.TakenBy));
        Assert.Equal([OfferAnswer.TooLate, OfferAnswer.Accepted, OfferAnswer.None], offer.Recipients.Select(r => r.Answered));
    }

    [Fact]
    public void AnOffer_ExpiresUnanswered_OrWhenEveryoneSaysNo()
    {
        var entries = Enumerable.Range(0, 2).Select(_ => WaitlistEntry.Add(ClinicId.New(), PatientId.New(), SeriesId.New(), SessionId.New(), null, "desk", Now)).ToList();
        var offer = SlotOffer.Make(ClinicId.New(), ChairId.New(), Now + Duration.FromDays(2), "cancelled", Now + Duration.FromHours(2), Now, entries.Select(e => (e, "match")));
        Assert.False(offer.Expire(Now + Duration.FromMinutes(119)));
        Assert.NotNull(offer.Take(offer.Recipients[0], Now + Duration.FromHours(2)));
        Assert.True(offer.Expire(Now + Duration.FromHours(2)));

        var other = SlotOffer.Make(ClinicId.New(), ChairId.New(), Now + Duration.FromDays(2), "cancelled", Now + Duration.FromHours(2), Now, entries.Select(e => (e, "match")));
        other.Decline(other.Recipients[0], Now);
        Assert.Equal(OfferStatus.Open, other.Status);
        other.Decline(other.Recipients[1], Now);
        Assert.Equal(OfferStatus.Expired, other.Status);
    }

    [Theory]
    [InlineData(ReminderKind.Rebooking)]
    [InlineData(ReminderKind.WaitlistOffer)]
    [InlineData(ReminderKind.OfferTaken)]
    public void OfferTexts_FitOneSms_WithTheLongestDateTimeAndLink_AndNameNoTreatment(ReminderKind kind)
    {
        var values = new TemplateValues(ReminderPolicy.Default.SenderName, new LocalDate(2027, 9, 29), new LocalTime(12, 45), new string('x', 40), TemplateValues.SmsStop);

        var sms = OfferTemplates.For(kind, ContactChannel.Sms).Render(values);
        var email = OfferTemplates.For(kind, ContactChannel.Email).Render(values);

        Assert.InRange(sms.Body.Length, 1, 160);
        Assert.Null(ReminderPolicy.Default.ForbiddenWords.FindIn(sms.Body));
        Assert.Null(ReminderPolicy.Default.ForbiddenWords.FindIn(email.Body + email.Subject));
        Assert.Throws<InvalidValueException>(() => ReminderPolicy.Default.Templates.With(kind, OfferTemplates.For(kind, ContactChannel.Sms)));
    }
}
