using NodaTime;

namespace Scheduler.Domain.Common;

/// <summary>
/// A wall-clock range within one day, [From, To): <see cref="To"/> is excluded.
/// Ranges do not cross midnight.
/// </summary>
public sealed class LocalTimeRange : IEquatable<LocalTimeRange>
{
    public LocalTimeRange(LocalTime from, LocalTime to, string field = "range")
    {
        if (to <= from)
            throw new InvalidValueException(field, $"{field}: the end {to:HH:mm} must be after the start {from:HH:mm} on the same day.");
        From = from;
        To = to;
    }

    public LocalTime From { get; }
    public LocalTime To { get; }

    public bool Contains(LocalTime time) => time >= From && time < To;

    public bool Overlaps(LocalTimeRange other) => From < other.To && other.From < To;

    public bool Equals(LocalTimeRange? other) => other is not null && From == other.From && To == other.To;
    public override bool Equals(object? obj) => Equals(obj as LocalTimeRange);
    public override int GetHashCode() => HashCode.Combine(From, To);
    public override string ToString() => $"{From:HH:mm}-{To:HH:mm}";
}
