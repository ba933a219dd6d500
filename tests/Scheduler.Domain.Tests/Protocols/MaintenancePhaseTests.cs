namespace Scheduler.Domain.Tests.Protocols;

public class MaintenancePhaseTests
{
    [Fact]
    public void Constructor_WithMinimumIntervalZero_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new MaintenancePhase(0, 42, 3));
    }

    [Fact]
    public void Constructor_WithMaximumIntervalBelowMinimum_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new MaintenancePhase(42, 28, 3));
    }

    [Fact]
    public void Constructor_WithNegativeBoosterCount_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new MaintenancePhase(28, 42, -1));
    }

    [Fact]
    public void Constructor_WithoutCount_IsOpenEnded()
    {
        var phase = new MaintenancePhase(28, 42, null);

        Assert.True(phase.OpenEnded);
        Assert.Null(phase.Count);
    }

    [Fact]
    public void Constructor_WithCount_IsNotOpenEnded()
    {
        Assert.False(new MaintenancePhase(28, 42, 4).OpenEnded);
    }
}
