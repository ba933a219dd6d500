using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Patients;

/// <summary>
/// When a patient would rather come: weekdays (none given means any), the earliest start and the
/// latest end of the whole visit, in the clinic's wall-clock time. A preference, not a rule: the
/// planner ranks by it.
/// </summary>
public sealed class Availability
{
    public Availability(IEnumerable<IsoDayOfWeek>? days, LocalTime? earliestStart, LocalTime? latestEnd)
    {
        Days = (days ?? []).Distinct().Order().ToArray();
        if (Days.Contains(IsoDayOfWeek.None))
            throw new InvalidValueException("preferences.days", "Preferred days must be weekdays.");
        if (earliestStart is { } s && latestEnd is { } e && e <= s)
            throw new InvalidValueException("preferences.latestEnd", "The latest end must be after the earliest start.");
        EarliestStart = earliestStart;
        LatestEnd = latestEnd;
    }

    public static Availability Any { get; } = new(null, null, null);

    public IReadOnlyList<IsoDayOfWeek> Days { get; }
    public LocalTime? EarliestStart { get; }
    public LocalTime? LatestEnd { get; }

    /// <summary>True when a visit on that day from <paramref name="start"/> to <paramref name="end"/> (local) suits the patient.</summary>
    public bool Suits(IsoDayOfWeek day, LocalTime start, LocalTime end) =>
        (Days.Count == 0 || Days.Contains(day))
        && (EarliestStart is null || start >= EarliestStart)
        && (LatestEnd is null || end <= LatestEnd);
}
