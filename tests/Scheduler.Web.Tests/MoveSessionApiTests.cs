using System.Net;
using System.Text.Json;
using NodaTime;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>POST /sessions/{id}/move: every chair rule and the series spacing hold; a refusal changes nothing.</summary>
public sealed class MoveSessionApiTests
{
    [Fact]
    public async Task Move_ToAFreeSlot_MovesIt_AsksForConfirmationAgain_AndIsAudited()
    {
        await using var s = await Scenario.Start();
        var second = (await BookInduction(s)).Items("sessions")[1];
        await (await s.Client.PostEmpty($"/sessions/{second.Id()}/confirm")).Expect(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.Path($"/sessions/{second.Id()}/move"))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { start = "2026-12-09T13:00", chairId = s.Recliner(2), reason = "Patient asked for the afternoon" }),
        };
        request.Headers.Add("X-Actor", "desk.ana");

        var moved = await (await s.Client.SendAsync(request)).Expect(HttpStatusCode.OK);

        Assert.Equal("booked", moved.Str("status"));
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("confirmedAt").ValueKind);
        Assert.Equal(s.Recliner(2), moved.GetProperty("chairId").GetGuid());
        Assert.Equal("2026-12-09T13:00:00-05:00", moved.Str("start"));
        Assert.Equal("2026-12-09T15:00:00-05:00", moved.Str("turnoverEnd"));
        Assert.Equal(moved.GetRawText(), (await s.Session(second.Id())).GetRawText());
        var last = (await s.Client.Get($"/audit/{second.Id()}")).Items()[^1];
        Assert.Equal(("moved", "desk.ana", "Patient asked for the afternoon"), (last.Str("action"), last.Str("actor"), last.Str("reason")));
        var day = (await s.Schedule("2026-12-09", "2026-12-09")).Items("chairs");
        Assert.Empty(day.Single(c => c.Id() == s.Recliner(1)).Items("blocks"));
        Assert.All(day.Single(c => c.Id() == s.Recliner(2)).Items("blocks"), b => Assert.Equal(second.Id(), b.GetProperty("sessionId").GetGuid()));
    }

    [Fact]
    public async Task Move_OntoAChairTakenDuringAnotherSessionsObservation_IsRefused()
    {
        await using var s = await Scenario.Start();
        var second = (await BookInduction(s)).Items("sessions")[1];
        // Quinn on Recliner 3: infusion 09:00–09:45, observation 09:45–10:45, turnover to 11:00.
        await s.BookOne(s.Quinn, s.Recliner(3), "2026-12-09T09:00");

        var response = await s.Client.Post($"/sessions/{second.Id()}/move", new { start = "2026-12-09T10:00", chairId = s.Recliner(3) });

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict, "chairTaken");
        Assert.Contains("09:00 to 11:00", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(second.GetRawText(), (await s.Session(second.Id())).GetRawText());
    }

    [Fact]
    public async Task Move_ToRightAfterAnotherSessionsTurnover_IsAllowed()
    {
        await using var s = await Scenario.Start();
        var second = (await BookInduction(s)).Items("sessions")[1];
        await s.BookOne(s.Quinn, s.Recliner(3), "2026-12-09T09:00");

        // Occupancy is half-open: Quinn's chair time ends at 11:00, so 11:00 is free.
        var moved = await (await s.Client.Post($"/sessions/{second.Id()}/move", new { start = "2026-12-09T11:00", chairId = s.Recliner(3) }))
            .Expect(HttpStatusCode.OK);

        Assert.Equal("2026-12-09T11:00:00-05:00", moved.Str("start"));
    }

    [Fact]
    public async Task Move_ThatBreaksTheSeriesSpacing_IsRefused()
    {
        await using var s = await Scenario.Start();
        var second = (await BookInduction(s)).Items("sessions")[1];

        // Tue 8 Dec is one day after session 1 on Mon 7 Dec; the induction needs 2–4.
        var response = await s.Client.Post($"/sessions/{second.Id()}/move", new { start = "2026-12-08T09:00" });

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict, "seriesSpacing");
        Assert.Contains("Session 2 must be 2–4 days after session 1", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(second.GetRawText(), (await s.Session(second.Id())).GetRawText());
    }

    [Fact]
    public async Task Move_IntoThePast_IsRefused()
    {
        await using var s = await Scenario.Start();
        var session = await s.BookOne(s.Quinn, s.Recliner(1), "2026-11-30T09:00");

        var response = await s.Client.Post($"/sessions/{session.Id()}/move", new { start = "2026-11-20T09:00" });

        await response.ExpectProblem(HttpStatusCode.Conflict, "inThePast");
        Assert.Equal(session.GetRawText(), (await s.Session(session.Id())).GetRawText());
    }

    [Fact]
    public async Task Move_OfASessionThatHasStarted_IsRefused()
    {
        await using var s = await Scenario.Start();
        var session = await s.BookOne(s.Quinn, s.Recliner(1), "2026-11-30T09:00");
        s.App.Clock.Set(Instant.FromUtc(2026, 11, 30, 14, 5));

        var response = await s.Client.Post($"/sessions/{session.Id()}/move", new { start = "2026-11-30T13:00" });

        await response.ExpectProblem(HttpStatusCode.Conflict, "inThePast");
        Assert.Equal(session.GetRawText(), (await s.Session(session.Id())).GetRawText());
    }

    [Fact]
    public async Task Move_OutsideOpeningHours_IsRefused()
    {
        await using var s = await Scenario.Start();
        var second = (await BookInduction(s)).Items("sessions")[1];

        // 18:00 + 2 h ends at 20:00; the clinic closes at 19:00.
        var response = await s.Client.Post($"/sessions/{second.Id()}/move", new { start = "2026-12-09T18:00" });

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict, "outsideOpeningHours");
        Assert.Contains("07:30–19:00", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(second.GetRawText(), (await s.Session(second.Id())).GetRawText());
    }

    [Fact]
    public async Task Move_ToAClosureDay_IsRefused()
    {
        await using var s = await Scenario.Start();
        var session = await s.BookOne(s.Quinn, s.Recliner(1), "2026-12-22T09:00");

        var response = await s.Client.Post($"/sessions/{session.Id()}/move", new { start = "2026-12-24T09:00" });

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict, "clinicClosed");
        Assert.Contains("Christmas Eve", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(session.GetRawText(), (await s.Session(session.Id())).GetRawText());
    }

    [Fact]
    public async Task Move_ToAChairOfAnotherKind_IsRefused()
    {
        await using var s = await Scenario.Start();
        var second = (await BookInduction(s)).Items("sessions")[1];

        var response = await s.Client.Post($"/sessions/{second.Id()}/move", new { start = "2026-12-09T09:00", chairId = s.Sample.Chairs["Bed A"] });

        await response.ExpectProblem(HttpStatusCode.Conflict, "wrongChair");
        Assert.Equal(second.GetRawText(), (await s.Session(second.Id())).GetRawText());
    }

    /// <summary>Riley's Depression induction on Recliner 1 at 09:00: Mon 7, Wed 9, Fri 11, Mon 14, Wed 16, Fri 18 Dec 2026.</summary>
    private static Task<JsonElement> BookInduction(Scenario s)
    {
        var r1 = s.Recliner(1);
        return s.Book(s.Riley, s.Sample.Depression,
            new(r1, "2026-12-07T09:00"), new(r1, "2026-12-09T09:00"), new(r1, "2026-12-11T09:00"),
            new(r1, "2026-12-14T09:00"), new(r1, "2026-12-16T09:00"), new(r1, "2026-12-18T09:00"));
    }
}
