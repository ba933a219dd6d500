using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Clinics;

/// <summary>
/// Turns a wall-clock time a person asked for into an instant, deliberately: a time in a
/// spring-forward gap does not exist and is refused; a time that happens twice needs the offset
/// that says which one is meant.
/// </summary>
public static class ClinicTime
{
    public static Instant Resolve(DateTimeZone zone, LocalDateTime local, Offset? offset, string field)
    {
        var mapping = zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 0:
                // For a gap, the early interval is the one before the jump and the late one after it.
                throw new InvalidValueException(field,
                    $"{Formats.DayTime(local)} does not exist in {zone.Id}: the clocks jump forward that night " +
                    $"(from {mapping.EarlyInterval.WallOffset} to {mapping.LateInterval.WallOffset}). Pick a time outside the gap.");
            case 1:
                if (offset is { } single && single != mapping.First().Offset)
                    throw new InvalidValueException(field,
                        $"{Formats.DayTime(local)} in {zone.Id} has offset {mapping.First().Offset}, not {single}.");
                return mapping.Single().ToInstant();
            default:
                if (offset is null)
                    throw new InvalidValueException(field,
                        $"{Formats.DayTime(local)} happens twice in {zone.Id} (the clocks go back that night). " +
                        $"Give the offset to say which: {mapping.First().Offset} for the first or {mapping.Last().Offset} for the second.");
                if (offset == mapping.First().Offset)
                    return mapping.First().ToInstant();
                if (offset == mapping.Last().Offset)
                    return mapping.Last().ToInstant();
                throw new InvalidValueException(field,
                    $"{Formats.DayTime(local)} in {zone.Id} has offset {mapping.First().Offset} or {mapping.Last().Offset}, not {offset}.");
        }
    }
}
