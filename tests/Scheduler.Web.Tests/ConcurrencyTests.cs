using System.Net;
using System.Text.Json;
using NodaTime.Text;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// Many POST /series at once for different patients, all wanting the same chair time: the booking
/// lock lets exactly one of each overlapping group through, and the book never double-books a chair.
/// </summary>
public sealed class ConcurrencyTests
{
    private const string Day = "2026-12-08";

    [Fact]
    public async Task Book_WhenManyRequestsRaceForTheSameChairAndStart_ExactlyOneWinsPerChair()
    {
        await using var s = await Scenario.Start();
        // Two groups of 12: one for Recliner 1 at 09:00, one for Recliner 2 at 13:00.
        var wanted = Enumerable.Range(0, 24)
            .Select(i => i % 2 == 0 ? new Choice(s.Recliner(1), $"{Day}T09:00") : new Choice(s.Recliner(2), $"{Day}T13:00"))
            .ToList();

        var results = await Race(s, wanted);

        foreach (var group in results.GroupBy(r => r.Choice))
        {
            Assert.Equal(1, group.Count(r => r.Status == HttpStatusCode.Created));
            Assert.All(group.Where(r => r.Status != HttpStatusCode.Created), r => AssertChairTaken(r));
        }
        await AssertNoChairDoubleBooked(s, expectedSessions: 2);
    }

    [Fact]
    public async Task Book_WhenStaggeredStartsOnOneChairAllOverlap_ExactlyOneWins()
    {
        await using var s = await Scenario.Start();
        // Starts 09:00, 09:15 … 10:45: each visit holds the chair 2 h, so any two of them overlap.
        var wanted = Enumerable.Range(0, 20)
            .Select(i => new Choice(s.Recliner(3), $"{Day}T{9 + i % 8 / 4:00}:{i % 4 * 15:00}"))
            .ToList();
        Assert.Equal(8, wanted.Distinct().Count());

        var results = await Race(s, wanted);

        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => AssertChairTaken(r));
        await AssertNoChairDoubleBooked(s, expectedSessions: 1);
    }

    private sealed record Outcome(Choice Choice, HttpStatusCode Status, string? MediaType, string Body);

    /// <summary>Creates one patient per request, then fires all the bookings together after a shared start signal.</summary>
    private static async Task<IReadOnlyList<Outcome>> Race(Scenario s, IReadOnlyList<Choice> wanted)
    {
        var patients = new List<Guid>();
        for (var i = 0; i < wanted.Count; i++)
            patients.Add(await s.CreatePatient($"Racer {i:00}"));

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = wanted.Select((choice, i) => Task.Run(async () =>
        {
            await go.Task;
            using var response = await s.PostSeries(patients[i], s.Sample.Depression, choice);
            return new Outcome(choice, response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(requests);

        Assert.All(outcomes, o => Assert.True(o.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{o.Status}: {o.Body}"));
        return outcomes;
    }

    private static void AssertChairTaken(Outcome outcome)
    {
        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal(Api.ProblemJson, outcome.MediaType);
        Assert.Equal("chairTaken", JsonDocument.Parse(outcome.Body).RootElement.GetProperty("rule").GetString());
    }

    /// <summary>On every chair, the chair time of the sessions in the schedule ([first block start, last block end)) never overlaps.</summary>
    private static async Task AssertNoChairDoubleBooked(Scenario s, int expectedSessions)
    {
        var chairs = (await s.Schedule(Day, Day)).Items("chairs");
        var sessions = 0;
        foreach (var chair in chairs)
        {
            var held = chair.Items("blocks")
                .GroupBy(b => b.GetProperty("sessionId").GetGuid())
                .Select(g => (Start: Instant(g.First().Str("start")), End: Instant(g.Last().Str("end"))))
                .OrderBy(h => h.Start)
                .ToList();
            sessions += held.Count;
            for (var i = 1; i < held.Count; i++)
                Assert.True(held[i - 1].End <= held[i].Start, $"{chair.Str("name")} is double-booked: {held[i - 1]} and {held[i]}");
        }
        Assert.Equal(expectedSessions, sessions);
    }

    private static NodaTime.Instant Instant(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant();
}
