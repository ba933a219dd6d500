using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Application.Common;

/// <summary>The text forms the API answers with.</summary>
public static class Formatting
{
    private static readonly OffsetDateTimePattern Offset = OffsetDateTimePattern.Create("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>", CultureInfo.InvariantCulture, default);

    /// <summary>A moment in the clinic's zone, with its offset: 2027-01-14T09:00:00-05:00.</summary>
    public static string Local(Instant instant, DateTimeZone zone) => Offset.Format(instant.InZone(zone).ToOffsetDateTime());

    public static string? Local(Instant? instant, DateTimeZone zone) => instant is { } i ? Local(i, zone) : null;

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>A clinic wall-clock moment without offset: 2027-01-14T09:00.</summary>
    public static string LocalDateTime(LocalDateTime value) => $"{Date(value.Date)}T{Time(value.TimeOfDay)}";

    public static string Time(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Day(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();
}
