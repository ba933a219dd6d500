using NodaTime;
using Scheduler.Domain.Common;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Series;

namespace Scheduler.Domain.Booking;

/// <summary>
/// Series spacing, in the clinic's local days: induction sessions min–max days apart on allowed
/// weekdays; the first booster min–max days after the last induction session, each next booster
/// the same after the one before. Spacing is a rule; continuity (same chair, same time) is a preference.
/// </summary>
public static class SeriesSpacing
{
    public static SeriesPhase PhaseOf(Protocol protocol, int ordinal) =>
        ordinal <= protocol.Induction.Count ? SeriesPhase.Induction : SeriesPhase.Maintenance;

    /// <summary>The allowed gap in days between session <paramref name="ordinal"/> - 1 and it; null for the first.</summary>
    public static (int Min, int Max)? GapBefore(Protocol protocol, int ordinal)
    {
        if (ordinal <= 1)
            return null;
        if (PhaseOf(protocol, ordinal) == SeriesPhase.Induction)
            return (protocol.Induction.MinGapDays, protocol.Induction.MaxGapDays);
        var m = protocol.Maintenance ?? throw new InvalidValueException("sessions", "This protocol has no maintenance phase.");
        return (m.MinIntervalDays, m.MaxIntervalDays);
    }

    /// <summary>Whether the weekday is allowed for session <paramref name="ordinal"/> (induction sessions only are restricted).</summary>
    public static bool DayAllowed(Protocol protocol, int ordinal, IsoDayOfWeek day) =>
        PhaseOf(protocol, ordinal) == SeriesPhase.Maintenance || protocol.Induction.AllowedDays.Contains(day);

    /// <summary>Most sessions a series of this protocol can have with <paramref name="boosters"/> boosters.</summary>
    public static int MaxSessions(Protocol protocol, int boosters) => protocol.Induction.Count + boosters;

    /// <summary>Checks one session's weekday and its gaps to its neighbours in the series (each side optional).</summary>
    public static Refusal? CheckNeighbours(Protocol protocol, int ordinal, LocalDate date, LocalDate? previous, LocalDate? next)
    {
        if (!DayAllowed(protocol, ordinal, date.DayOfWeek))
            return new Refusal(RuleCode.WeekdayNotAllowed,
                $"Induction sessions of this protocol are on {string.Join(", ", protocol.Induction.AllowedDays)}; {Formats.Day(date)} is a {date.DayOfWeek}.");
        if (previous is { } p && GapBefore(protocol, ordinal) is { } before)
        {
            var gap = Period.DaysBetween(p, date);
            if (gap < before.Min || gap > before.Max)
                return Spacing(ordinal, ordinal - 1, p, date, gap, before);
        }
        if (next is { } n && GapBefore(protocol, ordinal + 1) is { } after)
        {
            var gap = Period.DaysBetween(date, n);
            if (gap < after.Min || gap > after.Max)
                return Spacing(ordinal + 1, ordinal, date, n, gap, after);
        }
        return null;
    }

    /// <summary>Checks a whole planned series, sessions in ordinal order starting at 1.</summary>
    public static Refusal? Check(Protocol protocol, IReadOnlyList<LocalDate> dates)
    {
        for (var i = 0; i < dates.Count; i++)
        {
            var refusal = CheckNeighbours(protocol, i + 1, dates[i], i > 0 ? dates[i - 1] : null, null);
            if (refusal is not null)
                return refusal with { Message = $"Session {i + 1} of {dates.Count}: {refusal.Message}" };
        }
        return null;
    }

    private static Refusal Spacing(int later, int earlier, LocalDate from, LocalDate to, int gap, (int Min, int Max) allowed) =>
        new(RuleCode.SeriesSpacing,
            $"Session {later} must be {allowed.Min}–{allowed.Max} days after session {earlier}; " +
            $"{Formats.Day(from)} to {Formats.Day(to)} is {gap} days.");
}
