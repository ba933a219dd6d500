using System.Net;
using System.Text.Json;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// When reminders really go out, end to end: booked through HTTP, sent by the dispatcher run through
/// Quartz at set moments of the fake clock. Day-based reminders keep the local time across a
/// daylight-saving change; a reminder that falls due in quiet hours (the app was down) is put off or
/// dropped; SMS caps per local day and week hold, falling back to email where the patient has one;
/// a session the front desk confirmed gets no request to confirm.
/// </summary>
public sealed class ReminderTimingTests
{
    private static readonly string[] EveryDay = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>
    /// Sunday 14 Mar 2027 (clocks go forward at 02:00) and Sunday 7 Nov 2027 (back at 02:00) in New
    /// York. The day-before reminder is due on Saturday at 10:00 local, which is 23 h (spring) or
    /// 25 h (fall) before the session, not 24 h: 24 h before would be 09:00 EST = 14:00Z in spring
    /// and 11:00 EDT = 15:00Z in the fall.
    /// </summary>
    [Theory]
    [InlineData("2027-03-08T17:00:00Z", "2027-03-14T10:00", "2027-03-14T10:00:00-04:00", "2027-03-11T15:00:00Z", "2027-03-13T15:00:00Z", "2027-03-13T10:00:00-05:00")]
    [InlineData("2027-11-01T17:00:00Z", "2027-11-07T10:00", "2027-11-07T10:00:00-05:00", "2027-11-04T14:00:00Z", "2027-11-06T14:00:00Z", "2027-11-06T10:00:00-04:00")]
    public async Task DayBeforeReminder_AcrossADstChange_GoesAtTheSameLocalTime_NotTwentyFourHoursBefore(
        string bookedAt, string start, string startLocal, string confirmDue, string prepareDue, string prepareLocal)
    {
        await using var s = await Scenario.Start();
        var (clinic, chair, protocol) = await Bodies.SmallClinic(s.Client,
            Bodies.Clinic("Seven Days Infusion", EveryDay, "08:00", "18:00"), Bodies.Protocol("Single infusion", 1, 1, 1));
        var patient = await s.CreatePatient("Sam Sunday", clinic);
        s.App.Clock.Set(At(bookedAt));
        var session = (await s.Book(patient, protocol, new Choice(chair, start))).Items("sessions").Single();
        Assert.Equal(startLocal, session.Str("start"));
        var id = session.Id();
        Assert.Equal(prepareLocal, (await Messages(s, id)).Single(m => m.Str("kind") == "prepare").Str("dueAt"));
        s.App.Clock.Set(At(confirmDue));
        Assert.Equal(1, (await s.App.DispatchReminders()).Sent); // the 3-day confirm request, out of the way

        s.App.Clock.Set(At(prepareDue) - NodaTime.Duration.FromMinutes(1));
        var early = await s.App.DispatchReminders();
        s.App.Clock.Set(At(prepareDue));
        var due = await s.App.DispatchReminders();

        Assert.Equal(0, early.Claimed);
        Assert.Equal(1, due.Sent);
        var prepare = (await Messages(s, id)).Single(m => m.Str("kind") == "prepare");
        Assert.Equal(("sent", prepareLocal), (prepare.Str("status"), prepare.Str("sentAt")));
    }

    [Fact]
    public async Task ReminderDueAt1930_FirstDispatchedAt2100_IsPutOffTo0900_WhenTheSessionIsLater()
    {
        await using var s = await Scenario.Start();
        var (chair, protocol, patient) = await LateClinic(s);
        s.App.Clock.Set(At("2026-11-30T12:00:00Z"));
        var id = (await s.Book(patient, protocol, new Choice(chair, "2026-12-04T19:30"))).Items("sessions").Single().Id();
        Assert.Equal("2026-12-01T19:30:00-05:00", Confirm(await Messages(s, id)).Str("dueAt"));

        // The app was down from before 19:30 until 21:00 on Tuesday 1 Dec.
        s.App.Clock.Set(At("2026-12-02T02:00:00Z"));
        var late = await s.App.DispatchReminders();

        Assert.Equal((1, 0, 1), (late.Claimed, late.Sent, late.PutOff));
        var putOff = Confirm(await Messages(s, id));
        Assert.Equal(("scheduled", "2026-12-02T09:00:00-05:00"), (putOff.Str("status"), putOff.Str("dueAt")));
        Assert.Contains("Put off to Wed 2 Dec 2026 09:00", putOff.Str("note"), StringComparison.Ordinal);
        Assert.Contains("quiet hours", putOff.Str("note"), StringComparison.Ordinal);

        s.App.Clock.Set(At("2026-12-02T14:00:00Z"));
        Assert.Equal(1, (await s.App.DispatchReminders()).Sent);
        var sent = Confirm(await Messages(s, id));
        Assert.Equal(("sent", "2026-12-02T09:00:00-05:00"), (sent.Str("status"), sent.Str("sentAt")));
    }

    [Fact]
    public async Task ReminderDueAt1930_FirstDispatchedAt2100_IsSuppressedForQuietHours_WhenTheSessionComesFirst()
    {
        await using var s = await Scenario.Start();
        var (chair, protocol, patient) = await LateClinic(s);
        s.App.Clock.Set(At("2026-12-04T15:00:00Z")); // Friday 10:00: booked for 21:30 the same evening
        var id = (await s.Book(patient, protocol, new Choice(chair, "2026-12-04T21:30"))).Items("sessions").Single().Id();
        Assert.Equal("2026-12-04T19:30:00-05:00", (await Messages(s, id)).Single(m => m.Str("kind") == "sameDay").Str("dueAt"));
        Assert.Equal(1, (await s.App.DispatchReminders()).Sent); // the preparation reminder, at once

        s.App.Clock.Set(At("2026-12-05T02:00:00Z")); // 21:00: quiet until 09:00 tomorrow, after the session
        var late = await s.App.DispatchReminders();

        Assert.Equal((1, 0, 1, 0), (late.Claimed, late.Sent, late.Suppressed, late.PutOff));
        var sameDay = (await Messages(s, id)).Single(m => m.Str("kind") == "sameDay");
        Assert.Equal(("suppressed", "quietHours"), (sameDay.Str("status"), sameDay.Str("reason")));
        Assert.Contains("quiet hours", sameDay.Str("reasonText"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailySmsCap_SmsPreferringPatientWithEmail_GetsTheSecondReminderOfTheDayByEmail()
    {
        await using var s = await Scenario.Start();
        var avery = s.Sample.Patients["Avery Sample"];

        var messages = await ConsecutiveDaysWithDispatches(s, avery);

        var sms = messages.Where(m => m.Str("status") == "sent" && m.Str("channel") == "sms").ToList();
        Assert.Equal(["2026-12-07", "2026-12-08", "2026-12-09"], sms.Select(m => m.Str("sentAt")[..10]).Order(StringComparer.Ordinal));
        var emails = messages.Where(m => m.Str("status") == "sent" && m.Str("channel") == "email").ToList();
        Assert.Equal(["2026-12-07", "2026-12-08"], emails.Select(m => m.Str("sentAt")[..10]).Order(StringComparer.Ordinal));
        Assert.All(emails, m =>
        {
            Assert.Equal("avery@example.org", m.Str("sentTo"));
            Assert.StartsWith("Sent by email instead of SMS: The patient already has 1 SMS on", m.Str("note"), StringComparison.Ordinal);
            Assert.Contains("at most 1 a day", m.Str("note"), StringComparison.Ordinal);
        });
        // Tuesday: the same-day reminder of the first session went by SMS at 09:00, so the second session's preparation went by email.
        var tuesday = emails.Single(m => m.Str("sentAt")[..10] == "2026-12-08");
        Assert.Equal(("prepare", "2026-12-08T10:00:00-05:00"), (tuesday.Str("kind"), tuesday.Str("sentAt")));
        Assert.DoesNotContain(messages, m => m.Str("status") == "suppressed" && m.Str("reason") is "dailyCap" or "weeklyCap");
    }

    [Fact]
    public async Task DailySmsCap_SmsOnlyPatient_TheCappedReminderIsSuppressed()
    {
        await using var s = await Scenario.Start();

        var messages = await ConsecutiveDaysWithDispatches(s, s.Quinn);

        var sms = messages.Where(m => m.Str("status") == "sent").ToList();
        Assert.All(sms, m => Assert.Equal("sms", m.Str("channel")));
        Assert.Equal(["2026-12-07", "2026-12-08", "2026-12-09"], sms.Select(m => m.Str("sentAt")[..10]).Order(StringComparer.Ordinal));
        var capped = messages.Where(m => m.Str("reason") is "dailyCap").ToList();
        Assert.Equal(2, capped.Count);
        Assert.Contains(capped, m => m.Str("kind") == "prepare" && m.Str("dueAt") == "2026-12-08T10:00:00-05:00");
        Assert.All(capped, m => Assert.Contains("at most 1 a day", m.Str("reasonText"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task WeeklySmsCap_FourthSmsInSevenDays_IsSuppressed()
    {
        await using var s = await Scenario.Start();
        // SMS days: Sat 5, Mon 7, Tue 8 Dec for the first session; the second's confirm request on Wed 9 would be the fourth.
        var first = (await s.BookOne(s.Quinn, s.Recliner(1), "2026-12-08T10:00")).Id();
        var second = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-12T10:00")).Id();
        foreach (var at in new[] { "2026-12-05T15:00:00Z", "2026-12-07T15:00:00Z", "2026-12-08T14:00:00Z" })
        {
            s.App.Clock.Set(At(at));
            Assert.Equal(1, (await s.App.DispatchReminders()).Sent);
        }

        s.App.Clock.Set(At("2026-12-09T15:00:00Z"));
        var fourth = await s.App.DispatchReminders();

        Assert.Equal((1, 0, 1), (fourth.Claimed, fourth.Sent, fourth.Suppressed));
        Assert.All(await Messages(s, first), m => Assert.Equal(("sent", "sms"), (m.Str("status"), m.Str("channel"))));
        var confirm = Confirm(await Messages(s, second));
        Assert.Equal(("suppressed", "weeklyCap"), (confirm.Str("status"), confirm.Str("reason")));
        Assert.Contains("already has 3 SMS", confirm.Str("reasonText"), StringComparison.Ordinal);
        Assert.Contains("at most 3 in seven days", confirm.Str("reasonText"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmedByTheFrontDesk_BeforeTheConfirmRequestIsDue_TheRequestIsSuppressed()
    {
        await using var s = await Scenario.Start();
        var id = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        await (await s.Client.PostEmpty($"/sessions/{id}/confirm")).Expect(HttpStatusCode.OK);

        s.App.Clock.Set(At("2026-12-05T15:00:00Z"));
        var report = await s.App.DispatchReminders();

        Assert.Equal(0, report.Sent);
        var confirm = Confirm(await Messages(s, id));
        Assert.Equal(("suppressed", "alreadyConfirmed"), (confirm.Str("status"), confirm.Str("reason")));
        // The preparation reminder still goes: a confirmed patient still needs it.
        s.App.Clock.Set(At("2026-12-07T15:00:00Z"));
        Assert.Equal(1, (await s.App.DispatchReminders()).Sent);
        Assert.Equal("sent", (await Messages(s, id)).Single(m => m.Str("kind") == "prepare").Str("status"));
    }

    /// <summary>
    /// Booked on Monday 7 Dec 12:00 for Tuesday and Wednesday 10:00, so that each local day from
    /// Monday to Wednesday has two reminders due: Monday 12:00 the first session's preparation and
    /// the second's confirm request (both overdue at booking), Tuesday 09:00 and 10:00 the first's
    /// same-day and the second's preparation, Wednesday 09:00 the second's same-day. The dispatcher
    /// runs at each of those moments. Returns the patient's messages.
    /// </summary>
    private static async Task<IReadOnlyList<JsonElement>> ConsecutiveDaysWithDispatches(Scenario s, Guid patient)
    {
        s.App.Clock.Set(At("2026-12-07T17:00:00Z"));
        await s.BookOne(patient, s.Recliner(1), "2026-12-08T10:00");
        await s.BookOne(patient, s.Recliner(2), "2026-12-09T10:00");
        foreach (var at in new[] { "2026-12-07T17:00:00Z", "2026-12-08T14:00:00Z", "2026-12-08T15:00:00Z", "2026-12-09T14:00:00Z" })
        {
            s.App.Clock.Set(At(at));
            await s.App.DispatchReminders();
        }
        return (await s.Client.Get($"/patients/{patient}/messages")).Items();
    }

    /// <summary>A clinic of its own open every day 08:00–23:30, so that sessions can be in the evening; a patient reached by email.</summary>
    private static async Task<(Guid Chair, Guid Protocol, Guid Patient)> LateClinic(Scenario s)
    {
        var (clinic, chair, protocol) = await Bodies.SmallClinic(s.Client,
            Bodies.Clinic("Evening Infusion", EveryDay, "08:00", "23:30"), Bodies.Protocol("Single infusion", 1, 1, 1));
        return (chair, protocol, await s.CreatePatient("Eve Evening", clinic));
    }

    private static JsonElement Confirm(IReadOnlyList<JsonElement> messages) => messages.Single(m => m.Str("kind") == "confirm");
}
