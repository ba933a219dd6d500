using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Clinics;

/// <summary>Opening hours per weekday: zero or more non-overlapping ranges a day, in wall-clock time.</summary>
public sealed class WeeklyHours
{
    private readonly Dictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>> _days;

    public WeeklyHours(IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>> days)
    {
        _days = [];
        foreach (var (day, ranges) in days)
        {
            if (day == IsoDayOfWeek.None)
                throw new InvalidValueException("openingHours", "Opening hours name a day that is not a weekday.");
            var sorted = ranges.OrderBy(r => r.From).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Overlaps(sorted[i - 1]))
                    throw new InvalidValueException("openingHours", $"Opening hours on {day} overlap: {sorted[i - 1]} and {sorted[i]}.");
            }
            if (sorted.Count > 0)
                _days[day] = sorted;
        }
        if (_days.Count == 0)
            throw new InvalidValueException("openingHours", "The clinic must be open on at least one day of the week.");
    }

    public IReadOnlyList<LocalTimeRange> On(IsoDayOfWeek day) => _days.TryGetValue(day, out var r) ? r : [];

    public IEnumerable<KeyValuePair<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>>> Days => _days.OrderBy(d => d.Key);
}
