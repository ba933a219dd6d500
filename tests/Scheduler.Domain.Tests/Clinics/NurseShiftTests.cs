namespace Scheduler.Domain.Tests.Clinics;

public class NurseShiftTests
{
    private static readonly LocalTimeRange Day = new(new LocalTime(8, 0), new LocalTime(18, 0));

    [Fact]
    public void Constructor_WithoutWeekdays_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new NurseShift([], Day, 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Constructor_WithNurseCountOutsideOneToHundred_IsRefused(int nurses)
    {
        Assert.Throws<InvalidValueException>(() => new NurseShift([IsoDayOfWeek.Monday], Day, nurses));
    }
}
