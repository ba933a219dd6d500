using System.Net;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>GET /clinics/{id}/schedule and out-of-service windows: blocks in clinic-local time with offsets, closures, windows.</summary>
public sealed class ScheduleApiTests
{
    [Fact]
    public async Task Schedule_ShowsABookedSessionAsInfusionObservationAndTurnoverBlocks_InLocalTimeWithOffset()
    {
        await using var s = await Scenario.Start();
        var session = await s.BookOne(s.Riley, s.Recliner(2), "2026-12-08T10:00");

        var schedule = await s.Schedule("2026-12-08", "2026-12-08");

        Assert.Equal("America/New_York", schedule.Str("timeZone"));
        var chairs = schedule.Items("chairs");
        Assert.Equal(8, chairs.Count);
        var blocks = chairs.Single(c => c.Id() == s.Recliner(2)).Items("blocks");
        Assert.Equal(
            [("infusion", "2026-12-08T10:00:00-05:00", "2026-12-08T10:45:00-05:00"),
             ("observation", "2026-12-08T10:45:00-05:00", "2026-12-08T11:45:00-05:00"),
             ("turnover", "2026-12-08T11:45:00-05:00", "2026-12-08T12:00:00-05:00")],
            blocks.Select(b => (b.Str("kind"), b.Str("start"), b.Str("end"))));
        Assert.All(blocks, b => Assert.Equal(session.Id(), b.GetProperty("sessionId").GetGuid()));
        Assert.All(blocks, b => Assert.Equal(s.Riley, b.GetProperty("patientId").GetGuid()));
        Assert.All(chairs.Where(c => c.Id() != s.Recliner(2)), c => Assert.Empty(c.Items("blocks")));
        Assert.Empty(schedule.Items("recoveryArea"));
        Assert.Empty((await s.Schedule("2026-12-09", "2026-12-09")).Items("chairs").SelectMany(c => c.Items("blocks")));
    }

    [Fact]
    public async Task Schedule_InSummer_UsesTheDaylightSavingOffset()
    {
        await using var s = await Scenario.Start();
        await s.BookOne(s.Riley, s.Recliner(1), "2027-06-08T10:00");

        var blocks = (await s.Schedule("2027-06-08", "2027-06-08")).Items("chairs").Single(c => c.Id() == s.Recliner(1)).Items("blocks");

        Assert.Equal(["2027-06-08T10:00:00-04:00", "2027-06-08T10:45:00-04:00", "2027-06-08T11:45:00-04:00"], blocks.Select(b => b.Str("start")));
    }

    [Fact]
    public async Task Schedule_ListsTheClosuresInRange()
    {
        await using var s = await Scenario.Start();

        var schedule = await s.Schedule("2026-12-20", "2027-01-05");

        Assert.Equal(
            [("2026-12-24", "Christmas Eve"), ("2026-12-25", "Christmas Day"), ("2027-01-01", "New Year's Day")],
            schedule.Items("closures").Select(c => (c.Str("date"), c.Str("reason"))));
        Assert.Empty((await s.Schedule("2026-12-01", "2026-12-23")).Items("closures"));
    }

    [Fact]
    public async Task OutOfService_IsListedInTheScheduleOfItsDays_AndRefusesBookingsInIt()
    {
        await using var s = await Scenario.Start();
        var bedA = s.Sample.Chairs["Bed A"];

        var chair = await (await s.Client.Post($"/chairs/{bedA}/out-of-service",
            new { start = "2026-12-09T08:00", end = "2026-12-09T12:00", reason = "Pump maintenance" })).Expect(HttpStatusCode.OK);

        var window = chair.Items("outOfService").Single();
        var listed = (await s.Schedule("2026-12-09", "2026-12-09")).Items("chairs").Single(c => c.Id() == bedA).Items("outOfService").Single();
        Assert.Equal(window.GetRawText(), listed.GetRawText());
        Assert.Equal(("2026-12-09T08:00:00-05:00", "2026-12-09T12:00:00-05:00", "Pump maintenance"), (listed.Str("start"), listed.Str("end"), listed.Str("reason")));
        Assert.Empty((await s.Schedule("2026-12-10", "2026-12-10")).Items("chairs").Single(c => c.Id() == bedA).Items("outOfService"));
        var booking = await s.PostSeries(s.Riley, s.Sample.Extended, new Choice(bedA, "2026-12-09T11:45"));
        await booking.ExpectProblem(HttpStatusCode.Conflict, "chairOutOfService");
    }

    [Fact]
    public async Task OutOfService_OverABookedSession_CancelsIt_AndRebooksItAtTheSameTimeOnAnotherChair()
    {
        await using var s = await Scenario.Start();
        var session = (await s.BookOne(s.Riley, s.Recliner(4), "2026-12-08T10:00")).Id();
        await (await s.Client.PostEmpty($"/sessions/{session}/confirm")).Expect(HttpStatusCode.OK);

        // The session holds the chair until 12:00 (turnover included); the window starts in the turnover.
        var response = await s.Client.Post($"/chairs/{s.Recliner(4)}/out-of-service",
            new { start = "2026-12-08T11:50", end = "2026-12-08T17:00", reason = "Cleaning" });

        await response.Expect(HttpStatusCode.OK);
        Assert.Single((await s.Client.Get($"/chairs/{s.Recliner(4)}")).Items("outOfService"));
        var cancelled = await s.Session(session);
        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Contains("Recliner 4 is out of service", cancelled.Str("endReason"), StringComparison.Ordinal);
        var rebooked = await s.WaitForRebooking(session);
        Assert.Equal("rebooked", rebooked.Str("status"));
        var makeUp = await s.Session(rebooked.GetProperty("heldSessionId").GetGuid());
        Assert.Equal(("2026-12-08T10:00:00-05:00", "confirmed"), (makeUp.Str("start"), makeUp.Str("status")));
        Assert.NotEqual(s.Recliner(4), makeUp.GetProperty("chairId").GetGuid());
        Assert.Contains((await s.Client.Get($"/audit/{s.Recliner(4)}")).Items(), a => a.Str("action") == "out-of-service added");
    }

    [Fact]
    public async Task OutOfService_StartingWhenTheTurnoverEnds_IsAccepted()
    {
        await using var s = await Scenario.Start();
        await s.BookOne(s.Riley, s.Recliner(4), "2026-12-08T10:00");

        var chair = await (await s.Client.Post($"/chairs/{s.Recliner(4)}/out-of-service",
            new { start = "2026-12-08T12:00", end = "2026-12-08T17:00", reason = "Cleaning" })).Expect(HttpStatusCode.OK);

        Assert.Single(chair.Items("outOfService"));
    }

    [Theory]
    [InlineData("from=2026-12-08&to=2026-12-01")]
    [InlineData("from=2026-12-01&to=2027-02-01")]
    [InlineData("from=tomorrow")]
    public async Task Schedule_WithABadRange_Is400(string query)
    {
        await using var s = await Scenario.Start();

        var response = await s.Client.GetAsync(Api.Path($"/clinics/{s.Sample.ClinicId}/schedule?{query}"));

        await response.ExpectProblem(HttpStatusCode.BadRequest);
    }
}
