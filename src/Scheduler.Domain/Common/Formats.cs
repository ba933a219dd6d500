using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Domain.Common;

/// <summary>How dates, times and lengths read in messages to people ("Tue 14 Jan 08:00", "5 h 15 min").</summary>
public static class Formats
{
    private static readonly LocalDatePattern DayPattern = LocalDatePattern.Create("ddd d MMM yyyy", CultureInfo.InvariantCulture);
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.Create("HH:mm", CultureInfo.InvariantCulture);

    public static string Day(LocalDate date) => DayPattern.Format(date);

    public static string Time(LocalTime time) => TimePattern.Format(time);

    public static string DayTime(LocalDateTime value) => $"{Day(value.Date)} {Time(value.TimeOfDay)}";

    public static string DayTime(Instant instant, DateTimeZone zone) => DayTime(instant.InZone(zone).LocalDateTime);

    public static string Length(Duration duration)
    {
        var minutes = (long)Math.Round(duration.TotalMinutes);
        var hours = minutes / 60;
        var rest = minutes % 60;
        return (hours, rest) switch
        {
            (0, _) => $"{rest} min",
            (_, 0) => $"{hours} h",
            _ => $"{hours} h {rest} min",
        };
    }
}
