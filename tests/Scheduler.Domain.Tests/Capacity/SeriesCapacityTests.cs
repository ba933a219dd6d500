using Scheduler.Domain.Capacity;

namespace Scheduler.Domain.Tests.Capacity;

/// <summary>
/// Unless a test says otherwise: New York, one recliner open Monday, Wednesday and Friday
/// 08:00–12:30, a one-session protocol of 60 + 60 minutes (2 h 15 min on the chair with the
/// turnover), so each open day holds exactly two visits (08:00 and 10:15) and a week six;
/// now = Monday 23 November 2026 07:00, the week asked about is that of Monday 7 December 2026.
/// </summary>
public class SeriesCapacityTests
{
    private static readonly LocalDate Monday = Moments.Monday;

    private static LocalTime T(int hour, int minute = 0) => new(hour, minute);

    private static TestClinic OneChairClinic() =>
        new ClinicBuilder()
            .WithChairs(1)
            .OpenOn(T(8), T(12, 30), IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday)
            .Build();

    private static Protocol OneSession(TestClinic clinic) => clinic.Protocol().WithInduction(1, 1, 1).Build();

    /// <summary>The six visits a week of <see cref="OneChairClinic"/> holds.</summary>
    private static LocalDateTime[] SlotsOfWeek(LocalDate monday) =>
    [
        monday + T(8), monday + T(10, 15),
        monday.PlusDays(2) + T(8), monday.PlusDays(2) + T(10, 15),
        monday.PlusDays(4) + T(8), monday.PlusDays(4) + T(10, 15),
    ];

    private static LocalDateTime[] FirstStarts(WeekCapacity week) => week.Series.Select(s => s.Sessions[0].LocalStart).ToArray();

    [Fact]
    public void Answer_OnOneChair_CountsEveryVisitTheWeekHolds()
    {
        var clinic = OneChairClinic();
        var book = clinic.Book().Build();

        var answer = SeriesCapacity.Answer(book, clinic.Chairs, OneSession(clinic), Monday, 1, Moments.Now);

        var week = Assert.Single(answer.Weeks);
        Assert.Equal(Monday, week.Monday);
        Assert.Equal(6, week.MoreSeries);
        Assert.Equal(6, answer.Total);
        Assert.Equal(SlotsOfWeek(Monday).Order(), FirstStarts(week).Order());
        Assert.All(week.Series, s => Assert.Equal(Monday, s.Week));
        Assert.All(week.Series, s => Assert.Equal("Chair 1", Assert.Single(s.Sessions).ChairName));
        Assert.Equal(CapacityStop.NoRoom, week.Stop);
        Assert.Equal(RuleCode.ChairTaken, week.Rule);
        Assert.StartsWith("Session 1 of 1: no recliner free for 2 h 15 min between Mon 7 Dec 2026 and Sun 13 Dec 2026", week.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_LeavesRoomTakenByTheBookOut()
    {
        var clinic = OneChairClinic();
        var chair = clinic.Chair("Chair 1");
        var book = clinic.Book()
            .WithSession(chair, Monday, T(8))
            .WithSession(chair, Monday.PlusDays(4), T(10, 15))
            .Build();

        var week = SeriesCapacity.Answer(book, clinic.Chairs, OneSession(clinic), Monday, 1, Moments.Now).Weeks.Single();

        Assert.Equal(4, week.MoreSeries);
        Assert.Equal(SlotsOfWeek(Monday).Except([Monday + T(8), Monday.PlusDays(4) + T(10, 15)]).Order(), FirstStarts(week).Order());
    }

    [Fact]
    public void Answer_TakesTheWeekOfAnyDayGiven()
    {
        var clinic = OneChairClinic();
        var book = clinic.Book().Build();

        var week = SeriesCapacity.Answer(book, clinic.Chairs, OneSession(clinic), Monday.PlusDays(3), 1, Moments.Now).Weeks.Single();

        Assert.Equal(Monday, week.Monday);
        Assert.Equal(Monday.PlusDays(6), week.Sunday);
        Assert.Equal(6, week.MoreSeries);
    }

    [Fact]
    public void Answer_InTheCurrentWeek_CountsOnlyWhatIsNotPast()
    {
        var clinic = OneChairClinic();
        var book = clinic.Book().Build();
        // Wednesday 10:05: Monday and Wednesday up to 10:05 are past; the first start left is 10:15.
        var now = clinic.At(Monday.PlusDays(2), T(10, 5));

        var week = SeriesCapacity.Answer(book, clinic.Chairs, OneSession(clinic), Monday, 1, now).Weeks.Single();

        Assert.Equal(Monday, week.Monday);
        Assert.Equal([Monday.PlusDays(2) + T(10, 15), Monday.PlusDays(4) + T(8), Monday.PlusDays(4) + T(10, 15)], FirstStarts(week).Order());
    }

    [Fact]
    public void Answer_ForWeeksThatAreOver_IsZeroWithTheReason()
    {
        var clinic = OneChairClinic();
        var book = clinic.Book().Build();
        var thisWeek = new LocalDate(2026, 11, 23);

        var answer = SeriesCapacity.Answer(book, clinic.Chairs, OneSession(clinic), thisWeek.PlusWeeks(-2), 3, Moments.Now);

        Assert.Equal([thisWeek.PlusWeeks(-2), thisWeek.PlusWeeks(-1), thisWeek], answer.Weeks.Select(w => w.Monday));
        foreach (var past in answer.Weeks.Take(2))
        {
            Assert.Equal(0, past.MoreSeries);
            Assert.Empty(past.Series);
            Assert.Equal(CapacityStop.WeekOver, past.Stop);
            Assert.Null(past.Rule);
            Assert.Contains("is over (today is Mon 23 Nov 2026 at the clinic)", past.Reason, StringComparison.Ordinal);
        }
        // Today is Monday and it is 07:00 at the clinic: the whole week is still ahead.
        Assert.Equal(6, answer.Weeks[2].MoreSeries);
        Assert.Equal(6, answer.Total);
    }

    [Fact]
    public void Answer_CountsWeeksCumulatively_SeriesOfOneWeekHoldTheirLaterSessions()
    {
        var clinic = OneChairClinic();
        var book = clinic.Book().Build();
        // Two sessions exactly a week apart: every series counted in a week also takes a visit of the next.
        var protocol = clinic.Protocol().WithInduction(2, 7, 7).Build();

        var answer = SeriesCapacity.Answer(book, clinic.Chairs, protocol, Monday, 3, Moments.Now);
        var secondWeekAlone = SeriesCapacity.Answer(book, clinic.Chairs, protocol, Monday.PlusWeeks(1), 1, Moments.Now);

        Assert.Equal([6, 0, 6], answer.Weeks.Select(w => w.MoreSeries));
        Assert.Equal(SlotsOfWeek(Monday.PlusWeeks(1)).Order(), answer.Weeks[0].Series.Select(s => s.Sessions[1].LocalStart).Order());
        Assert.Equal(CapacityStop.NoRoom, answer.Weeks[1].Stop);
        Assert.Equal(RuleCode.ChairTaken, answer.Weeks[1].Rule);
        Assert.Equal(SlotsOfWeek(Monday.PlusWeeks(2)).Order(), FirstStarts(answer.Weeks[2]).Order());
        Assert.Equal(6, secondWeekAlone.Total);
    }

    [Fact]
    public void Answer_StopsAtThePerWeekLimit_SayingSo()
    {
        var clinic = OneChairClinic();
        var book = clinic.Book().Build();

        var week = SeriesCapacity.Answer(book, clinic.Chairs, OneSession(clinic), Monday, 1, Moments.Now, maxPerWeek: 2).Weeks.Single();

        Assert.Equal(2, week.MoreSeries);
        Assert.Equal(CapacityStop.Limit, week.Stop);
        Assert.Null(week.Rule);
        Assert.Equal("The limit of 2 series per week was reached; more may fit.", week.Reason);
    }

    [Fact]
    public void Answer_LeavesTheLiveIndexUnchanged_AndGivesTheFilledCopy()
    {
        var clinic = OneChairClinic();
        var chair = clinic.Chair("Chair 1");
        var book = clinic.Book().WithSession(chair, Monday, T(8)).Build();
        long Ticks(LocalDate date, LocalTime time) => clinic.At(date, time).ToUnixTimeTicks();

        var answer = SeriesCapacity.Answer(book, clinic.Chairs, OneSession(clinic), Monday, 2, Moments.Now);

        Assert.Equal(5 + 6, answer.Total);
        Assert.Equal(1, book.Count);
        Assert.True(book.IsChairFree(chair.Id, Ticks(Monday, T(10, 15)), Ticks(Monday, T(12, 30))));
        Assert.True(book.IsChairFree(chair.Id, Ticks(Monday.PlusWeeks(1), T(8)), Ticks(Monday.PlusWeeks(1), T(12, 30))));
        Assert.Empty(book.SessionsBreakingSettings());
        Assert.Equal(12, answer.Book.Count);
        Assert.False(answer.Book.IsChairFree(chair.Id, Ticks(Monday, T(10, 15)), Ticks(Monday, T(12, 30))));
        Assert.False(answer.Book.IsChairFree(chair.Id, Ticks(Monday.PlusWeeks(1), T(8)), Ticks(Monday.PlusWeeks(1), T(10, 15))));
    }

    /// <summary>
    /// The answer is what booking one series after another gives: each series is the planner's best
    /// for a new patient on the book as it would then be (rebuilt from every session, as a request
    /// loads it), on a busy clinic with nurse limits, a recovery area and boosters.
    /// </summary>
    [Fact]
    public void Answer_IsWhatPlanningOneSeriesAfterAnotherOnTheBookGives()
    {
        var clinic = new ClinicBuilder()
            .WithChairs(3)
            .OpenWeekdays(T(8), T(16))
            .WithNurseShift(T(8), T(16), 1)
            .WithPatientsPerNurse(3)
            .WithRecoveryArea(2)
            .Build();
        var builder = clinic.Book();
        for (var d = 0; d < 35; d++)
        {
            var date = Monday.PlusDays(d);
            if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                continue;
            builder.WithSession(clinic.Chairs[d % 3], date, T(8).PlusMinutes(15 * (d % 5)));
            if (d % 2 == 0)
                builder.WithSession(clinic.Chairs[(d + 1) % 3], date, T(12, 30), infusionMinutes: 120, observationMinutes: 60);
        }
        var book = builder.Build();
        Assert.Empty(book.SessionsBreakingSettings());
        var protocol = clinic.Protocol().WithInfusion(45).WithInduction(3, 2, 4).WithMaintenance(7, 10, 1).Build();
        var now = clinic.At(Monday, T(9));

        var answer = SeriesCapacity.Answer(book, clinic.Chairs, protocol, Monday, 2, now);

        Assert.True(answer.Weeks.All(w => w.MoreSeries > 0), string.Join(" | ", answer.Weeks.Select(w => $"{w.MoreSeries}: {w.Reason}")));
        var sessions = builder.Sessions.ToList();
        foreach (var week in answer.Weeks)
        {
            var earliest = week.Monday < Monday ? Monday : week.Monday;
            var searchDays = Period.DaysBetween(earliest, week.Sunday) + 1;
            foreach (var placed in week.Series.Append(null))
            {
                var patient = PatientId.New();
                var request = new PlanRequest(patient, protocol, earliest, Availability.Any, boosters: null, maxProposals: 1, firstSessionSearchDays: searchDays);
                var plan = SeriesPlanner.Plan(new BookIndex(clinic.Settings, sessions), clinic.Chairs, request, now);
                if (placed is null)
                {
                    Assert.False(plan.Found);
                    Assert.Equal(week.Reason, plan.Failure!.Explanation);
                    break;
                }
                var best = plan.Proposals[0].Sessions;
                Assert.Equal(placed.Sessions.Select(s => (s.Chair, s.LocalStart, s.Footprint)), best.Select(s => (s.Chair, s.LocalStart, s.Footprint)));
                Assert.InRange(best[0].LocalStart.Date, week.Monday, week.Sunday);
                sessions.AddRange(best.Select(s => new BookedSession(SessionId.New(), patient, s.Chair, s.Footprint)));
            }
        }
        Assert.Equal(sessions.Count, answer.Book.Count);
        Assert.Empty(answer.Book.SessionsBreakingSettings());
    }

    [Fact]
    public void Answer_WithBoostersTheProtocolCannotHave_IsInvalidEvenForWeeksThatAreOver()
    {
        var clinic = OneChairClinic();
        var book = clinic.Book().Build();

        var error = Assert.Throws<InvalidValueException>(() =>
            SeriesCapacity.Answer(book, clinic.Chairs, OneSession(clinic), Monday.PlusWeeks(-10), 1, Moments.Now, boosters: 2));

        Assert.Equal("boosters", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(53)]
    public void Answer_ForAnUnreasonableNumberOfWeeks_IsInvalid(int weeks)
    {
        var clinic = OneChairClinic();

        var error = Assert.Throws<InvalidValueException>(() =>
            SeriesCapacity.Answer(clinic.Book().Build(), clinic.Chairs, OneSession(clinic), Monday, weeks, Moments.Now));

        Assert.Equal("weeks", error.Field);
    }
}
