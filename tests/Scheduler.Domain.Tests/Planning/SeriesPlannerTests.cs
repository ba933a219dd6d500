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
    /// A crowded December and January: three recliners, two nurses with two patients each (so at
    /// most four in care), set-ups that collide, long and short visits.
    /// </summary>
    private static (TestClinic Clinic, BookIndex Book) BusyClinic(bool recoveryArea)
    {
        var builder = new ClinicBuilder()
            .WithChairs(3)
            .WithNurseShift(T(7), T(19), 2)
            .WithPatientsPerNurse(2);
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

    // ---- agreement with a brute-force search -----------------------------------------------------

    /// <summary>
    /// A book filled by trying random sessions (fixed seed) and keeping those the booking rules accept,
    /// so it is always a valid book. Higher <paramref name="attemptsPerDay"/> gives a fuller clinic.
    /// </summary>
    private static BookIndex RandomBook(TestClinic clinic, int seed, int attemptsPerDay)
    {
        var random = new Random(seed);
        int[] infusions = [45, 60, 90, 120, 180, 240];
        int[] observations = [60, 60, 120];
        var protocols = infusions.SelectMany(i => observations.Distinct().Select(o => clinic.Protocol().WithInfusion(i).WithObservation(o).Build())).ToArray();
        var sessions = new List<BookedSession>();
        var book = new BookIndex(clinic.Settings, sessions);
        for (var d = 0; d < 60; d++)
        {
            var date = Monday.PlusDays(d);
            for (var a = 0; a < attemptsPerDay; a++)
            {
                var protocol = protocols[random.Next(protocols.Length)];
                var chair = clinic.Chairs[random.Next(clinic.Chairs.Count)];
                var start = clinic.At(date, T(8).PlusMinutes(15 * random.Next(36)));
                var patient = PatientId.New();
                if (BookingRules.Check(book, chair, protocol, patient, start, Moments.Now, out var footprint) is null)
                {
                    sessions.Add(new BookedSession(SessionId.New(), patient, chair.Id, footprint));
                    book = new BookIndex(clinic.Settings, sessions);
                }
            }
        }
        return book;
    }

    public static TheoryData<int, int, bool> RandomBooks()
    {
        var data = new TheoryData<int, int, bool>();
        foreach (var recoveryArea in new[] { false, true })
        {
            foreach (var attempts in new[] { 2, 3, 4, 6, 8 })
            {
                for (var seed = 1; seed <= 3; seed++)
                    data.Add(seed, attempts, recoveryArea);
            }
        }
        return data;
    }

    /// <summary>Two recliners and one nurse: a 4-hour infusion needs a long free stretch, so some books leave no series.</summary>
    private static (TestClinic Clinic, BookIndex Book, PlanRequest Request) RandomCase(int seed, int attemptsPerDay, bool recoveryArea)
    {
        var builder = new ClinicBuilder().WithChairs(2).WithNurseShift(T(7), T(19), 1).WithPatientsPerNurse(3);
        if (recoveryArea)
            builder.WithRecoveryArea(2);
        var clinic = builder.Build();
        var book = RandomBook(clinic, seed, attemptsPerDay);
        var protocol = clinic.Protocol().WithInfusion(240).WithObservation(60).WithInduction(6, 2, 3).Build();
        return (clinic, book, new PlanRequestBuilder(protocol).SearchingFirstSessionFor(14).Build());
    }

    private static readonly NodaTime.Text.LocalDatePattern DayPattern =
        NodaTime.Text.LocalDatePattern.Create("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The days a failure explanation names: "on {day}" or "between {day} and {day}".</summary>
    private static IEnumerable<LocalDate> WindowOf(PlanFailure failure)
    {
        var days = System.Text.RegularExpressions.Regex.Matches(failure.Explanation, @"(?:on|between|and) (\w{3} \d{1,2} \w{3} \d{4})")
            .Select(m => DayPattern.Parse(m.Groups[1].Value).Value)
            .Take(2)
            .ToArray();
        var (from, to) = days.Length == 2 && failure.Explanation.Contains("between", StringComparison.Ordinal) ? (days[0], days[1]) : (days[0], days[0]);
        for (var d = from; d <= to; d = d.PlusDays(1))
            yield return d;
    }

    [Theory]
    [MemberData(nameof(RandomBooks))]
    public void Plan_OnARandomValidBook_FindsASeriesExactlyWhenOneExists(int seed, int attemptsPerDay, bool recoveryArea)
    {
        var (clinic, book, request) = RandomCase(seed, attemptsPerDay, recoveryArea);

        var result = Plan(clinic, book, request);
        var exists = new SeriesOracle(clinic, book, request, Moments.Now).SeriesExists();

        Assert.Equal(exists, result.Found);
        if (exists)
            AssertEveryProposalIsBookable(clinic, book, request, result, Moments.Now);
    }

    [Theory]
    [MemberData(nameof(RandomBooks))]
    public void Plan_OnARandomValidBook_FinishesTheInductionAsEarlyAsPossible(int seed, int attemptsPerDay, bool recoveryArea)
    {
        var (clinic, book, request) = RandomCase(seed, attemptsPerDay, recoveryArea);

        var result = Plan(clinic, book, request);
        var earliest = new SeriesOracle(clinic, book, request, Moments.Now).EarliestInductionEnd();

        Assert.Equal(earliest, result.Found ? Dates(result.Proposals[0])[5] : null);
    }

    [Theory]
    [MemberData(nameof(RandomBooks))]
    public void Plan_WhenItFails_ExplainsWithDaysThatReallyCannotTakeTheSession(int seed, int attemptsPerDay, bool recoveryArea)
    {
        var (clinic, book, request) = RandomCase(seed, attemptsPerDay, recoveryArea);
        var oracle = new SeriesOracle(clinic, book, request, Moments.Now);

        var result = Plan(clinic, book, request);

        if (result.Found)
            return;
        var failure = result.Failure!;
        Assert.InRange(failure.Ordinal, 1, 6);
        Assert.Equal(6, failure.Total);
        Assert.StartsWith($"Session {failure.Ordinal} of 6: ", failure.Explanation, StringComparison.Ordinal);
        Assert.All(WindowOf(failure), d =>
        {
            Assert.False(oracle.Bookable(d), $"{d} is named in \"{failure.Explanation}\" but can take the session.");
            if (failure.Rule == RuleCode.ClinicClosed)
                Assert.True(clinic.Settings.ClosureOn(d) is not null || clinic.Settings.Hours.On(d.DayOfWeek).Count == 0, $"{d} is open: {failure.Explanation}");
        });
    }

    // ---- preferences: continuity, patient availability, an early induction -------------------------

    [Fact]
    public void Plan_OnAnEmptyClinic_KeepsTheSameChairAndTimeAcrossTheSeries()
    {
        var clinic = new ClinicBuilder().WithChairs(4).Build();
        var protocol = clinic.Protocol().WithMaintenance(28, 42, 2).Build();

        var best = Best(Plan(clinic, clinic.Book().Build(), new PlanRequestBuilder(protocol).Build()));

        Assert.Single(best.Sessions.Select(s => s.Chair).Distinct());
        Assert.Single(best.Sessions.Select(s => s.LocalStart.TimeOfDay).Distinct());
        Assert.Equal(0, best.Score.ChairChanges);
        Assert.Equal(0, best.Score.HoursOffFirstStart);
        Assert.Contains($"Same chair for every session: {best.Sessions[0].ChairName}.", best.Reasons);
    }

    [Fact]
    public void Plan_WhenTheFirstDayOnlyHasTheSecondChair_KeepsThatChairForTheRest()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        clinic.Chair("Chair 1").AddOutOfService(clinic.At(Monday, T(7)), clinic.At(Monday, T(12)), "Pump repair");
        var book = clinic.Book().Build();

        var best = Best(Plan(clinic, book, new PlanRequestBuilder(protocol).Build()));

        Assert.Equal(Monday + T(8), best.Sessions[0].LocalStart);
        Assert.All(best.Sessions, s => Assert.Equal("Chair 2", s.ChairName));
    }

    [Fact]
    public void Plan_WhenTheFirstDayOnlyHasALaterTime_KeepsThatTimeForTheRest()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        // Both chairs are held 08:00–10:15 on the first day only.
        var book = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), Monday, T(8))
            .WithSession(clinic.Chair("Chair 2"), Monday, T(8))
            .Build();

        var best = Best(Plan(clinic, book, new PlanRequestBuilder(protocol).Build()));

        Assert.Equal(Monday, best.Sessions[0].LocalStart.Date);
        Assert.All(best.Sessions, s => Assert.Equal(T(10, 15), s.LocalStart.TimeOfDay));
    }

    [Fact]
    public void Plan_WithAnAfternoonPreference_StartsEverySessionInTheAfternoon()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().Build();

        var anyTime = Best(Plan(clinic, book, new PlanRequestBuilder(protocol).Build()));
        var afternoons = Best(Plan(clinic, book, new PlanRequestBuilder(protocol).Preferring(earliestStart: T(13)).Build()));

        Assert.Equal(T(8), anyTime.Sessions[0].LocalStart.TimeOfDay);
        Assert.All(afternoons.Sessions, s => Assert.True(s.LocalStart.TimeOfDay >= T(13), $"{s.LocalStart}"));
        Assert.Equal(0, afternoons.Score.OutsidePreferences);
        Assert.Equal(anyTime.Score.InductionDays, afternoons.Score.InductionDays);
    }

    [Fact]
    public void Plan_WithALatestEnd_FitsTheWholeVisitBeforeIt()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), Monday, T(8))
            .WithSession(clinic.Chair("Chair 2"), Monday, T(8))
            .Build();

        var best = Best(Plan(clinic, book, new PlanRequestBuilder(protocol).Preferring(latestEnd: T(12, 30)).Build()));

        Assert.Equal(0, best.Score.OutsidePreferences);
        Assert.All(best.Sessions, s => Assert.True(clinic.Local(s.Footprint.End).TimeOfDay <= T(12, 30), $"{s.LocalStart}"));
    }

    [Fact]
    public void Plan_WithPreferredWeekdays_RanksASeriesOnThoseDaysFirst()
    {
        var clinic = new ClinicBuilder().Build();
        // Two or three a week: Tuesday and Thursday fit a 2–5 day gap.
        var protocol = clinic.Protocol().WithInduction(6, 2, 5).Build();
        var request = new PlanRequestBuilder(protocol).Preferring([IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday]).Build();

        var best = Best(Plan(clinic, clinic.Book().Build(), request));

        Assert.All(best.Sessions, s => Assert.Contains(s.LocalStart.DayOfWeek, new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday }));
        Assert.Equal(0, best.Score.OutsidePreferences);
        Assert.Contains("Every session suits the patient's preferred days and times.", best.Reasons);
    }

    [Fact]
    public void Plan_WhenTheUsualTimeIsTakenOnADay_PicksATimeThatSuitsThePatientOverANearerOne()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var wednesday = Monday.PlusDays(2);
        // On Wednesday both recliners are held 12:00–15:00: 09:45 is free but too early for the patient, 15:00 suits.
        var book = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), wednesday, T(12), infusionMinutes: 60, observationMinutes: 105)
            .WithSession(clinic.Chair("Chair 2"), wednesday, T(12), infusionMinutes: 60, observationMinutes: 105)
            .Build();
        var request = new PlanRequestBuilder(protocol).Preferring(earliestStart: T(12)).WithMaxProposals(10).Build();

        var result = Plan(clinic, book, request);
        var startingMonday = result.Proposals.Where(p => p.Sessions[0].LocalStart.Date == Monday).ToList();

        // Anchored at 12:00, 13:30 and 15:00 on Monday; from 12:00, 09:45 is nearer than 15:00.
        Assert.Equal(3, startingMonday.Count);
        Assert.All(startingMonday, p =>
        {
            Assert.Equal(0, p.Score.OutsidePreferences);
            Assert.Equal(wednesday, p.Sessions[1].LocalStart.Date);
            Assert.True(p.Sessions[1].LocalStart.TimeOfDay >= T(15), $"{p.Sessions[1].LocalStart}");
        });
    }

    [Fact]
    public void Plan_WhenThePreferenceCannotBeMet_StillPlansAndSaysSo()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var request = new PlanRequestBuilder(protocol).Preferring([IsoDayOfWeek.Saturday]).Build();

        var best = Best(Plan(clinic, clinic.Book().Build(), request));

        Assert.Equal(6, best.Score.OutsidePreferences);
        Assert.Contains("6 of 6 sessions fall outside the patient's preferred days or times.", best.Reasons);
    }

    [Fact]
    public void Plan_OnAnEmptyClinic_FinishesTheInductionAsEarlyAsTheGapsAllow()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();

        var best = Best(Plan(clinic, clinic.Book().Build(), new PlanRequestBuilder(protocol).Build()));

        // Monday, Wednesday, Friday twice: the weekend makes the one 3-day gap.
        Assert.Equal([0, 2, 4, 7, 9, 11], Dates(best).Select(d => Period.DaysBetween(Monday, d)));
        Assert.Equal(11, best.Score.InductionDays);
    }

    [Fact]
    public void Plan_WhenOnlyAnotherChairIsFreeOnTheEarliestDay_ChangesChairRatherThanWaiting()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var wednesday = Monday.PlusDays(2);
        var book = clinic.Book().WithChairsTakenAllDay(wednesday, [clinic.Chair("Chair 1")]).Build();

        var best = Best(Plan(clinic, book, new PlanRequestBuilder(protocol).Build()));

        Assert.Equal(wednesday, best.Sessions[1].LocalStart.Date);
        Assert.Equal("Chair 2", best.Sessions[1].ChairName);
        Assert.Equal("Chair 1", best.Sessions[2].ChairName);
        Assert.Equal(11, best.Score.InductionDays);
    }

    [Fact]
    public void Plan_WhenAClosureFallsInAnInductionGap_UsesAnotherDay()
    {
        var closure = Monday.PlusDays(2);
        var clinic = new ClinicBuilder()
            .OpenEveryDay(T(8), T(18))
            .WithClosure(closure, "Staff training")
            .Build();
        var protocol = clinic.Protocol().Build();
        var request = new PlanRequestBuilder(protocol).Build();

        var result = Plan(clinic, clinic.Book().Build(), request);
        var best = Best(result);

        Assert.DoesNotContain(closure, result.Proposals.SelectMany(Dates));
        Assert.Equal(Monday, best.Sessions[0].LocalStart.Date);
        Assert.Equal(Monday.PlusDays(3), best.Sessions[1].LocalStart.Date);
        AssertEveryProposalIsBookable(clinic, clinic.Book().Build(), request, result, Moments.Now);
    }

    [Fact]
    public void Plan_WhenAClosureMakesTheEarliestStartADeadEnd_StartsWhereTheWholeSeriesFits()
    {
        // Weekdays only, gap 2–3: from Monday the second session would need the closed Wednesday
        // or Thursday, and from Thursday the weekend leaves no third session.
        var closure = Monday.PlusDays(2);
        var clinic = new ClinicBuilder().WithClosure(closure, "Staff training").Build();
        var protocol = clinic.Protocol().Build();
        var request = new PlanRequestBuilder(protocol).Build();

        var result = Plan(clinic, clinic.Book().Build(), request);
        var best = Best(result);

        Assert.Equal([1, 4, 7, 9, 11, 14], Dates(best).Select(d => Period.DaysBetween(Monday, d)));
        Assert.Equal(new SeriesOracle(clinic, clinic.Book().Build(), request, Moments.Now).EarliestInductionEnd(), Dates(best)[5]);
        AssertEveryProposalIsBookable(clinic, clinic.Book().Build(), request, result, Moments.Now);
    }

    [Fact]
    public void Plan_WhenThePatientAlreadyHasASessionOnADay_PlansAroundIt()
    {
        var clinic = new ClinicBuilder().OpenEveryDay(T(8), T(18)).Build();
        var protocol = clinic.Protocol().Build();
        var patient = PatientId.New();
        var busy = Monday.PlusDays(2);
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), busy, T(15), patient).Build();
        var request = new PlanRequestBuilder(protocol).ForPatient(patient).Build();

        var result = Plan(clinic, book, request);

        Assert.DoesNotContain(busy, result.Proposals.SelectMany(Dates));
        AssertEveryProposalIsBookable(clinic, book, request, result, Moments.Now);
    }

    // ---- maintenance ----------------------------------------------------------------------------------

    [Fact]
    public void Plan_WithOpenEndedMaintenance_PlansTheDefaultNumberOfBoosters()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().WithMaintenance(28, 42, null).Build();
        var request = new PlanRequestBuilder(protocol).Build();

        var result = Plan(clinic, clinic.Book().Build(), request);

        Assert.Equal(PlanRequest.DefaultOpenEndedBoosters, request.Boosters);
        Assert.All(result.Proposals, p =>
        {
            Assert.Equal(6 + PlanRequest.DefaultOpenEndedBoosters, p.Sessions.Count);
            Assert.Equal(PlanRequest.DefaultOpenEndedBoosters, p.Sessions.Count(s => s.Phase == SeriesPhase.Maintenance));
        });
        AssertEveryProposalIsBookable(clinic, clinic.Book().Build(), request, result, Moments.Now);
    }

    [Fact]
    public void Plan_WithBoosters_PlacesEachOnTheFirstDayItsIntervalAllows()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().WithMaintenance(28, 42, 2).Build();

        var best = Best(Plan(clinic, clinic.Book().Build(), new PlanRequestBuilder(protocol).Build()));
        var dates = Dates(best);

        Assert.Equal(8, dates.Length);
        Assert.Equal(28, Period.DaysBetween(dates[5], dates[6]));
        Assert.Equal(28, Period.DaysBetween(dates[6], dates[7]));
        Assert.Equal(0, best.Score.BoosterDaysLate);
    }

    [Fact]
    public void Plan_WithFewerBoostersAskedFor_PlansOnlyThose()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().WithMaintenance(28, 42, 4).Build();

        var best = Best(Plan(clinic, clinic.Book().Build(), new PlanRequestBuilder(protocol).WithBoosters(1).Build()));

        Assert.Equal(7, best.Sessions.Count);
        Assert.Equal(SeriesPhase.Maintenance, best.Sessions[6].Phase);
    }

    // ---- now ------------------------------------------------------------------------------------------

    [Fact]
    public void Plan_NeverProposesASessionBeforeNow()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var now = clinic.At(Monday, T(15));
        // Asked from a day already gone.
        var request = new PlanRequestBuilder(protocol).From(Monday.PlusDays(-3)).Build();

        var result = Plan(clinic, clinic.Book().Build(), request, now);

        Assert.All(result.Proposals.SelectMany(p => p.Sessions), s => Assert.True(s.Footprint.Start >= now, $"{s.LocalStart}"));
        Assert.Equal(Monday + T(15), Best(result).Sessions[0].LocalStart);
        AssertEveryProposalIsBookable(clinic, clinic.Book().Build(), request, result, now);
    }

    // ---- when it cannot be done -----------------------------------------------------------------------

    [Fact]
    public void Plan_WhenEveryChairIsTakenOnTheDaysOfAGap_NamesTheOccurrenceAndTheChairKind()
    {
        var clinic = new ClinicBuilder().OpenEveryDay(T(8), T(18)).Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book();
        for (var d = 6; d <= 20; d++)
            book.WithChairsTakenAllDay(Monday.PlusDays(d), clinic.Chairs);
        // The first session on Monday only, so sessions 2 and 3 fit before the full days.
        var request = new PlanRequestBuilder(protocol).SearchingFirstSessionFor(1).Build();

        var result = Plan(clinic, book.Build(), request);

        Assert.False(result.Found);
        var failure = result.Failure!;
        Assert.Equal(4, failure.Ordinal);
        Assert.Equal(6, failure.Total);
        Assert.Equal(RuleCode.ChairTaken, failure.Rule);
        Assert.StartsWith("Session 4 of 6: no recliner free for 2 h 15 min between Sun 13 Dec 2026 and ", failure.Explanation, StringComparison.Ordinal);
        Assert.Contains("within the 2–3 day gap after session 3", failure.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenChairsAreTakenOnTheOpenDayOfAGapThatAlsoSpansAWeekend_BlamesTheTakenChairs()
    {
        // Weekdays only; the first session on Monday 7 December. Session 3 must be on Friday 11
        // (Saturday is closed), and both recliners are taken all that Friday.
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var friday = Monday.PlusDays(4);
        var book = clinic.Book().WithChairsTakenAllDay(friday, clinic.Chairs).Build();
        var request = new PlanRequestBuilder(protocol).SearchingFirstSessionFor(1).Build();

        var failure = Plan(clinic, book, request).Failure!;

        Assert.Equal(3, failure.Ordinal);
        Assert.Equal(RuleCode.ChairTaken, failure.Rule);
        Assert.StartsWith("Session 3 of 6: no recliner free", failure.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("closed", failure.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenNoActiveChairOfTheKindExists_SaysSo()
    {
        var clinic = new ClinicBuilder().WithChair("Chair 1").WithChair("Bed 1", "bed", active: false).Build();
        var protocol = clinic.Protocol().WithChairKind("bed").Build();

        var failure = Plan(clinic, clinic.Book().Build(), new PlanRequestBuilder(protocol).Build()).Failure!;

        Assert.Equal(1, failure.Ordinal);
        Assert.Equal(RuleCode.WrongChair, failure.Rule);
        Assert.Equal("Session 1 of 6: the clinic has no active bed for this protocol.", failure.Explanation);
    }

    [Fact]
    public void Plan_WhenTheClinicIsClosedForTheWholeSearch_SaysTheFirstSessionCannotBePlaced()
    {
        var builder = new ClinicBuilder();
        for (var d = 0; d < 5; d++)
            builder.WithClosure(Monday.PlusDays(d), "Renovation");
        var clinic = builder.Build();
        var protocol = clinic.Protocol().Build();

        var failure = Plan(clinic, clinic.Book().Build(), new PlanRequestBuilder(protocol).SearchingFirstSessionFor(7).Build()).Failure!;

        Assert.Equal(1, failure.Ordinal);
        Assert.Equal(RuleCode.ClinicClosed, failure.Rule);
        Assert.StartsWith("Session 1 of 6: the clinic is closed between Mon 7 Dec 2026 and Sun 13 Dec 2026", failure.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenTheVisitIsLongerThanTheOpeningHours_SaysItDoesNotFit()
    {
        var clinic = new ClinicBuilder().OpenWeekdays(T(9), T(13)).Build();
        var protocol = clinic.Protocol().WithInfusion(240).WithObservation(60).Build();

        var failure = Plan(clinic, clinic.Book().Build(), new PlanRequestBuilder(protocol).Build()).Failure!;

        Assert.Equal(1, failure.Ordinal);
        Assert.Equal(RuleCode.OutsideOpeningHours, failure.Rule);
        Assert.Contains("5 h 15 min visit does not fit the opening hours", failure.Explanation, StringComparison.Ordinal);
    }

    // ---- daylight saving --------------------------------------------------------------------------------

    public static TheoryData<string, LocalDate> ClockChangeWeeks => new()
    {
        { "America/New_York", new LocalDate(2027, 3, 8) },
        { "America/New_York", new LocalDate(2027, 11, 1) },
        { "Europe/London", new LocalDate(2027, 3, 22) },
        { "Europe/London", new LocalDate(2027, 10, 25) },
        { "America/Chicago", new LocalDate(2027, 3, 8) },
        { "Australia/Sydney", new LocalDate(2027, 3, 29) },
        { "Australia/Sydney", new LocalDate(2027, 9, 27) },
    };

    [Theory]
    [MemberData(nameof(ClockChangeWeeks))]
    public void Plan_AcrossAClockChange_KeepsTheWallClockStartTime(string zone, LocalDate mondayBefore)
    {
        var clinic = new ClinicBuilder().WithZone(zone).Build();
        var protocol = clinic.Protocol().Build();
        // Both chairs busy until 10:15 on the first day, so the series is anchored at 10:15 local.
        var book = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), mondayBefore, T(8))
            .WithSession(clinic.Chair("Chair 2"), mondayBefore, T(8))
            .Build();
        var request = new PlanRequestBuilder(protocol).From(mondayBefore).SearchingFirstSessionFor(1).Build();

        var result = Plan(clinic, book, request);
        var best = Best(result);

        Assert.True(Dates(best)[^1] >= mondayBefore.PlusDays(7), "the series should run past the clock change");
        Assert.All(best.Sessions, s =>
        {
            Assert.Equal(T(10, 15), s.LocalStart.TimeOfDay);
            Assert.Equal(s.LocalStart, clinic.Local(s.Footprint.Start));
        });
        Assert.Equal(2, best.Sessions.Select(s => s.Footprint.Start.InUtc().TimeOfDay).Distinct().Count());
        AssertEveryProposalIsBookable(clinic, book, request, result, Moments.Now);
    }

    [Fact]
    public void Plan_WhenAnOpeningRangeLiesWhollyInTheSpringForwardGap_PlansInTheOtherRange()
    {
        // An early range 02:00–03:00 does not exist on 14 March 2027 in New York.
        var clinic = new ClinicBuilder()
            .OpenEveryDay(T(2), T(3))
            .OpenEveryDay(T(8), T(18))
            .Build();
        var protocol = clinic.Protocol().WithInfusion(45).Build();
        var changeDay = new LocalDate(2027, 3, 14);
        var request = new PlanRequestBuilder(protocol).From(changeDay).SearchingFirstSessionFor(1).Build();

        var result = Plan(clinic, clinic.Book().Build(), request);

        Assert.Equal(changeDay, Best(result).Sessions[0].LocalStart.Date);
        AssertEveryProposalIsBookable(clinic, clinic.Book().Build(), request, result, Moments.Now);
    }
}
