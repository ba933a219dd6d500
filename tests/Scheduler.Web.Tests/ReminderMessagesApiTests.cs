using System.Net;
using System.Text.Json;
using NodaTime.Text;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// Every booked session has its reminder messages (3 days before to confirm, 1 day before to
/// prepare, 2 hours before), kept in step with the session: moving it plans them again, cancelling
/// it suppresses them, each with its status readable per session and per patient.
/// </summary>
public sealed class ReminderMessagesApiTests
{
    [Fact]
    public async Task Book_PlansTheSessionsReminders_OutsideQuietHours()
    {
        await using var s = await Scenario.Start();
        var session = await BookedSession(s, "2026-12-08T10:00");

        var messages = await Messages(s, session);

        Assert.Equal(
            [("confirm", "scheduled", "2026-12-05T10:00:00-05:00"), ("prepare", "scheduled", "2026-12-07T10:00:00-05:00"),
             ("sameDay", "scheduled", "2026-12-08T09:00:00-05:00")],
            messages.Select(m => (m.Str("kind"), m.Str("status"), m.Str("dueAt"))).OrderBy(m => m.Item3));
        // The same-day reminder's nominal 08:00 falls in quiet hours (before 09:00): it goes out when they end.
        Assert.Equal("2026-12-08T08:00:00-05:00", messages.Single(m => m.Str("kind") == "sameDay").Str("nominal"));
    }

    [Fact]
    public async Task Move_SuppressesThePendingRemindersAndPlansNewOnes()
    {
        await using var s = await Scenario.Start();
        var session = await BookedSession(s, "2026-12-08T10:00");

        await (await s.Client.Post($"/sessions/{session}/move", new { start = "2026-12-10T14:00", reason = "Asked" })).Expect(HttpStatusCode.OK);

        var messages = await Messages(s, session);
        Assert.Equal(6, messages.Count);
        Assert.All(messages.Where(m => m.Str("sessionStart") == "2026-12-08T10:00:00-05:00"), m =>
        {
            Assert.Equal("suppressed", m.Str("status"));
            Assert.Equal("sessionMoved", m.Str("reason"));
        });
        Assert.Equal(
            ["2026-12-07T14:00:00-05:00", "2026-12-09T14:00:00-05:00", "2026-12-10T12:00:00-05:00"],
            messages.Where(m => m.Str("status") == "scheduled").Select(m => m.Str("dueAt")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cancel_SuppressesTheRemindersStillToGo()
    {
        await using var s = await Scenario.Start();
        var session = await BookedSession(s, "2026-12-08T10:00");

        await (await s.Client.Post($"/sessions/{session}/cancel", new { reason = "Feeling unwell" })).Expect(HttpStatusCode.OK);

        var messages = await Messages(s, session);
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal("suppressed", m.Str("status"));
            Assert.Equal("sessionCancelled", m.Str("reason"));
            Assert.Contains("Feeling unwell", m.Str("reasonText"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Book_OnTheMorningOfTheSession_SendsOnlyTheLatestReminder()
    {
        await using var s = await Scenario.Start();
        // 08:00 in New York on the day: the 3-day and 1-day reminders are overdue, and quiet hours hold everything until 09:00.
        s.App.Clock.Set(InstantPattern.ExtendedIso.Parse("2026-12-08T13:00:00Z").Value);
        var session = await BookedSession(s, "2026-12-08T11:00");

        var messages = await Messages(s, session);

        Assert.Equal("2026-12-08T09:00:00-05:00", messages.Single(m => m.Str("status") == "scheduled" && m.Str("kind") == "sameDay").Str("dueAt"));
        Assert.All(messages.Where(m => m.Str("kind") != "sameDay"), m => Assert.Equal("superseded", m.Str("reason")));
    }

    [Fact]
    public async Task PatientMessages_ListEverySessionsReminders_AndAFailedBookingWritesNone()
    {
        await using var s = await Scenario.Start();
        await BookedSession(s, "2026-12-08T10:00");
        await BookedSession(s, "2026-12-11T10:00");
        // Taken chair: refused, and it plans no reminders for anyone.
        var refused = await s.Client.Post("/series", new
        {
            patientId = s.Quinn,
            protocolId = s.Sample.Depression,
            sessions = new[] { new { chairId = s.Recliner(1), start = "2026-12-08T10:30" } },
        });
        await refused.ExpectProblem(HttpStatusCode.Conflict, "chairTaken");

        var riley = (await s.Client.Get($"/patients/{s.Riley}/messages")).Items();
        var quinn = (await s.Client.Get($"/patients/{s.Quinn}/messages")).Items();

        Assert.Equal(6, riley.Count);
        Assert.Equal(2, riley.Select(m => m.Str("sessionId")).Distinct().Count());
        Assert.Empty(quinn);
        await (await s.Client.GetAsync(Api.Path($"/patients/{Guid.NewGuid()}/messages"))).ExpectProblem(HttpStatusCode.NotFound);
    }

    private static async Task<Guid> BookedSession(Scenario s, string start) =>
        (await s.BookOne(s.Riley, s.Recliner(1), start)).Id();

    private static async Task<IReadOnlyList<JsonElement>> Messages(Scenario s, Guid session) =>
        (await s.Client.Get($"/sessions/{session}/messages")).Items();
}
