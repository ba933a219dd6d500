using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Domain.Capacity;

/// <summary>
/// Chair utilisation, attendance, lead time, the weekday × hour heatmap and nurse load of a
/// clinic over local days [from, to], in one pass over its sessions (any order).
/// <para>
/// Open chair-minutes: each chair in use (active) gets the day's opening hours (none on a closure),
/// less its out-of-service windows. Every interval is measured in instants, so a day with a clock
/// change counts the minutes it really has, and the heatmap puts them under the local hour they
/// happened in (the repeated hour of a fall-back day holds two hours; the skipped one holds none).
/// </para>
/// <para>
/// Booked: every session not cancelled (a no-show held its time in the book), each interval clipped
/// to the chair's open time: infusion, observation in the chair (none when a recovery area takes
/// it) and turnover. Actual, for days before today: infusion from its recorded start to the
/// observation start, observation to completion, then the clinic's turnover. A session belongs to
/// the local day it starts on.
/// </para>
/// </summary>
public static class Utilisation
{
    public static UtilisationReport Compute(ClinicSettings settings, IReadOnlyList<Chair> chairs, LocalDate from, LocalDate to,
        IEnumerable<SessionRecord> sessions, Instant now, UtilisationOptions? options = null)
    {
        var pass = Start(settings, chairs, from, to, now, options);
        foreach (var s in sessions)
            pass.Add(s);
        return pass.Report();
    }

    /// <summary>The same as a pass to feed session by session (for sessions streamed from a store).</summary>
    public static Pass Start(ClinicSettings settings, IReadOnlyList<Chair> chairs, LocalDate from, LocalDate to, Instant now,
        UtilisationOptions? options = null) =>
        new(settings, chairs, from, to, now, options ?? new UtilisationOptions());

    private const double TicksPerMinute = TimeSpan.TicksPerMinute;

    private struct Tally
    {
        public long Infusion, Observation, Turnover;
        public int Sessions;

        public readonly long Occupied => Infusion + Observation + Turnover;

        public void Add(in Tally other)
        {
            Infusion += other.Infusion;
            Observation += other.Observation;
            Turnover += other.Turnover;
            Sessions += other.Sessions;
        }
    }

    private struct Counts
    {
        public int Due, Completed, NoShows, LateCancellations;

        public void Add(in Counts other)
        {
            Due += other.Due;
            Completed += other.Completed;
            NoShows += other.NoShows;
            LateCancellations += other.LateCancellations;
        }
    }

    /// <summary>Sums of chair-days: what every row of the report is built from.</summary>
    private sealed class Sum
    {
        public long Open, PastOpen;
        public Tally Booked, Actual;
        public Counts Counts;
        public bool AnyPast;

        public Figures ToFigures()
        {
            var actual = AnyPast ? ToUsage(PastOpen, Actual) : null;
            var rate = (int n) => Counts.Due == 0 ? (double?)null : Round(100.0 * n / Counts.Due);
            return new Figures(ToUsage(Open, Booked), actual,
                new Attendance(Counts.Due, Counts.Completed, Counts.NoShows, Counts.LateCancellations, rate(Counts.NoShows), rate(Counts.LateCancellations)));
        }

        private static Usage ToUsage(long open, Tally t) =>
            new(Minutes(open), Minutes(t.Infusion), Minutes(t.Observation), Minutes(t.Turnover), Minutes(Math.Max(0, open - t.Occupied)),
                Percent(t.Occupied, open), t.Sessions);
    }

    private static double Minutes(long ticks) => Round(ticks / TicksPerMinute);

    private static double? Percent(long part, long whole) => whole == 0 ? null : Round(100.0 * part / whole);

    /// <summary>One decimal, halves away from zero (46.25 reads 46.3, as a person rounds).</summary>
    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>One pass: <see cref="Add"/> every session starting in the report's days, in any order, then <see cref="Report"/>.</summary>
    public sealed class Pass
    {
        private readonly ClinicSettings _settings;
        private readonly DateTimeZone _zone;
        private readonly UtilisationOptions _options;
        private readonly LocalDate _from;
        private readonly LocalDate _today;
        private readonly long _now;
        private readonly int _days;
        private readonly int _pastDays;
        private readonly Chair[] _chairs;
        private readonly Dictionary<ChairId, int> _chairIndex = [];
        private readonly long[] _dayStart;
        private readonly DayPlan[] _plans;
        private readonly long[][] _hourStart;
        private readonly int[][] _hourLabel;
        private readonly (long From, long To)[][] _open;
        private readonly long[] _openTicks;
        private readonly Tally[] _booked;
        private readonly Tally[] _actual;
        private readonly Counts[] _counts;
        private readonly long[,] _heatOpen = new long[7, 24];
        private readonly long[,] _heatBusy = new long[7, 24];
        private readonly List<(long Start, long CareEnd)>[] _care;

        internal Pass(ClinicSettings settings, IReadOnlyList<Chair> chairs, LocalDate from, LocalDate to, Instant now, UtilisationOptions options)
        {
            if (to < from)
                throw new InvalidValueException("to", $"The report ends ({Formats.Day(to)}) before it starts ({Formats.Day(from)}).");
            _settings = settings;
            _zone = settings.Zone;
            _options = options;
            _from = from;
            _now = now.ToUnixTimeTicks();
            _today = now.InZone(_zone).Date;
            _days = Period.DaysBetween(from, to) + 1;
            _pastDays = Math.Clamp(Period.DaysBetween(from, _today), 0, _days);
            _chairs = chairs.Where(c => c.Active).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id.Value).ToArray();
            for (var c = 0; c < _chairs.Length; c++)
                _chairIndex[_chairs[c].Id] = c;

            _dayStart = new long[_days + 1];
            _plans = new DayPlan[_days];
            _hourStart = new long[_days][];
            _hourLabel = new int[_days][];
            _care = new List<(long, long)>[_days];
            for (var d = 0; d <= _days; d++)
                _dayStart[d] = from.PlusDays(d).AtStartOfDayInZone(_zone).ToInstant().ToUnixTimeTicks();
            for (var d = 0; d < _days; d++)
            {
                var date = from.PlusDays(d);
                _plans[d] = new DayPlan(settings, date);
                (_hourStart[d], _hourLabel[d]) = Hours(date, d);
                _care[d] = [];
            }

            var cells = _chairs.Length * _days;
            _open = new (long, long)[cells][];
            _openTicks = new long[cells];
            _booked = new Tally[cells];
            _actual = new Tally[cells];
            _counts = new Counts[cells];
            for (var c = 0; c < _chairs.Length; c++)
            {
                for (var d = 0; d < _days; d++)
                {
                    var open = OpenTime(_chairs[c], _plans[d].Opening);
                    _open[c * _days + d] = open;
                    foreach (var (a, b) in open)
                    {
                        _openTicks[c * _days + d] += b - a;
                        Spread(d, a, b, _heatOpen);
                    }
                }
            }
        }

        /// <summary>The instants where the local hour changes on day d, each with the hour that starts there.</summary>
        private (long[] Starts, int[] Labels) Hours(LocalDate date, int d)
        {
            var starts = new List<long> { _dayStart[d] };
            var labels = new List<int> { 0 };
            for (var h = 1; h < 24; h++)
            {
                var t = _settings.Boundary(date, new LocalTime(h, 0)).ToUnixTimeTicks();
                if (t > starts[^1])
                {
                    starts.Add(t);
                    labels.Add(h);
                }
                else
                {
                    labels[^1] = h; // the hour before was skipped (spring forward): this one starts here.
                }
            }
            return (starts.ToArray(), labels.ToArray());
        }

        /// <summary>The day's opening less the chair's out-of-service windows.</summary>
        private static (long From, long To)[] OpenTime(Chair chair, (long From, long To)[] opening)
        {
            if (chair.OutOfService.Count == 0 || opening.Length == 0)
                return opening;
            var pieces = new List<(long, long)>(opening);
            foreach (var w in chair.OutOfService)
            {
                var ws = w.Start.ToUnixTimeTicks();
                var we = w.End.ToUnixTimeTicks();
                var next = new List<(long, long)>(pieces.Count + 1);
                foreach (var (a, b) in pieces)
                {
                    if (we <= a || b <= ws)
                    {
                        next.Add((a, b));
                        continue;
                    }
                    if (a < ws)
                        next.Add((a, ws));
                    if (we < b)
                        next.Add((we, b));
                }
                pieces = next;
            }
            return pieces.ToArray();
        }

        private int DayOf(long tick)
        {
            if (tick < _dayStart[0] || tick >= _dayStart[_days])
                return -1;
            var i = Array.BinarySearch(_dayStart, tick);
            return i >= 0 ? i : ~i - 1;
        }

        public void Add(in SessionRecord s)
        {
            var f = s.Footprint;
            var start = f.Start.ToUnixTimeTicks();
            var d = DayOf(start);
            if (d < 0)
                return;
            var cell = _chairIndex.TryGetValue(s.Chair, out var c) ? c * _days + d : -1;
            var infusionEnd = f.InfusionEnd.ToUnixTimeTicks();
            var observationEnd = f.ObservationEnd.ToUnixTimeTicks();
            var turnover = f.TurnoverEnd.ToUnixTimeTicks() - (f.ObservationInRecovery ? infusionEnd : observationEnd);

            if (s.Status != SessionStatus.Cancelled)
            {
                _care[d].Add((start, observationEnd));
                if (cell >= 0)
                {
                    ref var t = ref _booked[cell];
                    t.Sessions++;
                    t.Infusion += Clip(cell, d, start, infusionEnd, heat: true);
                    if (!f.ObservationInRecovery)
                        t.Observation += Clip(cell, d, infusionEnd, observationEnd, heat: true);
                    var release = f.ObservationInRecovery ? infusionEnd : observationEnd;
                    t.Turnover += Clip(cell, d, release, release + turnover, heat: true);
                }
            }

            if (d >= _pastDays || cell < 0)
                return;
            ref var counts = ref _counts[cell];
            if (s.Status == SessionStatus.Cancelled)
            {
                if (!s.EndedByClinic && s.EndedAt is { } ended && ended.ToUnixTimeTicks() > start - _options.LateCancellation.BclCompatibleTicks)
                {
                    counts.Due++;
                    counts.LateCancellations++;
                }
                return;
            }
            if (start < _now)
                counts.Due++;
            if (s.Status == SessionStatus.NoShow)
                counts.NoShows++;
            if (s.Status == SessionStatus.Completed)
                counts.Completed++;

            if (s.InfusionStartedAt is not { } infusionStarted)
                return;
            ref var a = ref _actual[cell];
            a.Sessions++;
            var begun = infusionStarted.ToUnixTimeTicks();
            var observing = (s.ObservationStartedAt ?? (s.Status == SessionStatus.Infusing ? Instant.FromUnixTimeTicks(_now) : null))?.ToUnixTimeTicks();
            if (observing is not { } obs)
                return;
            a.Infusion += Clip(cell, d, begun, obs, heat: false);
            var completed = (s.CompletedAt ?? (s.Status == SessionStatus.Observing ? Instant.FromUnixTimeTicks(_now) : null))?.ToUnixTimeTicks();
            if (f.ObservationInRecovery)
            {
                a.Turnover += Clip(cell, d, obs, obs + turnover, heat: false);
                return;
            }
            if (completed is not { } done)
                return;
            a.Observation += Clip(cell, d, obs, done, heat: false);
            if (s.CompletedAt is not null)
                a.Turnover += Clip(cell, d, done, done + turnover, heat: false);
        }

        /// <summary>How much of [a, b) falls in the chair's open time that day; booked time also goes to the heatmap.</summary>
        private long Clip(int cell, int d, long a, long b, bool heat)
        {
            var total = 0L;
            foreach (var (o1, o2) in _open[cell])
            {
                var p1 = Math.Max(a, o1);
                var p2 = Math.Min(b, o2);
                if (p2 <= p1)
                    continue;
                total += p2 - p1;
                if (heat)
                    Spread(d, p1, p2, _heatBusy);
            }
            return total;
        }

        /// <summary>Adds [a, b) of day d to the heatmap cells of the local hours it covers.</summary>
        private void Spread(int d, long a, long b, long[,] heat)
        {
            var starts = _hourStart[d];
            var labels = _hourLabel[d];
            var weekday = (int)_plans[d].Date.DayOfWeek - 1;
            var i = Array.BinarySearch(starts, a);
            if (i < 0)
                i = ~i - 1;
            while (a < b && i < starts.Length)
            {
                var hourEnd = i + 1 < starts.Length ? starts[i + 1] : _dayStart[d + 1];
                var end = Math.Min(b, hourEnd);
                if (end > a)
                    heat[weekday, labels[i]] += end - a;
                a = end;
                i++;
            }
        }

        public UtilisationReport Report()
        {
            var clinic = new Sum();
            var chairSums = new Sum[_chairs.Length];
            var daySums = new Sum[_days];
            var weekSums = new SortedDictionary<LocalDate, Sum>();
            var chairDays = new List<ChairDayFigures>(_chairs.Length * _days);
            for (var d = 0; d < _days; d++)
                daySums[d] = new Sum();
            for (var c = 0; c < _chairs.Length; c++)
            {
                chairSums[c] = new Sum();
                for (var d = 0; d < _days; d++)
                {
                    var cell = c * _days + d;
                    var date = _from.PlusDays(d);
                    var monday = date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
                    if (!weekSums.TryGetValue(monday, out var week))
                        weekSums[monday] = week = new Sum();
                    var one = new Sum();
                    foreach (var sum in new[] { one, chairSums[c], daySums[d], week, clinic })
                        AddCell(sum, cell, d);
                    chairDays.Add(new ChairDayFigures(_chairs[c].Id, _chairs[c].Name, date, one.ToFigures()));
                }
            }

            var (slots, peaks) = NurseLoad();
            var days = Enumerable.Range(0, _days)
                .Select(d => new DayFigures(_from.PlusDays(d), daySums[d].ToFigures(), peaks[d]))
                .ToList();
            var chairs = _chairs.Select((chair, c) => new ChairFigures(chair.Id, chair.Name, chairSums[c].ToFigures(),
                LeadTimeOf(d => _openTicks[c * _days + d], d => _booked[c * _days + d].Occupied))).ToList();
            var clinicLead = LeadTimeOf(d => SumOver(d, _openTicks), d => SumOverBooked(d));
            var heatmap = new List<HeatCell>(7 * 24);
            for (var w = 0; w < 7; w++)
            {
                for (var h = 0; h < 24; h++)
                {
                    if (_heatOpen[w, h] == 0 && _heatBusy[w, h] == 0)
                        continue;
                    heatmap.Add(new HeatCell((IsoDayOfWeek)(w + 1), h, Minutes(_heatOpen[w, h]), Minutes(_heatBusy[w, h]), Percent(_heatBusy[w, h], _heatOpen[w, h])));
                }
            }
            return new UtilisationReport(_from, _from.PlusDays(_days - 1), _today, clinic.ToFigures(), clinicLead, chairs,
                weekSums.Select(w => new WeekFigures(w.Key, w.Value.ToFigures())).ToList(), days, chairDays, heatmap, slots);
        }

        private long SumOver(int d, long[] perCell)
        {
            var total = 0L;
            for (var c = 0; c < _chairs.Length; c++)
                total += perCell[c * _days + d];
            return total;
        }

        private long SumOverBooked(int d)
        {
            var total = 0L;
            for (var c = 0; c < _chairs.Length; c++)
                total += _booked[c * _days + d].Occupied;
            return total;
        }

        private void AddCell(Sum sum, int cell, int d)
        {
            sum.Open += _openTicks[cell];
            sum.Booked.Add(_booked[cell]);
            if (d >= _pastDays)
                return;
            sum.AnyPast = true;
            sum.PastOpen += _openTicks[cell];
            sum.Actual.Add(_actual[cell]);
            sum.Counts.Add(_counts[cell]);
        }

        /// <summary>From today, the open days booked to at least the threshold, up to the first with room.</summary>
        private LeadTime? LeadTimeOf(Func<int, long> open, Func<int, long> occupied)
        {
            var first = Period.DaysBetween(_from, _today);
            if (first < 0 || first >= _days)
                return null;
            for (var d = first; d < _days; d++)
            {
                var o = open(d);
                if (o == 0)
                    continue;
                if ((double)occupied(d) / o < _options.FullAt)
                    return new LeadTime(Round(_options.FullAt * 100), d - first, _from.PlusDays(d));
            }
            return new LeadTime(Round(_options.FullAt * 100), null, null);
        }

        /// <summary>Nurse load per grid slot of each day's opening hours, from the booked sessions, and each day's peaks.</summary>
        private (List<NurseSlot> Slots, NursePeaks[] Peaks) NurseLoad()
        {
            var slots = new List<NurseSlot>();
            var peaks = new NursePeaks[_days];
            var grid = _settings.SlotGrid.BclCompatibleTicks;
            var setup = _settings.NurseSetup.BclCompatibleTicks;
            var k = _settings.PatientsPerNurse;
            for (var d = 0; d < _days; d++)
            {
                var starts = _care[d].Select(x => x.Start).Order().ToArray();
                var ends = _care[d].Select(x => x.CareEnd).Order().ToArray();
                var plan = _plans[d];
                var day = new List<NurseSlot>();
                (int Setups, long At, int Limit) mostSetups = (0, 0, 0);
                (int InCare, long At, int Limit) mostCare = (0, 0, 0);
                int atStartLimit = 0, atCareLimit = 0;
                foreach (var (openFrom, openTo) in plan.Opening)
                {
                    for (var t = openFrom; t < openTo; t += grid)
                    {
                        var startsHere = Count(starts, t, t + grid);
                        var setups = Count(starts, t - setup + 1, t + 1);
                        var inCare = Count(starts, long.MinValue, t + 1) - Count(ends, long.MinValue, t + 1);
                        var nurses = plan.NursesAt(t);
                        var atStart = setups > 0 && setups >= nurses;
                        var atCare = inCare > 0 && inCare >= nurses * k;
                        atStartLimit += atStart ? 1 : 0;
                        atCareLimit += atCare ? 1 : 0;
                        if (setups > mostSetups.Setups)
                            mostSetups = (setups, t, nurses);
                        if (inCare > mostCare.InCare)
                            mostCare = (inCare, t, nurses * k);
                        day.Add(new NurseSlot(Instant.FromUnixTimeTicks(t).InZone(_zone).LocalDateTime, startsHere, setups, inCare,
                            nurses, nurses, nurses * k, atStart, atCare, false));
                    }
                }
                LocalTime? At(long tick, int count) => count == 0 ? null : Instant.FromUnixTimeTicks(tick).InZone(_zone).TimeOfDay;
                peaks[d] = new NursePeaks(mostSetups.Setups, At(mostSetups.At, mostSetups.Setups), mostSetups.Limit,
                    mostCare.InCare, At(mostCare.At, mostCare.InCare), mostCare.Limit, atStartLimit, atCareLimit);
                if (!_options.NurseSlots)
                    continue;
                foreach (var slot in day)
                {
                    slots.Add(mostCare.InCare > 0 && slot.InCare == mostCare.InCare ? slot with { Peak = true } : slot);
                }
            }
            return (slots, peaks);
        }

        /// <summary>How many sorted values fall in [from, to).</summary>
        private static int Count(long[] sorted, long from, long to) => BookIndex.LowerBound(sorted, to) - BookIndex.LowerBound(sorted, from);
    }
}
