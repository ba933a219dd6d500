using System.Net;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>POST /series/proposals and POST /series: whole series, ranked, booked all or nothing.</summary>
public sealed class SeriesApiTests
{
    // The sample's Depression protocol: 6 induction sessions 2–4 days apart, then boosters every 28–42 days.
    private const int Induction = 6;

    [Fact]
    public async Task Propose_ForAWholeSeries_ReturnsRankedProposalsWithEverySession_AndWritesNothing()
    {
        await using var s = await Scenario.Start();

        var view = await (await s.Client.Post("/series/proposals",
            new { patientId = s.Riley, protocolId = s.Sample.Depression, earliestDate = "2026-11-30", boosters = 2, maxProposals = 3 }))
            .Expect(HttpStatusCode.OK);

        Assert.True(view.GetProperty("found").GetBoolean());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("failure").ValueKind);
        var proposals = view.Items("proposals");
        Assert.Equal(3, proposals.Count);
        Assert.Equal([1, 2, 3], proposals.Select(p => p.GetProperty("rank").GetInt32()));
        var costs = proposals.Select(p => p.GetProperty("cost").GetDouble()).ToList();
        Assert.Equal(costs.Order(), costs);
        var recliners = s.Sample.Chairs.Where(c => c.Key.StartsWith("Recliner", StringComparison.Ordinal)).Select(c => c.Value).ToHashSet();
        foreach (var proposal in proposals)
        {
            Assert.NotEmpty(proposal.Items("reasons"));
            var sessions = proposal.Items("sessions");
            Assert.Equal(Induction + 2, sessions.Count);
            Assert.Equal(Enumerable.Range(1, Induction + 2), sessions.Select(x => x.GetProperty("ordinal").GetInt32()));
            Assert.Equal(Enumerable.Repeat("induction", Induction).Concat(Enumerable.Repeat("maintenance", 2)), sessions.Select(x => x.Str("phase")));
            Assert.All(sessions, x => Assert.Contains(x.GetProperty("chairId").GetGuid(), recliners));
            Assert.All(sessions, x => Assert.Equal(Moment(x.Str("start")).PlusMinutes(45), Moment(x.Str("infusionEnd"))));
            Assert.All(sessions, x => Assert.Equal(Moment(x.Str("infusionEnd")).PlusMinutes(60), Moment(x.Str("observationEnd"))));
            var dates = sessions.Select(x => Date(x.Str("start"))).ToList();
            Assert.True(dates[0] >= new LocalDate(2026, 11, 30));
            for (var i = 1; i < dates.Count; i++)
            {
                var gap = Period.DaysBetween(dates[i - 1], dates[i]);
                Assert.InRange(gap, i < Induction ? 2 : 28, i < Induction ? 4 : 42);
            }
        }

        Assert.Empty(await s.SeriesOf(s.Riley));
        var lastDate = proposals.SelectMany(p => p.Items("sessions")).Max(x => Date(x.Str("start")));
        Assert.Empty(await s.Blocks("2026-11-30", LocalDatePattern.Iso.Format(lastDate)));
    }

    [Fact]
    public async Task Book_WithoutSessions_BooksTheBestProposal()
    {
        await using var s = await Scenario.Start();
        var request = new { patientId = s.Riley, protocolId = s.Sample.Depression, earliestDate = "2026-11-30" };
        var best = (await (await s.Client.Post("/series/proposals", request)).Expect(HttpStatusCode.OK)).Items("proposals")[0];

        var response = await s.Client.Post("/series", request);

        var series = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"/series/{series.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("active", series.Str("status"));
        var sessions = series.Items("sessions");
        // Open-ended boosters: the planner books three ahead unless asked otherwise.
        Assert.Equal(Induction + 3, sessions.Count);
        Assert.All(sessions, x => Assert.Equal("booked", x.Str("status")));
        Assert.Equal(Placements(best.Items("sessions")), Placements(sessions));

        var stored = await s.Client.Get(response.Headers.Location!.OriginalString);
        Assert.Equal(Placements(sessions), Placements(stored.Items("sessions")));
        Assert.Equal(series.Id(), Assert.Single(await s.SeriesOf(s.Riley)).Id());
        var last = LocalDatePattern.Iso.Format(Date(sessions[^1].Str("start")));
        Assert.Equal(sessions.Count * 3, (await s.Blocks("2026-11-30", last)).Count);
    }

    [Fact]
    public async Task Book_WithAChosenProposal_BooksExactlyThoseSessions()
    {
        await using var s = await Scenario.Start();
        var request = new { patientId = s.Riley, protocolId = s.Sample.Depression, earliestDate = "2026-11-30", maxProposals = 3 };
        var proposals = (await (await s.Client.Post("/series/proposals", request)).Expect(HttpStatusCode.OK)).Items("proposals");
        var chosen = proposals[^1].Items("sessions");

        var series = await s.Book(s.Riley, s.Sample.Depression,
            chosen.Select(x => new Choice(x.GetProperty("chairId").GetGuid(), x.Str("start"))).ToArray());

        var sessions = series.Items("sessions");
        Assert.Equal(Placements(chosen), Placements(sessions));
        Assert.All(sessions, x => Assert.Equal("booked", x.Str("status")));
        Assert.Equal(Enumerable.Range(1, chosen.Count), sessions.Select(x => x.GetProperty("ordinal").GetInt32()));
    }

    [Fact]
    public async Task Book_WhenAChosenSessionBreaksSpacing_IsRefused_AndWritesNothing()
    {
        await using var s = await Scenario.Start();
        var r1 = s.Recliner(1);

        // Session 4 on Wed 16 Dec is five days after session 3 on Fri 11 Dec; the induction allows 2–4.
        var response = await s.PostSeries(s.Riley, s.Sample.Depression,
            new(r1, "2026-12-07T09:00"), new(r1, "2026-12-09T09:00"), new(r1, "2026-12-11T09:00"),
            new(r1, "2026-12-16T09:00"), new(r1, "2026-12-18T09:00"), new(r1, "2026-12-21T09:00"));

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict, "seriesSpacing");
        Assert.Contains("Session 4 of 6", problem.Detail(), StringComparison.Ordinal);
        Assert.Empty(await s.SeriesOf(s.Riley));
        Assert.Empty(await s.Blocks("2026-12-01", "2026-12-31"));
    }

    [Fact]
    public async Task Book_WhenALaterChosenSessionHitsATakenChair_IsRefused_AndNoSessionIsWritten()
    {
        await using var s = await Scenario.Start();
        var r1 = s.Recliner(1);
        await s.BookOne(s.Quinn, r1, "2026-12-16T09:30");
        var before = await s.Blocks("2026-12-01", "2026-12-31");

        // Sessions 1–4 are free; session 5 (Wed 16 Dec 09:00–11:00) overlaps Quinn's 09:30–11:30.
        var response = await s.PostSeries(s.Riley, s.Sample.Depression,
            new(r1, "2026-12-07T09:00"), new(r1, "2026-12-09T09:00"), new(r1, "2026-12-11T09:00"),
            new(r1, "2026-12-14T09:00"), new(r1, "2026-12-16T09:00"), new(r1, "2026-12-18T09:00"));

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict, "chairTaken");
        Assert.Contains("Session 5 of 6", problem.Detail(), StringComparison.Ordinal);
        Assert.Empty(await s.SeriesOf(s.Riley));
        var after = await s.Blocks("2026-12-01", "2026-12-31");
        Assert.Equal(before.Select(b => b.GetRawText()), after.Select(b => b.GetRawText()));
        Assert.All(after, b => Assert.Equal(s.Quinn, b.GetProperty("patientId").GetGuid()));
    }

    [Fact]
    public async Task Propose_WhenALaterSessionCannotBePlaced_ExplainsWhich_AndBookRefusesWithTheSameExplanation()
    {
        await using var s = await Scenario.Start();
        // Open Monday and Tuesday only, three sessions on consecutive days: session 3 always falls on a Wednesday.
        var (clinic, _, protocol) = await Bodies.SmallClinic(s.Client,
            Bodies.Clinic("Two-day clinic", ["monday", "tuesday"], "08:00", "18:00"),
            Bodies.Protocol("Three in a row", count: 3, minGap: 1, maxGap: 1));
        var patient = await s.CreatePatient("Pat Nofit", clinic);
        var request = new { patientId = patient, protocolId = protocol, earliestDate = "2026-11-30" };

        var view = await (await s.Client.Post("/series/proposals", request)).Expect(HttpStatusCode.OK);

        Assert.False(view.GetProperty("found").GetBoolean());
        Assert.Empty(view.Items("proposals"));
        var failure = view.GetProperty("failure");
        Assert.Equal(3, failure.GetProperty("session").GetInt32());
        Assert.Equal(3, failure.GetProperty("of").GetInt32());
        Assert.Equal("clinicClosed", failure.Str("rule"));
        var explanation = failure.Str("explanation");
        Assert.StartsWith("Session 3 of 3:", explanation, StringComparison.Ordinal);

        var problem = await (await s.Client.Post("/series", request)).ExpectProblem(HttpStatusCode.Conflict, "clinicClosed");
        Assert.Equal(explanation, problem.Detail());
        Assert.Empty(await s.SeriesOf(patient));
    }

    [Fact]
    public async Task Propose_WhenTheOnlyChairIsFull_ExplainsThatNoChairIsFree_AndBookIsRefused()
    {
        await using var s = await Scenario.Start();
        // Open Mondays 09:00–11:00: room for exactly one 2 h visit on the one chair.
        var (clinic, chair, protocol) = await Bodies.SmallClinic(s.Client,
            Bodies.Clinic("One-slot clinic", ["monday"], "09:00", "11:00"),
            Bodies.Protocol("Single", count: 1, minGap: 1, maxGap: 1));
        var first = await s.CreatePatient("Pat First", clinic);
        var second = await s.CreatePatient("Pat Second", clinic);
        await s.Book(first, protocol, new Choice(chair, "2026-11-30T09:00"));
        var request = new { patientId = second, protocolId = protocol, earliestDate = "2026-11-30", searchDays = 7 };

        var view = await (await s.Client.Post("/series/proposals", request)).Expect(HttpStatusCode.OK);

        Assert.False(view.GetProperty("found").GetBoolean());
        var failure = view.GetProperty("failure");
        Assert.Equal("chairTaken", failure.Str("rule"));
        Assert.StartsWith("Session 1 of 1:", failure.Str("explanation"), StringComparison.Ordinal);
        var problem = await (await s.Client.Post("/series", request)).ExpectProblem(HttpStatusCode.Conflict, "chairTaken");
        Assert.Equal(failure.Str("explanation"), problem.Detail());
        Assert.Empty(await s.SeriesOf(second));
    }

    private static List<(Guid Chair, string Start, string End)> Placements(IEnumerable<JsonElement> sessions) =>
        sessions.Select(x => (x.GetProperty("chairId").GetGuid(), x.Str("start"), x.Str("turnoverEnd"))).ToList();

    private static LocalDateTime Moment(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().LocalDateTime;

    private static LocalDate Date(string text) => Moment(text).Date;
}
