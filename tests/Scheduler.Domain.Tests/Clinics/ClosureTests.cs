namespace Scheduler.Domain.Tests.Clinics;

public class ClosureTests
{
    [Fact]
    public void Constructor_WithoutReason_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new Closure(new LocalDate(2026, 12, 25), " "));
    }

    [Fact]
    public void Constructor_WithReasonOverFiveHundredCharacters_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new Closure(new LocalDate(2026, 12, 25), new string('r', 501)));
    }
}
