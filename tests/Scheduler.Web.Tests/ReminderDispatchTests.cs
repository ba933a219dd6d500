using System.Net;
using System.Text.Json;
using NodaTime.Text;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// The dispatcher, run through Quartz as in production, sends what is due through the embedded
/// senders (no provider configured) and records what went; it decides again at send time.
/// </summary>
public sealed class ReminderDispatchTests
{
    [Fact]
    public async Task DueReminder_IsSentOnce_WithItsSignedLink_AndTheOthersWait()
    {
        await using var s = await Scenario.Start();
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        s.App.Clock.Set(At("2026-12-05T15:00:00Z")); // 10:00 in New York, three days before

        var first = await s.App.DispatchReminders();
        var again = await s.App.DispatchReminders();

        Assert.Equal(1, first.Sent);
        Assert.Equal(0, again.Claimed);
        var messages = (await s.Client.Get($"/sessions/{session}/messages")).Items();
        var confirm = messages.Single(m => m.Str("kind") == "confirm");
        Assert.Equal("sent", confirm.Str("status"));
        Assert.Equal("email", confirm.Str("channel"));
        Assert.Equal("riley@example.org", confirm.Str("sentTo"));
        Assert.Equal("2026-12-05T10:00:00-05:00", confirm.Str("sentAt"));
        Assert.Equal(1, confirm.GetProperty("attempts").GetInt32());
        Assert.Matches(@"http://localhost:5080/r/[A-Za-z0-9_-]{16}(?![A-Za-z0-9_-])", confirm.Str("body"));
        Assert.Contains("Tue 8 Dec at 10:00 AM", confirm.Str("body"), StringComparison.Ordinal);
        Assert.DoesNotContain("ketamine", confirm.Str("body"), StringComparison.OrdinalIgnoreCase);
        Assert.All(messages.Where(m => m.Str("kind") != "confirm"), m => Assert.Equal("scheduled", m.Str("status")));
    }

    [Fact]
    public async Task CancelledAfterPlanning_IsNotSent()
    {
        await using var s = await Scenario.Start();
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        // Not rebooked: a rebooking would send the patient a message about the new time.
        await (await s.Client.Post($"/sessions/{session}/cancel", new { reason = "Away", rebook = false })).Expect(HttpStatusCode.OK);
        s.App.Clock.Set(At("2026-12-08T14:00:00Z"));

        var report = await s.App.DispatchReminders();

        Assert.Equal(0, report.Sent);
        Assert.All((await s.Client.Get($"/sessions/{session}/messages")).Items(), m => Assert.Equal("suppressed", m.Str("status")));
    }

    internal static NodaTime.Instant At(string utc) => InstantPattern.ExtendedIso.Parse(utc).Value;

    internal static async Task<IReadOnlyList<JsonElement>> Messages(Scenario s, Guid session) =>
        (await s.Client.Get($"/sessions/{session}/messages")).Items();
}
