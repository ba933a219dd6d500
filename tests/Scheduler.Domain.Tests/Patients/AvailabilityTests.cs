namespace Scheduler.Domain.Tests.Patients;

public class AvailabilityTests
{
    [Fact]
    public void Constructor_WithLatestEndNotAfterEarliestStart_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new Availability(null, new LocalTime(13, 0), new LocalTime(13, 0)));
    }

    [Fact]
    public void Suits_ChecksWeekdayEarliestStartAndLatestEnd()
    {
        var afternoonsMidweek = new Availability([IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday], new LocalTime(13, 0), new LocalTime(17, 0));

        Assert.True(afternoonsMidweek.Suits(IsoDayOfWeek.Tuesday, new LocalTime(13, 0), new LocalTime(17, 0)));
        Assert.False(afternoonsMidweek.Suits(IsoDayOfWeek.Wednesday, new LocalTime(13, 0), new LocalTime(15, 0)));
        Assert.False(afternoonsMidweek.Suits(IsoDayOfWeek.Tuesday, new LocalTime(12, 45), new LocalTime(15, 0)));
        Assert.False(afternoonsMidweek.Suits(IsoDayOfWeek.Tuesday, new LocalTime(15, 0), new LocalTime(17, 15)));
    }

    [Fact]
    public void Any_SuitsEveryVisit()
    {
        Assert.True(Availability.Any.Suits(IsoDayOfWeek.Sunday, new LocalTime(6, 0), new LocalTime(23, 0)));
    }
}
