namespace Scheduler.Domain.Tests.Protocols;

public class InductionPhaseTests
{
    private static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    [Fact]
    public void Constructor_WithMinimumGapZero_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() => new InductionPhase(6, 0, 3, Weekdays));

        Assert.Equal("induction.minGapDays", error.Field);
    }

    [Fact]
    public void Constructor_WithMaximumGapBelowMinimum_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() => new InductionPhase(6, 3, 2, Weekdays));

        Assert.Equal("induction.maxGapDays", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void Constructor_WithSessionCountOutsideOneToThirty_IsRefused(int count)
    {
        Assert.Throws<InvalidValueException>(() => new InductionPhase(count, 2, 3, Weekdays));
    }

    [Fact]
    public void Constructor_WithNoAllowedWeekday_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() => new InductionPhase(6, 2, 3, []));

        Assert.Equal("induction.allowedDays", error.Field);
    }

    [Fact]
    public void Constructor_WithRepeatedWeekdays_KeepsEachOnceInOrder()
    {
        var phase = new InductionPhase(5, 1, 1, [IsoDayOfWeek.Friday, IsoDayOfWeek.Monday, IsoDayOfWeek.Friday]);

        Assert.Equal([IsoDayOfWeek.Monday, IsoDayOfWeek.Friday], phase.AllowedDays);
    }

    [Fact]
    public void Constructor_WithFiveConsecutiveWeekdays_IsAccepted()
    {
        var phase = new InductionPhase(5, 1, 3, Weekdays);

        Assert.Equal(5, phase.Count);
        Assert.Equal(1, phase.MinGapDays);
        Assert.Equal(3, phase.MaxGapDays);
    }
}
