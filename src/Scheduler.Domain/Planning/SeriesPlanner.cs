using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Domain.Planning;

/// <summary>
/// Plans a whole series: a pure, deterministic function of (clinic and book, chairs, request, now).
/// Every session of every proposal passes the same checks as a booking (<see cref="BookingRules"/>)
/// and the series spacing (<see cref="SeriesSpacing"/>).
/// <para>
/// How: whether session i on local day d can be followed by a complete rest of the series depends
/// only on d (sessions of one series are on different days, so they never compete for a chair or a
/// nurse). The planner memoises that per (i, d), so it never walks into a dead end; within that,
/// it picks each session greedily by <see cref="PlanObjective"/> around a few different first
/// sessions (anchors) and ranks the complete series by their cost.
/// </para>
/// </summary>
public static class SeriesPlanner
{
    public static PlanResult Plan(BookIndex book, IReadOnlyList<Chair> chairs, PlanRequest request, Instant now) =>
        new Run(book, chairs, request, now).Execute();

    private sealed class Run
    {
        private const int AnchorDays = 3;
        private const int AnchorsPerDay = 3;
        private static readonly Duration AnchorSpread = Duration.FromMinutes(90);

        private readonly BookIndex _book;
        private readonly ClinicSettings _settings;
        private readonly DateTimeZone _zone;
        private readonly PlanRequest _request;
        private readonly Chair[] _chairs;
        private readonly BookIndex.ChairTrack?[] _tracks;
        private readonly long _now;
        private readonly LocalDate _today;
        private readonly int _total;
        private readonly long _infusion, _careLength, _chairLength, _endLength, _usefulGap;
        private readonly bool _recovery;
        private readonly Dictionary<LocalDate, Day> _days = [];
        private readonly Dictionary<(int, LocalDate), bool> _completes = [];
        private (int Occurrence, LocalDate? Previous, LocalDate From, LocalDate To) _deepestFailure = (-1, null, default, default);

        public Run(BookIndex book, IReadOnlyList<Chair> chairs, PlanRequest request, Instant now)
        {
            _book = book;
            _settings = book.Settings;
            _zone = _settings.Zone;
            _request = request;
            _now = now.ToUnixTimeTicks();
            _today = now.InZone(_zone).Date;
            _total = request.SessionCount;
            var protocol = request.Protocol;
            _chairs = chairs.Where(c => c.Active && c.Kind == protocol.ChairKind && c.ClinicId == protocol.ClinicId)
                .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id.Value).ToArray();
            _tracks = _chairs.Select(c => book.TrackOf(c.Id)).ToArray();
            _recovery = _settings.Observation.InRecoveryArea;
            _infusion = protocol.Infusion.Value.BclCompatibleTicks;
            _careLength = protocol.CareLength.BclCompatibleTicks;
            var turnover = _settings.Turnover.BclCompatibleTicks;
            _chairLength = (_recovery ? _infusion : _careLength) + turnover;
            _endLength = Math.Max(_chairLength, _careLength);
            // The shortest visit any protocol can have on a chair: a shorter gap is lost.
            _usefulGap = (Protocols.InfusionDuration.Min + (_recovery ? Duration.Zero : Protocols.ObservationDuration.Min) + _settings.Turnover).BclCompatibleTicks;
        }

        public PlanResult Execute()
        {
            if (_chairs.Length == 0)
                return Fail(new PlanFailure(1, _total, RuleCode.WrongChair,
                    $"Session 1 of {_total}: the clinic has no active {_request.Protocol.ChairKind} for this protocol."));

            var anchors = FindAnchors();
            if (anchors.Count == 0)
                return Fail(Explain());

            var proposals = new List<(Placement[] Sessions, PlanScore Score)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var anchor in anchors)
            {
                var sessions = Complete(anchor);
                var key = string.Join('|', sessions.Select(s => $"{s.Chair.Id}@{s.Slot.Times.Start}"));
                if (seen.Add(key))
                    proposals.Add((sessions, Score(sessions)));
            }

            var ranked = proposals
                .OrderBy(p => p.Score.Cost)
                .ThenBy(p => p.Sessions[0].Slot.Times.Start)
                .ThenBy(p => p.Sessions[0].Chair.Name, StringComparer.Ordinal)
                .Take(_request.MaxProposals)
                .Select((p, i) => new Proposal(i + 1, p.Sessions.Select(ToPlanned).ToArray(), p.Score, Reasons(p.Sessions, p.Score)))
                .ToArray();
            return new PlanResult(ranked, null);
        }

        private static PlanResult Fail(PlanFailure failure) => new([], failure);

        // ---- the search ----------------------------------------------------------------------

        private (LocalDate From, LocalDate To) Window(int occurrence, LocalDate? previous)
        {
            if (occurrence == 0 || previous is null)
            {
                var from = _request.EarliestDate > _today ? _request.EarliestDate : _today;
                return (from, from.PlusDays(_request.FirstSessionSearchDays - 1));
            }
            var (min, max) = SeriesSpacing.GapBefore(_request.Protocol, occurrence + 1)!.Value;
            return (previous.Value.PlusDays(min), previous.Value.PlusDays(max));
        }

        private bool DayUsable(int occurrence, LocalDate date) =>
            date >= _today
            && SeriesSpacing.DayAllowed(_request.Protocol, occurrence + 1, date.DayOfWeek)
            && IsFeasible(GetDay(date));

        /// <summary>Whether, with session <paramref name="occurrence"/> on <paramref name="date"/>, all later sessions can be placed.</summary>
        private bool Completes(int occurrence, LocalDate date)
        {
            if (occurrence == _total - 1)
                return true;
            if (_completes.TryGetValue((occurrence, date), out var known))
                return known;
            var (from, to) = Window(occurrence + 1, date);
            var anyDay = false;
            var result = false;
            for (var d = from; d <= to && !result; d = d.PlusDays(1))
            {
                if (DayUsable(occurrence + 1, d))
                {
                    anyDay = true;
                    result = Completes(occurrence + 1, d);
                }
            }
            if (!anyDay && occurrence + 1 > _deepestFailure.Occurrence)
                _deepestFailure = (occurrence + 1, date, from, to);
            _completes[(occurrence, date)] = result;
            return result;
        }

        private List<Placement> FindAnchors()
        {
            var anchors = new List<Placement>();
            var (from, to) = Window(0, null);
            var anyDay = false;
            var days = 0;
            for (var d = from; d <= to && days < AnchorDays; d = d.PlusDays(1))
            {
                if (!DayUsable(0, d))
                    continue;
                anyDay = true;
                if (!Completes(0, d))
                    continue;
                days++;
                var day = GetDay(d);
                var order = day.Slots.Select((s, i) => i)
                    .OrderBy(i => day.Slots[i].Suits ? 0 : 1).ThenBy(i => day.Slots[i].Crowding).ThenBy(i => day.Slots[i].Times.Start)
                    .ToArray();
                var chosen = new List<LocalTime>();
                foreach (var i in order)
                {
                    var slot = day.Slots[i];
                    if (chosen.Any(t => Math.Abs(Period.Between(t, slot.Time, PeriodUnits.Minutes).Minutes) < AnchorSpread.TotalMinutes))
                        continue;
                    if (Place(day, slot, anchorChair: null) is not { } placement)
                        continue;
                    anchors.Add(placement);
                    chosen.Add(slot.Time);
                    if (chosen.Count == AnchorsPerDay)
                        break;
                }
            }
            if (!anyDay && _deepestFailure.Occurrence < 0)
                _deepestFailure = (0, null, from, to);
            return anchors;
        }

        private Placement[] Complete(Placement anchor)
        {
            var placed = new Placement[_total];
            placed[0] = anchor;
            for (var i = 1; i < _total; i++)
            {
                var (from, to) = Window(i, placed[i - 1].Day.Plan.Date);
                var perDay = SeriesSpacing.PhaseOf(_request.Protocol, i + 1) == SeriesPhase.Induction
                    ? PlanObjective.PerInductionDay
                    : PlanObjective.PerBoosterDayLate;
                Placement? best = null;
                var bestCost = double.MaxValue;
                for (var d = from; d <= to; d = d.PlusDays(1))
                {
                    var lateness = perDay * Period.DaysBetween(from, d);
                    if (lateness >= bestCost)
                        break;
                    if (!DayUsable(i, d) || !Completes(i, d))
                        continue;
                    if (BestOnDay(GetDay(d), anchor) is not { } candidate)
                        continue;
                    var cost = lateness + LocalCost(candidate, anchor);
                    if (cost < bestCost)
                    {
                        best = candidate;
                        bestCost = cost;
                    }
                }
                // Completes(i - 1, previous day) was true, so some day in the window works.
                placed[i] = best ?? throw new InvalidOperationException("The planner lost a feasible series.");
            }
            return placed;
        }

        private static double LocalCost(Placement p, Placement anchor) =>
            (p.Slot.Suits ? 0 : PlanObjective.PerSessionOutsidePreferences)
            + (p.Chair.Id == anchor.Chair.Id ? 0 : PlanObjective.PerChairChange)
            + PlanObjective.PerHourOffFirstStart * Math.Min(HoursBetween(p.Slot.Time, anchor.Slot.Time), PlanObjective.MaxHoursOffFirstStart)
            + PlanObjective.PerUnusableGap * p.UnusableGaps
            + PlanObjective.PerCrowdedStart * p.Slot.Crowding;

        /// <summary>The best place on a day near the anchor's time and chair, or null.</summary>
        private Placement? BestOnDay(Day day, Placement anchor)
        {
            var anchorTime = anchor.Slot.Time;
            var order = day.Slots.Select((s, i) => i)
                .OrderBy(i => day.Slots[i].Suits ? 0 : 1)
                .ThenBy(i => Math.Abs(day.Slots[i].Time.Minute + 60 * day.Slots[i].Time.Hour - (anchorTime.Minute + 60 * anchorTime.Hour)))
                .ThenBy(i => day.Slots[i].Crowding)
                .ThenBy(i => day.Slots[i].Times.Start);
            foreach (var i in order)
            {
                if (Place(day, day.Slots[i], anchor.Chair) is { } placement)
                    return placement;
            }
            return null;
        }

        /// <summary>
        /// The slot with its best free chair (the anchor's if free, else the one leaving fewest unusable
        /// gaps), or null. Chairs are probed first: at a busy clinic most slots have none free, and the
        /// nurse limits cost more to check.
        /// </summary>
        private Placement? Place(Day day, Slot slot, Chair? anchorChair)
        {
            var anchor = anchorChair is null ? -1 : Array.IndexOf(_chairs, anchorChair);
            if (anchor >= 0 && ChairFree(anchor, slot))
                return SlotCode(day, slot) == RuleCode.None ? new Placement(day, slot, anchorChair!, UnusableGaps(day, slot, anchorChair!)) : null;
            Placement? best = null;
            for (var i = 0; i < _chairs.Length; i++)
            {
                if (!ChairFree(i, slot))
                    continue;
                if (best is null && SlotCode(day, slot) != RuleCode.None)
                    return null;
                var gaps = UnusableGaps(day, slot, _chairs[i]);
                if (best is null || gaps < best.UnusableGaps)
                    best = new Placement(day, slot, _chairs[i], gaps);
                if (gaps == 0)
                    break;
            }
            return best;
        }

        private bool ChairFree(int chair, Slot slot) =>
            BookingRules.CheckChair(_chairs[chair], _tracks[chair], slot.Times.Start, slot.Times.ChairEnd) == RuleCode.None;

        private int UnusableGaps(Day day, Slot slot, Chair chair)
        {
            var range = day.Plan.OpeningHolding(slot.Times.Start, slot.Times.End);
            var (open, close) = day.Plan.Opening[range];
            var (before, after) = _book.ChairNeighbours(chair.Id, slot.Times.Start, slot.Times.ChairEnd);
            var gapBefore = slot.Times.Start - Math.Max(before ?? open, open);
            var gapAfter = Math.Min(after ?? close, close) - slot.Times.ChairEnd;
            return (gapBefore > 0 && gapBefore < _usefulGap ? 1 : 0) + (gapAfter > 0 && gapAfter < _usefulGap ? 1 : 0);
        }

        // ---- days and slots ------------------------------------------------------------------

        private Day GetDay(LocalDate date)
        {
            if (_days.TryGetValue(date, out var day))
                return day;
            var plan = _book.Day(date);
            var code = date < _today ? RuleCode.InThePast : BookingRules.CheckDay(_book, plan, _request.Patient);
            var slots = code == RuleCode.None ? Slots(plan) : [];
            if (code == RuleCode.None && slots.Length == 0)
                code = RuleCode.OutsideOpeningHours;
            _days[date] = day = new Day(plan, slots, code);
            return day;
        }

        /// <summary>Grid starts whose whole visit fits an opening range. Local times in a DST gap or overlap are not proposed.</summary>
        private Slot[] Slots(DayPlan plan)
        {
            var grid = (int)_settings.SlotGrid.TotalMinutes;
            var slots = new List<Slot>();
            for (var r = 0; r < plan.LocalOpening.Length; r++)
            {
                var range = plan.LocalOpening[r];
                var first = (range.From.Hour * 60 + range.From.Minute + grid - 1) / grid * grid;
                var last = range.To.Hour * 60 + range.To.Minute;
                for (var m = first; m < last; m += grid)
                {
                    var time = new LocalTime(m / 60, m % 60);
                    var mapping = _zone.MapLocal(plan.Date + time);
                    if (mapping.Count != 1)
                        continue;
                    var start = mapping.First().ToInstant().ToUnixTimeTicks();
                    var times = new SlotTimes(start, start + _infusion, start + _careLength, start + _chairLength, _recovery);
                    if (plan.OpeningHolding(times.Start, times.End) < 0)
                    {
                        if (times.Start >= plan.Opening[r].To)
                            break;
                        continue;
                    }
                    // The patient leaves when observation ends; turnover is the clinic's time, not theirs.
                    var endTime = Instant.FromUnixTimeTicks(times.ObservationEnd).InZone(_zone).TimeOfDay;
                    var suits = _request.Preferences.Suits(plan.Date.DayOfWeek, time, endTime);
                    slots.Add(new Slot(time, times, suits, _book.SetupsOverlapping(start)));
                }
            }
            return slots.ToArray();
        }

        private RuleCode SlotCode(Day day, Slot slot)
        {
            if (slot.Code is { } known)
                return known;
            var code = slot.Times.Start < _now ? RuleCode.InThePast : BookingRules.CheckSlot(_book, day.Plan, slot.Times);
            slot.Code = code;
            return code;
        }

        private bool IsFeasible(Day day)
        {
            if (day.Feasible is { } known)
                return known;
            day.Feasible = false;
            if (day.Code != RuleCode.None)
                return false;
            foreach (var slot in day.Slots)
            {
                var chairCode = RuleCode.ChairOutOfService;
                for (var i = 0; i < _chairs.Length; i++)
                {
                    var c = BookingRules.CheckChair(_chairs[i], _tracks[i], slot.Times.Start, slot.Times.ChairEnd);
                    if (c == RuleCode.None || c == RuleCode.ChairTaken)
                        chairCode = c;
                    if (c == RuleCode.None)
                        break;
                }
                var code = chairCode == RuleCode.None ? SlotCode(day, slot) : chairCode;
                if (code == RuleCode.None)
                {
                    day.Feasible = true;
                    return true;
                }
                day.Tally(code);
            }
            return false;
        }

        // ---- results -------------------------------------------------------------------------

        private PlannedSession ToPlanned(Placement p, int index) =>
            new(index + 1, SeriesSpacing.PhaseOf(_request.Protocol, index + 1), p.Chair.Id, p.Chair.Name, p.Day.Plan.Date + p.Slot.Time,
                SessionFootprint.Of(Instant.FromUnixTimeTicks(p.Slot.Times.Start), _request.Protocol, _settings));

        private PlanScore Score(Placement[] sessions)
        {
            var induction = _request.Protocol.Induction.Count;
            var inductionDays = Period.DaysBetween(_request.EarliestDate, sessions[Math.Min(induction, sessions.Length) - 1].Day.Plan.Date);
            var boosterLate = 0;
            for (var i = induction; i < sessions.Length; i++)
                boosterLate += Period.DaysBetween(Window(i, sessions[i - 1].Day.Plan.Date).From, sessions[i].Day.Plan.Date);
            var outside = sessions.Count(s => !s.Slot.Suits);
            var changes = sessions.Skip(1).Select((s, i) => s.Chair.Id != sessions[i].Chair.Id).Count(c => c);
            var hours = sessions.Sum(s => Math.Min(HoursBetween(s.Slot.Time, sessions[0].Slot.Time), PlanObjective.MaxHoursOffFirstStart));
            var gaps = sessions.Sum(s => s.UnusableGaps);
            var crowded = sessions.Sum(s => s.Slot.Crowding);
            return new PlanScore(inductionDays, boosterLate, outside, changes, hours, gaps, crowded,
                PlanObjective.Cost(inductionDays, boosterLate, outside, changes, hours, gaps, crowded));
        }

        private List<string> Reasons(Placement[] sessions, PlanScore score)
        {
            var n = sessions.Length;
            var induction = Math.Min(_request.Protocol.Induction.Count, n);
            var reasons = new List<string>
            {
                $"Induction of {induction} ends {Formats.Day(sessions[induction - 1].Day.Plan.Date)}, {score.InductionDays} days after {Formats.Day(_request.EarliestDate)}.",
                score.OutsidePreferences == 0
                    ? "Every session suits the patient's preferred days and times."
                    : $"{score.OutsidePreferences} of {n} sessions fall outside the patient's preferred days or times.",
                score.ChairChanges == 0
                    ? $"Same chair for every session: {sessions[0].Chair.Name}."
                    : $"{score.ChairChanges} chair changes across the series.",
                score.HoursOffFirstStart == 0
                    ? $"Every session starts at {Formats.Time(sessions[0].Slot.Time)}."
                    : $"Start times stay near {Formats.Time(sessions[0].Slot.Time)} (up to {Formats.Length(Duration.FromMinutes((long)(sessions.Max(s => HoursBetween(s.Slot.Time, sessions[0].Slot.Time)) * 60)))} away).",
            };
            if (n > induction)
            {
                reasons.Add(score.BoosterDaysLate == 0
                    ? "Each booster is on the first day its interval allows."
                    : $"Boosters are {score.BoosterDaysLate} days later in all than the earliest their intervals allow.");
            }
            reasons.Add(score.UnusableGaps == 0
                ? "Leaves no gap on a chair too short for another session."
                : $"Leaves {score.UnusableGaps} gaps on chairs too short for another session.");
            reasons.Add(score.CrowdedStarts == 0
                ? "No start coincides with another infusion's set-up."
                : $"{score.CrowdedStarts} set-ups already run at the chosen starts.");
            return reasons;
        }

        private PlanFailure Explain()
        {
            var (occurrence, previous, from, to) = _deepestFailure;
            if (occurrence < 0)
                (occurrence, previous, from, to) = (0, null, Window(0, null).From, Window(0, null).To);
            var tally = new Dictionary<RuleCode, int>();
            for (var d = from; d <= to; d = d.PlusDays(1))
            {
                RuleCode code;
                if (d < _today)
                    code = RuleCode.InThePast;
                else if (!SeriesSpacing.DayAllowed(_request.Protocol, occurrence + 1, d.DayOfWeek))
                    code = RuleCode.WeekdayNotAllowed;
                else
                {
                    var day = GetDay(d);
                    IsFeasible(day);
                    code = day.Code != RuleCode.None ? day.Code : day.Dominant;
                }
                tally[code] = tally.GetValueOrDefault(code) + 1;
            }
            // Days no session could be on anyway (closed, past, not an induction weekday) do not say
            // why the others fail; blaming them would call an open day closed.
            var open = tally.Where(t => t.Key is not (RuleCode.ClinicClosed or RuleCode.InThePast or RuleCode.WeekdayNotAllowed)).ToList();
            var rule = (open.Count > 0 ? open : [.. tally]).OrderByDescending(t => t.Value).ThenBy(t => t.Key).First().Key;
            var kind = _request.Protocol.ChairKind;
            var phrase = rule switch
            {
                RuleCode.ChairTaken => $"no {kind} free for {Formats.Length(Duration.FromTicks(_chairLength))}",
                RuleCode.ChairOutOfService => $"every free {kind} is out of service",
                RuleCode.NurseStartLimit => $"every free {kind} start collides with the nurses' set-up limit",
                RuleCode.NurseMonitoringLimit => $"the nurses on shift would be monitoring more than {_settings.PatientsPerNurse} patients each",
                RuleCode.RecoveryAreaFull => "the recovery area is full",
                RuleCode.PatientAlreadyBooked => "the patient already has a session on those days",
                RuleCode.ClinicClosed => "the clinic is closed",
                RuleCode.OutsideOpeningHours => $"the {Formats.Length(Duration.FromTicks(_endLength))} visit does not fit the opening hours",
                RuleCode.WeekdayNotAllowed => $"no day is an allowed induction weekday ({string.Join(", ", _request.Protocol.Induction.AllowedDays)})",
                RuleCode.InThePast => "those days are in the past",
                _ => rule.ToString(),
            };
            var span = from == to
                ? $"on {Formats.Day(from)}{HoursOn(from)}"
                : $"between {Formats.Day(from)} and {Formats.Day(to)}";
            var gapText = previous is { } p && SeriesSpacing.GapBefore(_request.Protocol, occurrence + 1) is { } gap
                ? $" within the {gap.Min}–{gap.Max} day gap after session {occurrence} on {Formats.Day(p)}"
                : $" (the first {_request.FirstSessionSearchDays} days from {Formats.Day(_request.EarliestDate)})";
            return new PlanFailure(occurrence + 1, _total, rule, $"Session {occurrence + 1} of {_total}: {phrase} {span}{gapText}.");
        }

        private string HoursOn(LocalDate date)
        {
            var ranges = GetDay(date).Plan.LocalOpening;
            return ranges.Length == 0 ? "" : " " + string.Join(" and ", ranges.Select(r => $"{Formats.Time(r.From)}–{Formats.Time(r.To)}"));
        }

        private static double HoursBetween(LocalTime a, LocalTime b) =>
            Math.Abs((a.Hour * 60 + a.Minute) - (b.Hour * 60 + b.Minute)) / 60.0;

        private sealed record Placement(Day Day, Slot Slot, Chair Chair, int UnusableGaps);

        private sealed class Day(DayPlan plan, Slot[] slots, RuleCode code)
        {
            private Dictionary<RuleCode, int>? _tally;

            public DayPlan Plan { get; } = plan;
            public Slot[] Slots { get; } = slots;

            /// <summary>A day-level refusal (closed, patient busy, nothing fits), or None.</summary>
            public RuleCode Code { get; } = code;

            public bool? Feasible { get; set; }

            public RuleCode Dominant => _tally is null ? RuleCode.OutsideOpeningHours
                : _tally.OrderByDescending(t => t.Value).ThenBy(t => t.Key).First().Key;

            public void Tally(RuleCode code)
            {
                _tally ??= [];
                _tally[code] = _tally.GetValueOrDefault(code) + 1;
            }
        }

        private sealed class Slot(LocalTime time, SlotTimes times, bool suits, int crowding)
        {
            public LocalTime Time { get; } = time;
            public SlotTimes Times { get; } = times;
            public bool Suits { get; } = suits;
            public int Crowding { get; } = crowding;
            public RuleCode? Code { get; set; }
        }
    }
}
