namespace Scheduler.Domain.Tests.Booking;

/// <summary>
/// An induction of 3 sessions 2–3 days apart on weekdays only, then 2 boosters 28–42 days apart.
/// Monday 7 December 2026 is the first session unless a test says otherwise.
/// </summary>
public class SeriesSpacingTests
{
    private static readonly LocalDate Mon = Moments.Monday;
    private static readonly LocalDate Wed = Mon.PlusDays(2);
    private static readonly LocalDate Fri = Mon.PlusDays(4);

    private static Protocol Protocol() =>
        new ClinicBuilder().Build().Protocol()
            .WithInduction(3, 2, 3)
            .OnInductionDays(IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday)
            .WithMaintenance(28, 42, 2)
            .Build();

    [Fact]
    public void Check_WhenEveryGapIsWithinItsRange_IsAllowed()
    {
        Assert.Null(SeriesSpacing.Check(Protocol(), [Mon, Wed, Fri, Fri.PlusDays(28), Fri.PlusDays(28 + 42)]));
    }

    [Fact]
    public void Check_WhenAnInductionGapIsBelowTheMinimum_IsRefusedNamingTheSessions()
    {
        var refusal = SeriesSpacing.Check(Protocol(), [Mon, Wed, Wed.PlusDays(1)]);

        Assert.Equal(RuleCode.SeriesSpacing, refusal?.Code);
        Assert.StartsWith("Session 3 of 3: Session 3 must be 2–3 days after session 2", refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("Wed 9 Dec 2026 to Thu 10 Dec 2026 is 1 days", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenAnInductionGapIsAboveTheMaximum_IsRefusedNamingTheSessions()
    {
        var refusal = SeriesSpacing.Check(Protocol(), [Mon, Fri]);

        Assert.Equal(RuleCode.SeriesSpacing, refusal?.Code);
        Assert.Contains("Session 2 must be 2–3 days after session 1", refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("is 4 days", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenTwoSessionsAreOnTheSameDay_IsRefused()
    {
        Assert.Equal(RuleCode.SeriesSpacing, SeriesSpacing.Check(Protocol(), [Mon, Mon])?.Code);
    }

    [Fact]
    public void Check_WhenAnInductionSessionIsOnADisallowedWeekday_IsRefused()
    {
        var saturday = Wed.PlusDays(3);

        var refusal = SeriesSpacing.Check(Protocol(), [Wed, saturday]);

        Assert.Equal(RuleCode.WeekdayNotAllowed, refusal?.Code);
        Assert.StartsWith("Session 2 of 2:", refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("Sat 12 Dec 2026 is a Saturday", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenTheFirstSessionIsOnADisallowedWeekday_IsRefused()
    {
        Assert.Equal(RuleCode.WeekdayNotAllowed, SeriesSpacing.Check(Protocol(), [Mon.PlusDays(-1)])?.Code);
    }

    [Fact]
    public void Check_WhenABoosterIsOnAWeekendDay_IsAllowed()
    {
        // Boosters are not limited to the induction weekdays.
        var sunday = Fri.PlusDays(30);

        Assert.Equal(IsoDayOfWeek.Sunday, sunday.DayOfWeek);
        Assert.Null(SeriesSpacing.Check(Protocol(), [Mon, Wed, Fri, sunday]));
    }

    [Theory]
    [InlineData(27, false)]
    [InlineData(28, true)]
    [InlineData(42, true)]
    [InlineData(43, false)]
    public void Check_FirstBooster_IsCountedFromTheLastInductionSession(int days, bool allowed)
    {
        var refusal = SeriesSpacing.Check(Protocol(), [Mon, Wed, Fri, Fri.PlusDays(days)]);

        Assert.Equal(allowed ? RuleCode.None : RuleCode.SeriesSpacing, refusal?.Code ?? RuleCode.None);
        if (!allowed)
            Assert.Contains("Session 4 must be 28–42 days after session 3", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SecondBooster_IsCountedFromTheFirstBooster()
    {
        var first = Fri.PlusDays(30);

        Assert.Null(SeriesSpacing.Check(Protocol(), [Mon, Wed, Fri, first, first.PlusDays(28)]));
        var refusal = SeriesSpacing.Check(Protocol(), [Mon, Wed, Fri, first, Fri.PlusDays(28 + 27)]);
        Assert.Equal(RuleCode.SeriesSpacing, refusal?.Code);
        Assert.Contains("Session 5 must be 28–42 days after session 4", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckNeighbours_WhenTheNextSessionIsTooClose_IsRefusedNamingIt()
    {
        var refusal = SeriesSpacing.CheckNeighbours(Protocol(), 2, Wed, Mon, Wed.PlusDays(1));

        Assert.Equal(RuleCode.SeriesSpacing, refusal?.Code);
        Assert.Contains("Session 3 must be 2–3 days after session 2", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckNeighbours_WhenMovedWithinBothGaps_IsAllowed()
    {
        var thursday = Wed.PlusDays(1);

        Assert.Null(SeriesSpacing.CheckNeighbours(Protocol(), 2, thursday, Mon, thursday.PlusDays(3)));
    }

    [Fact]
    public void PhaseOf_SessionsAfterTheInduction_AreMaintenance()
    {
        var protocol = Protocol();

        Assert.Equal(SeriesPhase.Induction, SeriesSpacing.PhaseOf(protocol, 3));
        Assert.Equal(SeriesPhase.Maintenance, SeriesSpacing.PhaseOf(protocol, 4));
    }

    [Fact]
    public void GapBefore_GivesTheInductionGapThenTheBoosterInterval()
    {
        var protocol = Protocol();

        Assert.Null(SeriesSpacing.GapBefore(protocol, 1));
        Assert.Equal((2, 3), SeriesSpacing.GapBefore(protocol, 3));
        Assert.Equal((28, 42), SeriesSpacing.GapBefore(protocol, 4));
    }
}
