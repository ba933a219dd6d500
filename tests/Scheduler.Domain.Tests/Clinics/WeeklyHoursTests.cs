namespace Scheduler.Domain.Tests.Clinics;

public class WeeklyHoursTests
{
    private static LocalTimeRange Range(int fromHour, int toHour) => new(new LocalTime(fromHour, 0), new LocalTime(toHour, 0));

    private static WeeklyHours Hours(IsoDayOfWeek day, params LocalTimeRange[] ranges) =>
        new(new Dictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>> { [day] = ranges });

    [Fact]
    public void Constructor_WithOverlappingRangesOnADay_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() => Hours(IsoDayOfWeek.Monday, Range(8, 13), Range(12, 18)));

        Assert.Equal("openingHours", error.Field);
        Assert.Contains("08:00-13:00", error.Message, StringComparison.Ordinal);
        Assert.Contains("12:00-18:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WithOverlappingRangesGivenOutOfOrder_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => Hours(IsoDayOfWeek.Monday, Range(12, 18), Range(9, 10), Range(8, 13)));
    }

    [Fact]
    public void Constructor_WithRangesThatTouch_IsAccepted()
    {
        var hours = Hours(IsoDayOfWeek.Monday, Range(13, 18), Range(8, 13));

        Assert.Equal([Range(8, 13), Range(13, 18)], hours.On(IsoDayOfWeek.Monday));
    }

    [Fact]
    public void Constructor_WithNoOpenDay_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => Hours(IsoDayOfWeek.Monday));
    }

    [Fact]
    public void On_ADayWithoutHours_IsEmpty()
    {
        var hours = Hours(IsoDayOfWeek.Monday, Range(8, 18));

        Assert.Empty(hours.On(IsoDayOfWeek.Sunday));
    }
}
