using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

public class ReminderOffsetTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void DaysBefore_WhenTheLocalTimeFallsInTheSpringForwardGap_MovesForwardByTheGap()
    {
        // Monday 15 March 2027 02:30 EDT; the day before, 02:30 does not exist (02:00 EST → 03:00 EDT).
        var session = Instant.FromUtc(2027, 3, 15, 6, 30);

        var due = ReminderOffset.DaysBefore(1).DueFor(session, NewYork);

        Assert.Equal(Instant.FromUtc(2027, 3, 14, 7, 30), due);
        Assert.Equal(new LocalDateTime(2027, 3, 14, 3, 30), due.InZone(NewYork).LocalDateTime);
    }

    [Fact]
    public void DaysBefore_WhenTheLocalTimeHappensTwice_UsesTheFirst()
    {
        // Monday 8 November 2027 01:30 EST; on Sunday 7 November 01:30 happens at -04 and again at -05.
        var session = Instant.FromUtc(2027, 11, 8, 6, 30);

        var due = ReminderOffset.DaysBefore(1).DueFor(session, NewYork);

        Assert.Equal(Instant.FromUtc(2027, 11, 7, 5, 30), due);
        Assert.Equal(Offset.FromHours(-4), due.InZone(NewYork).Offset);
    }

    [Fact]
    public void Before_AcrossAClockChange_IsElapsedTime()
    {
        // Sunday 14 March 2027 04:00 EDT = 08:00 UTC; two hours earlier is 01:00 EST, the wall clock says three.
        var session = Instant.FromUtc(2027, 3, 14, 8, 0);

        var due = ReminderOffset.Before(Duration.FromHours(2)).DueFor(session, NewYork);

        Assert.Equal(Instant.FromUtc(2027, 3, 14, 6, 0), due);
        Assert.Equal(new LocalTime(1, 0), due.InZone(NewYork).TimeOfDay);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void DaysBefore_OutsideOneToFourteen_IsRefused(int days)
    {
        Assert.Throws<InvalidValueException>(() => ReminderOffset.DaysBefore(days));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(25L * 60)]
    public void Before_OutsideOneMinuteToADay_IsRefused(long minutes)
    {
        Assert.Throws<InvalidValueException>(() => ReminderOffset.Before(Duration.FromMinutes(minutes)));
    }

    [Fact]
    public void Before_WithSeconds_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => ReminderOffset.Before(Duration.FromSeconds(90)));
    }
}
