namespace Scheduler.Domain.Tests.Series;

public class SessionFootprintTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 12, 7, 14, 0);

    [Fact]
    public void Of_WithObservationInTheChair_HoldsTheChairUntilObservationAndTurnoverEnd()
    {
        var settings = new ClinicBuilder().WithTurnover(10).BuildSettings();

        var footprint = SessionFootprint.Of(Nine, Duration.FromMinutes(45), Duration.FromMinutes(120), settings);

        Assert.Equal(Nine + Duration.FromMinutes(45), footprint.InfusionEnd);
        Assert.Equal(Nine + Duration.FromMinutes(165), footprint.ObservationEnd);
        Assert.Equal(Nine + Duration.FromMinutes(175), footprint.TurnoverEnd);
        Assert.Equal(footprint.TurnoverEnd, footprint.End);
        Assert.Equal(Duration.FromMinutes(120), footprint.Observation);
    }

    [Fact]
    public void Of_WithARecoveryArea_FreesTheChairAfterInfusionAndTurnover()
    {
        var settings = new ClinicBuilder().WithTurnover(10).WithRecoveryArea(4).BuildSettings();

        var footprint = SessionFootprint.Of(Nine, Duration.FromMinutes(45), Duration.FromMinutes(120), settings);

        Assert.True(footprint.ObservationInRecovery);
        Assert.Equal(Nine + Duration.FromMinutes(55), footprint.TurnoverEnd);
        Assert.Equal(Nine + Duration.FromMinutes(165), footprint.End);
    }

    [Fact]
    public void Restore_WithAnObservationShorterThanAnHour_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => SessionFootprint.Restore(
            Nine, Nine + Duration.FromMinutes(60), Nine + Duration.FromMinutes(119), Nine + Duration.FromMinutes(134), false));
    }

    [Fact]
    public void Restore_WhenTheChairIsFreedBeforeObservationEndsInTheChair_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => SessionFootprint.Restore(
            Nine, Nine + Duration.FromMinutes(60), Nine + Duration.FromMinutes(120), Nine + Duration.FromMinutes(75), false));
    }

    [Fact]
    public void Restore_OfAWellFormedFootprint_EqualsTheOriginal()
    {
        var settings = new ClinicBuilder().BuildSettings();
        var original = SessionFootprint.Of(Nine, Duration.FromMinutes(60), Duration.FromMinutes(60), settings);

        var restored = SessionFootprint.Restore(original.Start, original.InfusionEnd, original.ObservationEnd, original.TurnoverEnd, original.ObservationInRecovery);

        Assert.Equal(original, restored);
    }
}
