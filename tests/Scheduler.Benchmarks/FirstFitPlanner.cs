using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Planning;

namespace Scheduler.Benchmarks;

/// <summary>What a strategy answered for one request: every session of the series, or the session (1-based) it could not place.</summary>
public sealed record SeriesAnswer(IReadOnlyList<PlannedSession> Sessions, int FailedAt)
{
    public bool Accepted => Sessions.Count > 0;

    public static SeriesAnswer Rejected(int failedAt) => new([], failedAt);
}

/// <summary>
/// The baseline the planner is compared with: first fit, no look-ahead, no ranking, no preferences.
/// Session 1 goes to the earliest (day, grid time, chair in name order) in the request's search
/// window that passes <see cref="BookingRules.Check"/>; each later session to the earliest allowed
/// one in the spacing window after the session before (<see cref="SeriesSpacing.GapBefore"/>,
/// <see cref="SeriesSpacing.DayAllowed"/>). When a later session finds no place the whole series is
/// rejected, never booked in part. Every rule is the domain's; this class only decides where to look.
/// </summary>
public static class FirstFitPlanner
{
    public static SeriesAnswer Plan(BookIndex book, IReadOnlyList<Chair> chairs, PlanRequest request, Instant now)
    {
        var settings = book.Settings;
        var protocol = request.Protocol;
        var candidates = chairs.Where(c => c.Active && c.Kind == protocol.ChairKind)
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id.Value).ToArray();
        var today = now.InZone(settings.Zone).Date;
        var first = request.EarliestDate > today ? request.EarliestDate : today;
        var last = first.PlusDays(request.FirstSessionSearchDays - 1);
        var placed = new List<PlannedSession>();
        for (var ordinal = 1; ordinal <= request.SessionCount; ordinal++)
        {
            if (ordinal > 1)
            {
                var previous = placed[^1].LocalStart.Date;
                var (min, max) = SeriesSpacing.GapBefore(protocol, ordinal)!.Value;
                (first, last) = (previous.PlusDays(min), previous.PlusDays(max));
            }
            // The series' own earlier sessions need not be in the book: they are on other days, and
            // no rule links two days (a visit never crosses midnight).
            var session = Earliest(book, candidates, request, ordinal, first, last, now);
            if (session is null)
                return SeriesAnswer.Rejected(ordinal);
            placed.Add(session);
        }
        if (SeriesSpacing.Check(protocol, placed.Select(s => s.LocalStart.Date).ToList()) is { } broken)
            throw new InvalidOperationException($"First fit broke the series spacing: {broken.Message}");
        return new SeriesAnswer(placed, 0);
    }

    private static PlannedSession? Earliest(BookIndex book, Chair[] chairs, PlanRequest request, int ordinal,
        LocalDate first, LocalDate last, Instant now)
    {
        var settings = book.Settings;
        var protocol = request.Protocol;
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            if (!SeriesSpacing.DayAllowed(protocol, ordinal, date.DayOfWeek))
                continue;
            foreach (var start in GridStarts(settings, date))
            {
                foreach (var chair in chairs)
                {
                    if (BookingRules.Check(book, chair, protocol, request.Patient, start, now, out var footprint) is null)
                    {
                        return new PlannedSession(ordinal, SeriesSpacing.PhaseOf(protocol, ordinal), chair.Id, chair.Name,
                            start.InZone(settings.Zone).LocalDateTime, footprint);
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Where to look on a day: every grid time from the start of each opening range to its end, as
    /// instants (a wall-clock time a clock change skips or repeats is left out, as the planner does).
    /// Whether the visit fits is <see cref="BookingRules.Check"/>'s to say.
    /// </summary>
    private static IEnumerable<Instant> GridStarts(ClinicSettings settings, LocalDate date)
    {
        var grid = (int)settings.SlotGrid.TotalMinutes;
        foreach (var range in settings.Hours.On(date.DayOfWeek))
        {
            var from = range.From.Hour * 60 + range.From.Minute;
            var to = range.To.Hour * 60 + range.To.Minute;
            for (var m = (from + grid - 1) / grid * grid; m < to; m += grid)
            {
                var mapping = settings.Zone.MapLocal(date + new LocalTime(m / 60, m % 60));
                if (mapping.Count == 1)
                    yield return mapping.First().ToInstant();
            }
        }
    }
}
