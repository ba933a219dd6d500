using System.Globalization;

namespace Scheduler.Domain.Tests.Planning;

/// <summary>
/// Unless a test says otherwise: New York, open Monday to Friday 08:00–18:00, two recliners, a
/// 60 + 60 minute visit (2 h 15 min on the chair), an induction of 6 sessions 2–3 days apart, the
/// first session from Monday 7 December 2026, now = 23 November 2026.
/// </summary>
public class SeriesPlannerTests
{
    private static readonly LocalDate Monday = Moments.Monday;

    private static LocalTime T(int hour, int minute = 0) => new(hour, minute);

    private static PlanResult Plan(TestClinic clinic, BookIndex book, PlanRequest request, Instant? now = null, IReadOnlyList<Chair>? chairs = null) =>
        SeriesPlanner.Plan(book, chairs ?? clinic.Chairs, request, now ?? Moments.Now);

    private static Proposal Best(PlanResult result)
    {
        Assert.True(result.Found, result.Failure?.Explanation);
        return result.Proposals[0];
    }

    private static LocalDate[] Dates(Proposal proposal) => proposal.Sessions.Select(s => s.LocalStart.Date).ToArray();

    /// <summary>Everything a proposal says, as text, to compare two runs.</summary>
    private static string Describe(PlanResult result) =>
        string.Join("\n", result.Proposals.Select(p =>
            $"#{p.Rank} {p.Score} " + string.Join("; ", p.Sessions.Select(s =>
                $"{s.Ordinal} {s.Phase} {s.ChairName} {s.LocalStart.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {s.Footprint.Start}-{s.Footprint.TurnoverEnd}"))
            + " | " + string.Join(" ", p.Reasons)))
        + (result.Failure is { } f ? $"\nfailure {f}" : "");

    /// <summary>Every session of every proposal passes the booking rules against the same book, and the series its spacing.</summary>
    private static void AssertEveryProposalIsBookable(TestClinic clinic, BookIndex book, PlanRequest request, PlanResult result, Instant now)
    {
        Assert.True(result.Found, result.Failure?.Explanation);
        foreach (var proposal in result.Proposals)
        {
            Assert.Equal(request.SessionCount, proposal.Sessions.Count);
            Assert.Equal(Enumerable.Range(1, request.SessionCount), proposal.Sessions.Select(s => s.Ordinal));
            foreach (var session in proposal.Sessions)
            {
                var chair = clinic.Chairs.Single(c => c.Id == session.Chair);
                var refusal = BookingRules.Check(book, chair, request.Protocol, request.Patient, session.Footprint.Start, now, out var footprint);
                Assert.True(refusal is null, $"Session {session.Ordinal} at {session.LocalStart} on {session.ChairName}: {refusal}");
                Assert.Equal(footprint, session.Footprint);
                Assert.Equal(chair.Name, session.ChairName);
                Assert.Equal(session.LocalStart, clinic.Local(session.Footprint.Start));
                Assert.Equal(SeriesSpacing.PhaseOf(request.Protocol, session.Ordinal), session.Phase);
            }
            Assert.Null(SeriesSpacing.Check(request.Protocol, Dates(proposal)));
        }
    }

    /// <summary>
    /// A crowded December and January: three recliners, two nurses and one patient each (so at most
    /// two in care), set-ups that collide, long and short visits.
    /// </summary>
    private static (TestClinic Clinic, BookIndex Book) BusyClinic(bool recoveryArea)
    {
        var builder = new ClinicBuilder()
            .WithChairs(3)
            .WithNurseShift(T(7), T(19), 2)
            .WithPatientsPerNurse(1);
        if (recoveryArea)
            builder.WithRecoveryArea(1);
        var clinic = builder.Build();
        var book = clinic.Book();
        for (var d = 0; d < 56; d++)
        {
            var date = Monday.PlusDays(d);
            if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                continue;
            book.WithSession(clinic.Chair("Chair 1"), date, T(8));
            book.WithSession(clinic.Chair("Chair 1"), date, T(10, 15).PlusMinutes(15 * (d % 3)), infusionMinutes: 90, observationMinutes: 60);
            if (d % 2 == 0)
                book.WithSession(clinic.Chair("Chair 1"), date, T(15, 30));
            if (d % 4 == 0)
                book.WithSession(clinic.Chair("Chair 2"), date, T(8), infusionMinutes: 240, observationMinutes: 120);
            else
                book.WithSession(clinic.Chair("Chair 2"), date, T(12, 30).PlusMinutes(30 * (d % 3)), infusionMinutes: 120, observationMinutes: 60);
            if (d % 3 != 0)
                book.WithSession(clinic.Chair("Chair 3"), date, T(13), infusionMinutes: 60, observationMinutes: 120);
        }
        return (clinic, book.Build());
    }

    // ---- whole series, every session checked --------------------------------------------------------

    [Fact]
    public void Plan_OnAnEmptyClinic_PlacesEveryOccurrence()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var request = new PlanRequestBuilder(protocol).Build();

        var result = Plan(clinic, clinic.Book().Build(), request);

        Assert.Null(result.Failure);
        Assert.Equal(3, result.Proposals.Count);
        Assert.Equal([1, 2, 3], result.Proposals.Select(p => p.Rank));
        Assert.All(result.Proposals, p => Assert.Equal(6, p.Sessions.Count));
        AssertEveryProposalIsBookable(clinic, clinic.Book().Build(), request, result, Moments.Now);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_OnABusyClinic_ProposesOnlySessionsThatPassTheBookingRulesAndSpacing(bool recoveryArea)
    {
        var (clinic, book) = BusyClinic(recoveryArea);
        var protocol = clinic.Protocol().WithInfusion(45).WithObservation(120).WithMaintenance(28, 42, 2).Build();
        var request = new PlanRequestBuilder(protocol).WithMaxProposals(5).Build();

        var result = Plan(clinic, book, request);

        Assert.True(result.Proposals.Count > 1);
        AssertEveryProposalIsBookable(clinic, book, request, result, Moments.Now);
    }

    [Fact]
    public void Plan_OnABusyClinic_AvoidsTheTakenChairTimes()
    {
        var (clinic, book) = BusyClinic(recoveryArea: false);
        var protocol = clinic.Protocol().Build();
        var request = new PlanRequestBuilder(protocol).Build();

        var result = Plan(clinic, book, request);

        Assert.All(result.Proposals.SelectMany(p => p.Sessions), s =>
        {
            var start = s.Footprint.Start.ToUnixTimeTicks();
            Assert.True(book.IsChairFree(s.Chair, start, s.Footprint.TurnoverEnd.ToUnixTimeTicks()), $"{s.ChairName} {s.LocalStart}");
        });
    }

    [Fact]
    public void Plan_RanksProposalsByCost()
    {
        var (clinic, book) = BusyClinic(recoveryArea: false);
        var protocol = clinic.Protocol().Build();

        var result = Plan(clinic, book, new PlanRequestBuilder(protocol).WithMaxProposals(10).Build());

        Assert.True(result.Proposals.Count > 1);
        Assert.Equal(Enumerable.Range(1, result.Proposals.Count), result.Proposals.Select(p => p.Rank));
        Assert.Equal(result.Proposals.Select(p => p.Score.Cost).Order(), result.Proposals.Select(p => p.Score.Cost));
        Assert.All(result.Proposals, p => Assert.NotEmpty(p.Reasons));
    }

    [Fact]
    public void Plan_GivesAtMostTheProposalsAskedFor()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();

        var result = Plan(clinic, clinic.Book().Build(), new PlanRequestBuilder(protocol).WithMaxProposals(1).Build());

        Assert.Single(result.Proposals);
    }

    // ---- determinism --------------------------------------------------------------------------------

    [Fact]
    public void Plan_WithTheSameInputs_GivesTheSameOutput()
    {
        var (clinic, book) = BusyClinic(recoveryArea: false);
        var protocol = clinic.Protocol().WithMaintenance(28, 42, null).Build();
        var request = new PlanRequestBuilder(protocol).WithMaxProposals(5).Build();

        var first = Describe(Plan(clinic, book, request));
        var again = Describe(Plan(clinic, book, request));
        var (rebuiltClinic, rebuiltBook) = BusyClinic(recoveryArea: false);
        var rebuiltProtocol = rebuiltClinic.Protocol().WithMaintenance(28, 42, null).Build();
        var rebuilt = Describe(Plan(rebuiltClinic, rebuiltBook, new PlanRequestBuilder(rebuiltProtocol).WithMaxProposals(5).Build()));

        Assert.Equal(first, again);
        Assert.Equal(first, rebuilt);
    }

    [Fact]
    public void Plan_WithTheChairsListedInAnotherOrder_GivesTheSameOutput()
    {
        var (clinic, book) = BusyClinic(recoveryArea: false);
        var protocol = clinic.Protocol().Build();
        var request = new PlanRequestBuilder(protocol).WithMaxProposals(5).Build();

        var listed = Describe(Plan(clinic, book, request));
        var reversed = Describe(Plan(clinic, book, request, chairs: clinic.Chairs.Reverse().ToList()));

        Assert.Equal(listed, reversed);
    }

    [Fact]
    public void Probe()
    {
        var (clinic, book) = BusyClinic(false);
        var protocol = clinic.Protocol().Build();
        var request = new PlanRequestBuilder(protocol).Build();
        var result = Plan(clinic, book, request);
        Assert.Fail(new SeriesOracle(clinic, book, request, Moments.Now).SeriesExists() + " " + Describe(result));
    }
}
