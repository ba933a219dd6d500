using NodaTime;
using NodaTime.TimeZones;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// How long before a session a reminder is due. Two kinds, because people mean two things:
/// <list type="bullet">
/// <item><see cref="DaysBefore"/>: "1 day before" is the same wall-clock time that many local days
/// earlier, so a Monday 09:00 session is reminded on Sunday at 09:00 local even when the clocks
/// changed in between (the elapsed time is then 23 or 25 hours).</item>
/// <item><see cref="Before"/>: "2 hours before" is elapsed time, whatever the wall clock does.</item>
/// </list>
/// A day-based due time that falls in a spring-forward gap moves forward by the length of the gap
/// (02:30 becomes 03:30); one that happens twice uses the first occurrence. Both keep the reminder
/// as close to the meant wall-clock time as exists, and never after it by more than the gap.
/// </summary>
public sealed class ReminderOffset : IEquatable<ReminderOffset>
{
    public const int MaxDays = 14;
    public static readonly Duration MaxDuration = Duration.FromHours(24);

    private ReminderOffset(int days, Duration duration)
    {
        Days = days;
        Duration = duration;
    }

    /// <summary>Local days before the session at the same wall-clock time; 0 for a duration offset.</summary>
    public int Days { get; }

    /// <summary>Elapsed time before the session; zero for a day offset.</summary>
    public Duration Duration { get; }

    public bool IsWallClock => Days > 0;

    public static ReminderOffset DaysBefore(int days, string field = "reminders.daysBefore")
    {
        if (days is < 1 or > MaxDays)
            throw new InvalidValueException(field, $"A reminder can be 1 to {MaxDays} days before the session, not {days}.");
        return new ReminderOffset(days, Duration.Zero);
    }

    public static ReminderOffset Before(Duration duration, string field = "reminders.minutesBefore")
    {
        if (duration < Duration.FromMinutes(1) || duration > MaxDuration || duration != Duration.FromMinutes((long)duration.TotalMinutes))
            throw new InvalidValueException(field, "A reminder can be a whole number of minutes, from 1 minute to 24 hours, before the session.");
        return new ReminderOffset(0, duration);
    }

    /// <summary>When the reminder is nominally due, before any quiet-hours move.</summary>
    public Instant DueFor(Instant sessionStart, DateTimeZone zone)
    {
        if (!IsWallClock)
            return sessionStart - Duration;
        var local = sessionStart.InZone(zone).LocalDateTime.PlusDays(-Days);
        return zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
    }

    public bool Equals(ReminderOffset? other) => other is not null && Days == other.Days && Duration == other.Duration;
    public override bool Equals(object? obj) => Equals(obj as ReminderOffset);
    public override int GetHashCode() => HashCode.Combine(Days, Duration);
    public override string ToString() => IsWallClock ? $"{Days} day(s) before, same local time" : $"{Formats.Length(Duration)} before";
}
