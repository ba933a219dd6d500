namespace Scheduler.Domain.Tests.Common;

public class LocalTimeRangeTests
{
    [Fact]
    public void Constructor_WithEndNotAfterStart_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new LocalTimeRange(new LocalTime(18, 0), new LocalTime(8, 0)));
        Assert.Throws<InvalidValueException>(() => new LocalTimeRange(new LocalTime(8, 0), new LocalTime(8, 0)));
    }

    [Fact]
    public void Contains_IncludesTheStartAndExcludesTheEnd()
    {
        var range = new LocalTimeRange(new LocalTime(8, 0), new LocalTime(18, 0));

        Assert.True(range.Contains(new LocalTime(8, 0)));
        Assert.True(range.Contains(new LocalTime(17, 59)));
        Assert.False(range.Contains(new LocalTime(18, 0)));
        Assert.False(range.Contains(new LocalTime(7, 59)));
    }

    [Fact]
    public void Overlaps_RangesThatOnlyTouch_DoNotOverlap()
    {
        var morning = new LocalTimeRange(new LocalTime(8, 0), new LocalTime(12, 0));
        var afternoon = new LocalTimeRange(new LocalTime(12, 0), new LocalTime(18, 0));
        var lunch = new LocalTimeRange(new LocalTime(11, 30), new LocalTime(12, 30));

        Assert.False(morning.Overlaps(afternoon));
        Assert.False(afternoon.Overlaps(morning));
        Assert.True(morning.Overlaps(lunch));
        Assert.True(lunch.Overlaps(afternoon));
    }
}
