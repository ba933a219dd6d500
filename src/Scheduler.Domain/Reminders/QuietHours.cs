using NodaTime;
using NodaTime.TimeZones;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// When reminders may go out, in the clinic's wall-clock time: [SendFrom, SendUntil), the end
/// excluded. Everything outside is quiet. The window stays within one day.
/// </summary>
public sealed class QuietHours
{
    public QuietHours(LocalTime sendFrom, LocalTime sendUntil)
    {
        Sending = new LocalTimeRange(sendFrom, sendUntil, "quietHours");
        if (sendUntil.NanosecondOfDay - sendFrom.NanosecondOfDay < Duration.FromHours(1).ToInt64Nanoseconds())
            throw new InvalidValueException("quietHours", "Reminders need at least one hour a day in which they may be sent.");
    }

    /// <summary>09:00–20:00 local.</summary>
    public static QuietHours Default { get; } = new(new LocalTime(9, 0), new LocalTime(20, 0));

    public LocalTimeRange Sending { get; }

    public bool IsQuiet(Instant at, DateTimeZone zone) => !Sending.Contains(at.InZone(zone).TimeOfDay);

    /// <summary>
    /// <paramref name="at"/> itself when it is outside quiet hours, else the next moment they end
    /// (later the same day when it is early morning, the next day when it is evening). An end of
    /// quiet hours in a spring-forward gap moves forward by the gap.
    /// </summary>
    public Instant NextSendable(Instant at, DateTimeZone zone)
    {
        var local = at.InZone(zone).LocalDateTime;
        if (Sending.Contains(local.TimeOfDay))
            return at;
        var date = local.TimeOfDay < Sending.From ? local.Date : local.Date.PlusDays(1);
        return zone.ResolveLocal(date + Sending.From, Resolvers.LenientResolver).ToInstant();
    }

    public override string ToString() => $"reminders are sent {Formats.Time(Sending.From)}–{Formats.Time(Sending.To)}";
}
