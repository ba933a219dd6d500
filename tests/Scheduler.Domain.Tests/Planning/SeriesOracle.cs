namespace Scheduler.Domain.Tests.Planning;

/// <summary>
/// A brute-force answer to "can this series be booked at all?", built only from the public rules
/// (<see cref="BookingRules.Check"/> on every chair and grid time, <see cref="SeriesSpacing"/> gaps),
/// so the planner can be compared with something that shares none of its shortcuts.
/// </summary>
public sealed class SeriesOracle
{
    private readonly TestClinic _clinic;
    private readonly BookIndex _book;
    private readonly PlanRequest _request;
    private readonly Instant _now;
    private readonly Dictionary<LocalDate, bool> _bookable = [];
    private readonly Dictionary<(int, LocalDate), bool> _completes = [];
    private readonly Dictionary<(int, LocalDate), LocalDate?> _inductionEnds = [];

    public SeriesOracle(TestClinic clinic, BookIndex book, PlanRequest request, Instant now)
    {
        _clinic = clinic;
        _book = book;
        _request = request;
        _now = now;
    }

    /// <summary>Whether any full series exists with its first session in the request's search window.</summary>
    public bool SeriesExists()
    {
        var today = _now.InZone(_clinic.Zone).Date;
        var from = _request.EarliestDate > today ? _request.EarliestDate : today;
        var to = _request.EarliestDate.PlusDays(_request.FirstSessionSearchDays - 1);
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            if (Usable(1, d) && Completes(1, d))
                return true;
        }
        return false;
    }

    /// <summary>The earliest day the last induction session can be on in any full series, or null if none exists.</summary>
    public LocalDate? EarliestInductionEnd()
    {
        var today = _now.InZone(_clinic.Zone).Date;
        var from = _request.EarliestDate > today ? _request.EarliestDate : today;
        var to = _request.EarliestDate.PlusDays(_request.FirstSessionSearchDays - 1);
        LocalDate? best = null;
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            if (Usable(1, d) && Completes(1, d) && InductionEnd(1, d) is { } end && (best is null || end < best))
                best = end;
        }
        return best;
    }

    private LocalDate? InductionEnd(int ordinal, LocalDate date)
    {
        if (ordinal == Math.Min(_request.Protocol.Induction.Count, _request.SessionCount))
            return date;
        if (_inductionEnds.TryGetValue((ordinal, date), out var known))
            return known;
        var (min, max) = SeriesSpacing.GapBefore(_request.Protocol, ordinal + 1)!.Value;
        LocalDate? best = null;
        for (var d = date.PlusDays(min); d <= date.PlusDays(max); d = d.PlusDays(1))
        {
            if (Usable(ordinal + 1, d) && Completes(ordinal + 1, d) && InductionEnd(ordinal + 1, d) is { } end && (best is null || end < best))
                best = end;
        }
        _inductionEnds[(ordinal, date)] = best;
        return best;
    }

    /// <summary>Whether some chair at some grid time on that day passes every booking rule.</summary>
    public bool Bookable(LocalDate date)
    {
        if (_bookable.TryGetValue(date, out var known))
            return known;
        var grid = (int)_clinic.Settings.SlotGrid.TotalMinutes;
        var result = false;
        for (var m = 0; m < 24 * 60 && !result; m += grid)
        {
            var local = date + new LocalTime(m / 60, m % 60);
            var mapping = _clinic.Zone.MapLocal(local);
            if (mapping.Count != 1)
                continue;
            foreach (var chair in _clinic.Chairs)
            {
                if (BookingRules.Check(_book, chair, _request.Protocol, _request.Patient, mapping.Single().ToInstant(), _now, out _) is null)
                {
                    result = true;
                    break;
                }
            }
        }
        _bookable[date] = result;
        return result;
    }

    private bool Usable(int ordinal, LocalDate date) =>
        SeriesSpacing.DayAllowed(_request.Protocol, ordinal, date.DayOfWeek) && Bookable(date);

    private bool Completes(int ordinal, LocalDate date)
    {
        if (ordinal == _request.SessionCount)
            return true;
        if (_completes.TryGetValue((ordinal, date), out var known))
            return known;
        var (min, max) = SeriesSpacing.GapBefore(_request.Protocol, ordinal + 1)!.Value;
        var result = false;
        for (var d = date.PlusDays(min); d <= date.PlusDays(max) && !result; d = d.PlusDays(1))
            result = Usable(ordinal + 1, d) && Completes(ordinal + 1, d);
        _completes[(ordinal, date)] = result;
        return result;
    }
}
