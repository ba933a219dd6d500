using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Series;

namespace Scheduler.Domain.Rebooking;

/// <summary>One session put somewhere: which (null for a make-up session still to be made), where and when.</summary>
public sealed record Placement(int Ordinal, SessionId? Session, ChairId Chair, SessionFootprint Footprint);

/// <summary>
/// Where a disrupted session goes: <see cref="Main"/>, and the later sessions of its series that
/// move with it to keep the spacing. <see cref="SameTime"/> when only the chair changes.
/// </summary>
public sealed record RebookingPlan(Placement Main, IReadOnlyList<Placement> Shifts, bool SameTime);

/// <summary>The outcome: a plan, or why there is none, in words for the front desk.</summary>
public sealed record RebookingOutcome(RebookingPlan? Plan, string? Reason)
{
    public bool Found => Plan is not null;
}

/// <summary>What the search may do: how much notice a new time needs and how far it looks.</summary>
public sealed record RebookingLimits(Duration Notice, int SearchDays)
{
    public static RebookingLimits Default { get; } = new(Duration.FromHours(2), 14);
}

/// <summary>
/// Finds the nearest feasible time for a disrupted session of a series, with the chair rules of
/// <see cref="BookingRules"/> and the spacing of <see cref="SeriesSpacing"/>:
/// <list type="number">
/// <item>the same start on another chair of the kind, when the day still stands (nothing changes for the patient);</item>
/// <item>otherwise the nearest day (a later day first when two are as near) that keeps the gap to the
/// session before, at the time of day nearest the old one (times that suit the patient first), on the
/// old chair when it is free;</item>
/// <item>when that day breaks the gap to the session after, the later sessions are moved too, each to the
/// day nearest its own that keeps the gap, as long as they are booked or confirmed and far enough ahead.</item>
/// </list>
/// The book given must leave out the series' sessions from the disrupted one on: the search puts them
/// back where they stay. A new time needs <see cref="RebookingLimits.Notice"/> from now; the same start
/// on another chair needs none.
/// </summary>
public sealed class RebookingSearch
{
    /// <summary>Slot probes allowed for one search, so a long chain of shifts cannot run away.</summary>
    private const int ProbeBudget = 20_000;

    private readonly BookIndex _book;
    private readonly IReadOnlyList<Chair> _chairs;
    private readonly Protocol _protocol;
    private readonly PatientId _patient;
    private readonly Availability _preferences;
    private readonly Instant _now;
    private readonly RebookingLimits _limits;
    private readonly DateTimeZone _zone;
    private int _probes;
    private Instant? _originalStart;

    public RebookingSearch(BookIndex book, IReadOnlyList<Chair> chairs, Protocol protocol, PatientId patient, Availability preferences,
        Instant now, RebookingLimits limits)
    {
        _book = book;
        _chairs = chairs.Where(c => c.Active && c.Kind == protocol.ChairKind && c.ClinicId == protocol.ClinicId).ToList();
        _protocol = protocol;
        _patient = patient;
        _preferences = preferences;
        _now = now;
        _limits = limits;
        _zone = book.Settings.Zone;
    }

    /// <summary>
    /// Places session <paramref name="ordinal"/> of <paramref name="series"/>, which was at
    /// <paramref name="originalStart"/> on <paramref name="originalChair"/>. <paramref name="session"/> is
    /// the session to move, or null when a make-up session will be made.
    /// </summary>
    /// <paramref name="avoidOriginalDay"/> leaves out the day of the disrupted session (the patient could not come that day).
    public RebookingOutcome Find(IReadOnlyList<Session> series, int ordinal, SessionId? session, Instant originalStart, ChairId originalChair,
        bool avoidOriginalDay = false)
    {
        _originalStart = originalStart;
        var original = originalStart.InZone(_zone).LocalDateTime;
        var previous = series.Where(s => s.Ordinal == ordinal - 1 && s.Status.Occupies()).Select(s => (LocalDate?)Date(s)).FirstOrDefault();
        var later = series.Where(s => s.Ordinal > ordinal && s.Status.Occupies()).OrderBy(s => s.Ordinal).ToList();
        var today = _now.InZone(_zone).Date;
        var tried = new List<string>();
        var spacingOnly = true;

        foreach (var date in Days(original.Date, today))
        {
            if (avoidOriginalDay && date == original.Date)
                continue;
            if (Spacing(ordinal, date, previous) is { } spacing)
            {
                Note(tried, date, spacing);
                continue;
            }
            spacingOnly = false;
            var sameDay = date == original.Date;
            var slot = FindSlot(date, original.TimeOfDay, originalChair, sameDay ? originalStart : null, out var code);
            if (slot is null)
            {
                Note(tried, date, Describe(code, date));
                continue;
            }
            var shifts = Chain(ordinal, date, later, 0, [date]);
            if (shifts is null)
            {
                Note(tried, date, $"session {ordinal + 1} and after could not be moved to keep the spacing");
                continue;
            }
            var main = new Placement(ordinal, session, slot.Value.Chair, slot.Value.Footprint);
            return new RebookingOutcome(new RebookingPlan(main, shifts, slot.Value.Footprint.Start == originalStart && shifts.Count == 0), null);
        }

        var around = $"within {_limits.SearchDays} days of {Formats.Day(original.Date)}";
        var why = spacingOnly
            ? $"No day {around} keeps the series spacing for session {ordinal}"
            : $"No time {around} keeps the series spacing for session {ordinal} and fits the book";
        return new RebookingOutcome(null, tried.Count == 0 ? why + "." : $"{why}: {string.Join("; ", tried)}.");
    }

    private static void Note(List<string> tried, LocalDate date, string reason)
    {
        if (tried.Count < 4)
            tried.Add($"{Formats.Day(date)}: {reason}");
    }

    /// <summary>Days nearest <paramref name="around"/> first, a later one before an earlier one as near, from today on.</summary>
    private IEnumerable<LocalDate> Days(LocalDate around, LocalDate today)
    {
        for (var distance = 0; distance <= _limits.SearchDays; distance++)
        {
            var after = around.PlusDays(distance);
            if (after >= today)
                yield return after;
            var before = around.PlusDays(-distance);
            if (distance > 0 && before >= today)
                yield return before;
        }
    }

    private string? Spacing(int ordinal, LocalDate date, LocalDate? previous)
    {
        if (!SeriesSpacing.DayAllowed(_protocol, ordinal, date.DayOfWeek))
            return $"session {ordinal} of this protocol cannot be on a {date.DayOfWeek}";
        if (previous is { } p && SeriesSpacing.GapBefore(_protocol, ordinal) is { } gap)
        {
            var days = Period.DaysBetween(p, date);
            if (days < gap.Min || days > gap.Max)
                return $"session {ordinal} must be {gap.Min}–{gap.Max} days after session {ordinal - 1} ({Formats.Day(p)})";
        }
        return null;
    }

    /// <summary>
    /// Keeps the later sessions where they are from the first one whose gap still holds; moves the
    /// ones before it. Null when one that must move cannot.
    /// </summary>
    private List<Placement>? Chain(int placedOrdinal, LocalDate placedDate, List<Session> later, int i, HashSet<LocalDate> used)
    {
        if (i == later.Count || _probes > ProbeBudget)
            return i == later.Count ? [] : null;
        var next = later[i];
        if (next.Ordinal != placedOrdinal + 1 || SeriesSpacing.GapBefore(_protocol, next.Ordinal) is not { } gap)
            return [];
        var current = Date(next);
        var currentGap = Period.DaysBetween(placedDate, current);
        if (currentGap >= gap.Min && currentGap <= gap.Max && !used.Contains(current))
            return [];
        if (!next.Status.IsUpcoming() || next.Footprint.Start < _now + _limits.Notice)
            return null;

        var time = next.Footprint.Start.InZone(_zone).TimeOfDay;
        var window = Enumerable.Range(gap.Min, gap.Max - gap.Min + 1)
            .Select(placedDate.PlusDays)
            .OrderBy(d => Math.Abs(Period.DaysBetween(current, d)))
            .ThenByDescending(d => d);
        foreach (var date in window)
        {
            if (used.Contains(date) || !SeriesSpacing.DayAllowed(_protocol, next.Ordinal, date.DayOfWeek))
                continue;
            var slot = FindSlot(date, time, next.ChairId, null, out _);
            if (slot is null)
                continue;
            used.Add(date);
            var rest = Chain(next.Ordinal, date, later, i + 1, used);
            if (rest is not null)
                return [new Placement(next.Ordinal, next.Id, slot.Value.Chair, slot.Value.Footprint), .. rest];
            used.Remove(date);
        }
        return null;
    }

    /// <summary>
    /// The best start on <paramref name="date"/>: <paramref name="sameStart"/> on another chair when given
    /// and free, else the grid time nearest <paramref name="time"/> (times that suit the patient first),
    /// <paramref name="chair"/> first among the free chairs.
    /// </summary>
    private (ChairId Chair, SessionFootprint Footprint)? FindSlot(LocalDate date, LocalTime time, ChairId chair, Instant? sameStart, out RuleCode code)
    {
        var day = _book.Day(date);
        code = BookingRules.CheckDay(_book, day, _patient);
        if (code != RuleCode.None)
            return null;
        if (sameStart is { } exact && Probe(day, exact, chair, ref code) is { } same)
            return same;

        var grid = _book.Settings.SlotGrid;
        var length = _protocol.Infusion.Value + _protocol.Observation.Value;
        var candidates = new List<(LocalTime Time, bool Suits, long Distance)>();
        foreach (var range in day.LocalOpening)
        {
            for (var t = range.From; t >= range.From && t < range.To; t = t.PlusMinutes((long)grid.TotalMinutes))
            {
                var distance = Math.Abs((t - time).ToDuration().BclCompatibleTicks);
                candidates.Add((t, _preferences.Suits(date.DayOfWeek, t, t.PlusTicks(length.BclCompatibleTicks)), distance));
                if (t.PlusMinutes((long)grid.TotalMinutes) <= t)
                    break;
            }
        }
        code = RuleCode.OutsideOpeningHours;
        foreach (var candidate in candidates.OrderBy(c => c.Suits ? 0 : 1).ThenBy(c => c.Distance).ThenBy(c => c.Time))
        {
            var mapping = _zone.MapLocal(date + candidate.Time);
            if (mapping.Count != 1)
                continue;
            if (Probe(day, mapping.Single().ToInstant(), chair, ref code) is { } found)
                return found;
        }
        return null;
    }

    private (ChairId, SessionFootprint)? Probe(DayPlan day, Instant start, ChairId preferred, ref RuleCode code)
    {
        _probes++;
        if (start < _now || (start < _now + _limits.Notice && start != _originalStart))
        {
            code = Deeper(code, RuleCode.InThePast);
            return null;
        }
        var footprint = SessionFootprint.Of(start, _protocol, _book.Settings);
        var times = new SlotTimes(footprint);
        var slot = BookingRules.CheckSlot(_book, day, times);
        if (slot != RuleCode.None)
        {
            code = Deeper(code, slot);
            return null;
        }
        foreach (var c in _chairs.OrderBy(c => c.Id == preferred ? 0 : 1))
        {
            var chairCode = BookingRules.CheckChair(_book, c, times.Start, times.ChairEnd);
            if (chairCode == RuleCode.None)
                return (c.Id, footprint);
            code = Deeper(code, chairCode);
        }
        if (_chairs.Count == 0)
            code = Deeper(code, RuleCode.WrongChair);
        return null;
    }

    private static RuleCode Deeper(RuleCode current, RuleCode found) => Stage(found) >= Stage(current) ? found : current;

    private static int Stage(RuleCode code) => code switch
    {
        RuleCode.None => -1,
        RuleCode.InThePast => 0,
        RuleCode.OutsideOpeningHours => 1,
        RuleCode.NurseStartLimit or RuleCode.NurseMonitoringLimit => 2,
        RuleCode.RecoveryAreaFull => 3,
        _ => 4,
    };

    private string Describe(RuleCode code, LocalDate date) => code switch
    {
        RuleCode.ClinicClosed => _book.Settings.ClosureOn(date) is { } closure
            ? $"the clinic is closed ({closure.Reason})"
            : $"the clinic is not open on {date.DayOfWeek}s",
        RuleCode.PatientAlreadyBooked => "the patient has another session that day",
        RuleCode.InThePast => $"too soon (a new time needs {Formats.Length(_limits.Notice)} notice)",
        RuleCode.OutsideOpeningHours => "no start leaves room for the whole session within the opening hours",
        RuleCode.NurseStartLimit or RuleCode.NurseMonitoringLimit => "the nurses on shift are fully taken",
        RuleCode.RecoveryAreaFull => "the recovery area is full",
        RuleCode.WrongChair => $"the clinic has no {_protocol.ChairKind} in use",
        _ => $"every {_protocol.ChairKind} is taken",
    };

    private LocalDate Date(Session s) => s.Footprint.Start.InZone(_zone).Date;
}
