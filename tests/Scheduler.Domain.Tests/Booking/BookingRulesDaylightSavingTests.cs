namespace Scheduler.Domain.Tests.Booking;

/// <summary>
/// Clinics open every day 08:00–18:00 local in the zones clinics use, around each 2027 clock
/// change. A 60 + 60 minute visit with 15 minutes turnover holds 2 h 15 min, so 15:45 is the last
/// start that fits.
/// </summary>
public class BookingRulesDaylightSavingTests
{
    public static TheoryData<string, LocalDate> ClockChanges => new()
    {
        { "America/New_York", new LocalDate(2027, 3, 14) },
        { "America/New_York", new LocalDate(2027, 11, 7) },
        { "Europe/London", new LocalDate(2027, 3, 28) },
        { "Europe/London", new LocalDate(2027, 10, 31) },
        { "America/Chicago", new LocalDate(2027, 3, 14) },
        { "America/Chicago", new LocalDate(2027, 11, 7) },
        { "Australia/Sydney", new LocalDate(2027, 4, 4) },
        { "Australia/Sydney", new LocalDate(2027, 10, 3) },
    };

    private static TestClinic ClinicIn(string zone) =>
        new ClinicBuilder()
            .WithZone(zone)
            .OpenEveryDay(new LocalTime(8, 0), new LocalTime(18, 0))
            // One nurse on shift exactly during opening hours, so shift edges are wall-clock too.
            .WithNurseShift(new LocalTime(8, 0), new LocalTime(18, 0), 1)
            .Build();

    private static Refusal? Check(TestClinic clinic, LocalDate date, int hour, int minute = 0)
    {
        var protocol = clinic.Protocol().Build();
        return BookingRules.Check(clinic.Book().Build(), clinic.Chairs[0], protocol, PatientId.New(),
            clinic.At(date, new LocalTime(hour, minute)), Moments.Now, out _);
    }

    [Theory]
    [MemberData(nameof(ClockChanges))]
    public void Check_AroundAClockChange_OpensAtEightLocalOnEachDay(string zone, LocalDate change)
    {
        var clinic = ClinicIn(zone);

        foreach (var date in new[] { change.PlusDays(-1), change, change.PlusDays(1) })
        {
            Assert.Null(Check(clinic, date, 8));
            Assert.Equal(RuleCode.OutsideOpeningHours, Check(clinic, date, 7, 45)?.Code);
        }
    }

    [Theory]
    [MemberData(nameof(ClockChanges))]
    public void Check_AroundAClockChange_AcceptsAFootprintEndingAtEighteenLocal(string zone, LocalDate change)
    {
        var clinic = ClinicIn(zone);

        foreach (var date in new[] { change.PlusDays(-1), change, change.PlusDays(1) })
        {
            Assert.Null(Check(clinic, date, 15, 45));
            Assert.Equal(RuleCode.OutsideOpeningHours, Check(clinic, date, 16)?.Code);
        }
    }

    [Theory]
    [MemberData(nameof(ClockChanges))]
    public void Footprint_OfANineOClockSession_StartsAtNineLocalOnBothSidesOfTheChange(string zone, LocalDate change)
    {
        var clinic = ClinicIn(zone);
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().Build();

        foreach (var date in new[] { change.PlusDays(-1), change.PlusDays(1) })
        {
            BookingRules.Check(book, clinic.Chairs[0], protocol, PatientId.New(), clinic.At(date, new LocalTime(9, 0)), Moments.Now, out var footprint);

            Assert.Equal(date + new LocalTime(9, 0), clinic.Local(footprint.Start));
            Assert.Equal(date + new LocalTime(11, 15), clinic.Local(footprint.TurnoverEnd));
        }
    }

    [Fact]
    public void Footprint_InNewYork_IsAnHourEarlierInUtcAfterSpringForward()
    {
        var clinic = ClinicIn("America/New_York");

        Assert.Equal(Instant.FromUtc(2027, 3, 13, 14, 0), clinic.At(new LocalDate(2027, 3, 13), new LocalTime(9, 0)));
        Assert.Equal(Instant.FromUtc(2027, 3, 15, 13, 0), clinic.At(new LocalDate(2027, 3, 15), new LocalTime(9, 0)));
        Assert.Equal(Instant.FromUtc(2027, 11, 6, 13, 0), clinic.At(new LocalDate(2027, 11, 6), new LocalTime(9, 0)));
        Assert.Equal(Instant.FromUtc(2027, 11, 8, 14, 0), clinic.At(new LocalDate(2027, 11, 8), new LocalTime(9, 0)));
    }

    [Fact]
    public void Footprint_InLondon_MovesFromUtcToBritishSummerTime()
    {
        var clinic = ClinicIn("Europe/London");

        Assert.Equal(Instant.FromUtc(2027, 3, 27, 9, 0), clinic.At(new LocalDate(2027, 3, 27), new LocalTime(9, 0)));
        Assert.Equal(Instant.FromUtc(2027, 3, 29, 8, 0), clinic.At(new LocalDate(2027, 3, 29), new LocalTime(9, 0)));
    }

    [Fact]
    public void Footprint_InSydney_MovesTheOtherWayInApril()
    {
        var clinic = ClinicIn("Australia/Sydney");

        // AEDT (+11) before 4 April 2027, AEST (+10) after.
        Assert.Equal(Instant.FromUtc(2027, 4, 2, 22, 0), clinic.At(new LocalDate(2027, 4, 3), new LocalTime(9, 0)));
        Assert.Equal(Instant.FromUtc(2027, 4, 4, 23, 0), clinic.At(new LocalDate(2027, 4, 5), new LocalTime(9, 0)));
    }

    [Fact]
    public void Check_OnTheDayAfterSpringForwardInNewYork_CountsTheChairHeldInLocalTime()
    {
        var clinic = ClinicIn("America/New_York");
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chairs[0];
        var monday = new LocalDate(2027, 3, 15);
        var book = clinic.Book().WithSession(chair, monday, new LocalTime(9, 0)).Build();

        Assert.Equal(RuleCode.ChairTaken, BookingRules.Check(book, chair, protocol, PatientId.New(), clinic.At(monday, new LocalTime(11, 0)), Moments.Now, out _)?.Code);
        Assert.Null(BookingRules.Check(book, chair, protocol, PatientId.New(), clinic.At(monday, new LocalTime(11, 15)), Moments.Now, out _));
    }

    [Fact]
    public void Check_WhenNurseShiftStartsAtEightLocalInChicago_CoversAnEightOClockStartAfterTheChange()
    {
        var clinic = new ClinicBuilder()
            .WithZone("America/Chicago")
            .OpenEveryDay(new LocalTime(7, 0), new LocalTime(18, 0))
            .WithNurseShift(new LocalTime(8, 0), new LocalTime(18, 0), 1)
            .Build();

        Assert.Null(Check(clinic, new LocalDate(2027, 3, 15), 8));
        Assert.Equal(RuleCode.NurseStartLimit, Check(clinic, new LocalDate(2027, 3, 15), 7, 45)?.Code);
        Assert.Null(Check(clinic, new LocalDate(2027, 11, 8), 8));
        Assert.Equal(RuleCode.NurseStartLimit, Check(clinic, new LocalDate(2027, 11, 8), 7, 45)?.Code);
    }

    [Fact]
    public void Check_WhenAnOpeningRangeLiesWhollyInTheSpringForwardGap_NamesOnlyTheRangesThatExistThatDay()
    {
        var clinic = new ClinicBuilder()
            .OpenEveryDay(new LocalTime(2, 0), new LocalTime(3, 0))
            .OpenEveryDay(new LocalTime(8, 0), new LocalTime(18, 0))
            .Build();

        var refusal = Check(clinic, new LocalDate(2027, 3, 14), 16);

        Assert.Equal(RuleCode.OutsideOpeningHours, refusal?.Code);
        Assert.Contains("(08:00–18:00)", refusal!.Message, StringComparison.Ordinal);
        Assert.Null(Check(clinic, new LocalDate(2027, 3, 14), 8));
    }
}
