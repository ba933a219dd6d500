using NodaTime;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Booking;

/// <summary>
/// The occupied book of one clinic, arranged for fast rule checks. All intervals are half-open
/// [start, end) in Unix ticks. Built once per request from the sessions that hold time; the
/// booking path and the planner both ask it, so the rules exist once.
/// </summary>
public sealed class BookIndex
{
    private readonly BookedSession[] _sessions;
    private readonly long[] _start;
    private readonly long[] _careEnd;
    private readonly long _maxCare;
    private readonly long[] _recoveryStart;
    private readonly long[] _recoveryEnd;
    private readonly long _maxRecovery;
    private readonly long _setup;
    private readonly Dictionary<ChairId, ChairTrack> _chairs = [];
    private readonly Dictionary<LocalDate, DayPlan> _days;
    private readonly Dictionary<PatientId, HashSet<LocalDate>> _patientDays = [];

    public BookIndex(ClinicSettings settings, IEnumerable<BookedSession> sessions)
    {
        Settings = settings;
        _sessions = sessions.ToArray();
        var n = _sessions.Length;
        _start = new long[n];
        for (var i = 0; i < n; i++)
            _start[i] = _sessions[i].Footprint.Start.ToUnixTimeTicks();
        Array.Sort(_start, _sessions);

        _careEnd = new long[n];
        var perChair = new Dictionary<ChairId, List<BookedSession>>();
        var recovery = new List<(long Start, long End)>();
        for (var i = 0; i < n; i++)
        {
            var s = _sessions[i];
            _careEnd[i] = s.Footprint.ObservationEnd.ToUnixTimeTicks();
            _maxCare = Math.Max(_maxCare, _careEnd[i] - _start[i]);
            if (!perChair.TryGetValue(s.Chair, out var list))
                perChair[s.Chair] = list = [];
            list.Add(s);
            if (s.Footprint.ObservationInRecovery)
                recovery.Add((s.Footprint.InfusionEnd.ToUnixTimeTicks(), _careEnd[i]));
        }
        foreach (var (chair, list) in perChair)
            _chairs[chair] = new ChairTrack(list);

        recovery.Sort();
        _recoveryStart = recovery.Select(r => r.Start).ToArray();
        _recoveryEnd = recovery.Select(r => r.End).ToArray();
        _maxRecovery = recovery.Count == 0 ? 0 : recovery.Max(r => r.End - r.Start);
        _setup = settings.NurseSetup.BclCompatibleTicks;
        _days = [];
    }

    /// <summary>
    /// <paramref name="from"/>'s sessions and <paramref name="more"/>: the arrays, already sorted,
    /// are merged rather than sorted again, and only the chairs that gain sessions get a new track.
    /// </summary>
    private BookIndex(BookIndex from, BookedSession[] more)
    {
        Settings = from.Settings;
        _setup = from._setup;
        Array.Sort(more.Select(s => s.Footprint.Start.ToUnixTimeTicks()).ToArray(), more);

        var n = from._sessions.Length + more.Length;
        _sessions = new BookedSession[n];
        _start = new long[n];
        _careEnd = new long[n];
        _maxCare = from._maxCare;
        var recovery = new List<(long Start, long End)>();
        int i = 0, j = 0;
        for (var k = 0; k < n; k++)
        {
            var takeOld = j == more.Length || (i < from._sessions.Length && from._start[i] <= more[j].Footprint.Start.ToUnixTimeTicks());
            if (takeOld)
            {
                _sessions[k] = from._sessions[i];
                _start[k] = from._start[i];
                _careEnd[k] = from._careEnd[i];
                i++;
                continue;
            }
            var s = more[j++];
            _sessions[k] = s;
            _start[k] = s.Footprint.Start.ToUnixTimeTicks();
            _careEnd[k] = s.Footprint.ObservationEnd.ToUnixTimeTicks();
            _maxCare = Math.Max(_maxCare, _careEnd[k] - _start[k]);
            if (s.Footprint.ObservationInRecovery)
                recovery.Add((s.Footprint.InfusionEnd.ToUnixTimeTicks(), _careEnd[k]));
        }

        recovery.Sort();
        (_recoveryStart, _recoveryEnd) = Merge(from._recoveryStart, from._recoveryEnd, recovery);
        _maxRecovery = recovery.Aggregate(from._maxRecovery, (max, r) => Math.Max(max, r.End - r.Start));

        _chairs = new Dictionary<ChairId, ChairTrack>(from._chairs);
        foreach (var group in more.GroupBy(s => s.Chair))
            _chairs[group.Key] = _chairs.TryGetValue(group.Key, out var track) ? track.With(group.ToArray()) : new ChairTrack(group.ToList());
        // Day plans depend on the settings alone, which the two indexes share.
        _days = new Dictionary<LocalDate, DayPlan>(from._days);
    }

    public ClinicSettings Settings { get; }

    public int Count => _sessions.Length;

    /// <summary>
    /// A new index with this one's sessions and <paramref name="more"/>, for working on a copy of
    /// the book (a capacity question, a what-if); this index is left as it is (and returned when
    /// there is nothing to add). Costs a merge of the sorted arrays, not a rebuild.
    /// </summary>
    public BookIndex With(IReadOnlyCollection<BookedSession> more) =>
        more.Count == 0 ? this : new BookIndex(this, more.ToArray());

    internal DayPlan Day(LocalDate date)
    {
        if (!_days.TryGetValue(date, out var plan))
            _days[date] = plan = new DayPlan(Settings, date);
        return plan;
    }

    /// <summary>Whether the patient already has a session that holds time on that local day.</summary>
    public bool PatientHasSessionOn(PatientId patient, LocalDate date)
    {
        if (!_patientDays.TryGetValue(patient, out var days))
        {
            days = [];
            foreach (var s in _sessions)
            {
                if (s.Patient == patient)
                    days.Add(s.Footprint.Start.InZone(Settings.Zone).Date);
            }
            _patientDays[patient] = days;
        }
        return days.Contains(date);
    }

    /// <summary>"A session may not overlap another on the same chair": true when [start, end) is free on the chair.</summary>
    public bool IsChairFree(ChairId chair, long start, long end) => ChairConflict(chair, start, end) is null;

    /// <summary>The session holding the chair during [start, end), if any.</summary>
    public BookedSession? ChairConflict(ChairId chair, long start, long end) =>
        _chairs.TryGetValue(chair, out var track) ? track.Conflict(start, end) : null;

    /// <summary>A chair's sessions, looked up once (null: nothing booked on it), for callers that probe it many times.</summary>
    internal ChairTrack? TrackOf(ChairId chair) => _chairs.GetValueOrDefault(chair);

    /// <summary>The free time around [start, end) on the chair: (end of the one before, start of the one after), or null for none.</summary>
    internal (long? Before, long? After) ChairNeighbours(ChairId chair, long start, long end) =>
        _chairs.TryGetValue(chair, out var track) ? track.Neighbours(start, end) : (null, null);

    /// <summary>Set-ups already running in [start, start + set-up): how crowded that start slot is.</summary>
    internal int SetupsOverlapping(long start)
    {
        var lo = LowerBound(_start, start - _setup + 1);
        var hi = LowerBound(_start, start + _setup);
        return hi - lo;
    }

    /// <summary>
    /// Whether one more set-up starting at <paramref name="start"/> stays within the nurses on shift;
    /// <paramref name="added"/> is 0 to check a session already in the book.
    /// </summary>
    internal bool SetupFits(DayPlan day, long start, int added = 1) =>
        FitsUnder(_start, null, _setup, _setup, start, start + _setup, day, perNurse: 1, fixedCapacity: 0, added);

    /// <summary>Whether one more patient infusing or observing during [start, end) stays within nurses × k.</summary>
    internal bool CareFits(DayPlan day, long start, long end, int added = 1) =>
        FitsUnder(_start, _careEnd, 0, _maxCare, start, end, day, Settings.PatientsPerNurse, 0, added);

    /// <summary>Whether one more patient observing in the recovery area during [start, end) fits its capacity.</summary>
    internal bool RecoveryFits(DayPlan day, long start, long end, int added = 1) =>
        FitsUnder(_recoveryStart, _recoveryEnd, 0, _maxRecovery, start, end, day, 0, Settings.Observation.Capacity, added);

    /// <summary>
    /// The booked sessions that break this index's settings: outside its opening hours or on a
    /// closure, or over its nurse or recovery-area limits. For checking a change of settings
    /// against the sessions already booked.
    /// </summary>
    public IReadOnlyList<BookedSession> SessionsBreakingSettings()
    {
        var broken = new List<BookedSession>();
        for (var i = 0; i < _sessions.Length; i++)
        {
            var f = _sessions[i].Footprint;
            var day = Day(f.Start.InZone(Settings.Zone).Date);
            var fits = day.OpeningHolding(_start[i], f.End.ToUnixTimeTicks()) >= 0
                && SetupFits(day, _start[i], added: 0)
                && CareFits(day, _start[i], _careEnd[i], added: 0)
                && (!f.ObservationInRecovery || RecoveryFits(day, f.InfusionEnd.ToUnixTimeTicks(), _careEnd[i], added: 0));
            if (!fits)
                broken.Add(_sessions[i]);
        }
        return broken;
    }

    /// <summary>
    /// Adding [qs, qe) keeps every moment within capacity. The count only rises at an interval's
    /// start and the capacity only changes at a shift boundary, so checking qs and those points
    /// inside the query is enough. One sweep over them in time order: the candidates' starts are
    /// already sorted, their ends are sorted once, and the count at a point is started − ended.
    /// </summary>
    private static bool FitsUnder(long[] starts, long[]? ends, long fixedLength, long maxLength, long qs, long qe,
        DayPlan day, int perNurse, int fixedCapacity, int added)
    {
        var lo = LowerBound(starts, qs - maxLength + 1);
        var hi = LowerBound(starts, qe);
        var k = hi - lo;
        var rented = k > 256 ? System.Buffers.ArrayPool<long>.Shared.Rent(k) : null;
        var sortedEnds = rented is null ? stackalloc long[k] : rented.AsSpan(0, k);
        try
        {
            for (var j = 0; j < k; j++)
                sortedEnds[j] = ends is null ? starts[lo + j] + fixedLength : ends[lo + j];
            sortedEnds.Sort();

            var breaks = day.NurseBreaks;
            var b = 0;
            while (b < breaks.Count && breaks[b] <= qs)
                b++;
            var started = 0;
            var ended = 0;
            var next = lo;
            var point = qs;
            while (true)
            {
                while (next < hi && starts[next] <= point)
                {
                    next++;
                    started++;
                }
                while (ended < k && sortedEnds[ended] <= point)
                    ended++;
                var capacity = perNurse > 0 ? day.NursesAt(point) * perNurse : fixedCapacity;
                if (started - ended + added > capacity)
                    return false;

                // The next point: the next start inside the query or (when nurses set the capacity) the next shift boundary.
                var nextStart = next < hi ? starts[next] : long.MaxValue;
                var nextBreak = perNurse > 0 && b < breaks.Count && breaks[b] < qe ? breaks[b] : long.MaxValue;
                point = Math.Min(nextStart, nextBreak);
                if (point == long.MaxValue)
                    return true;
                if (point == nextBreak)
                    b++;
            }
        }
        finally
        {
            if (rented is not null)
                System.Buffers.ArrayPool<long>.Shared.Return(rented);
        }
    }

    /// <summary>Sorted (start, end) pairs and sorted <paramref name="more"/>, merged in (start, end) order.</summary>
    private static (long[] Starts, long[] Ends) Merge(long[] starts, long[] ends, List<(long Start, long End)> more)
    {
        if (more.Count == 0)
            return (starts, ends);
        var n = starts.Length + more.Count;
        var mergedStarts = new long[n];
        var mergedEnds = new long[n];
        int i = 0, j = 0;
        for (var k = 0; k < n; k++)
        {
            if (j == more.Count || (i < starts.Length && (starts[i], ends[i]).CompareTo(more[j]) <= 0))
            {
                mergedStarts[k] = starts[i];
                mergedEnds[k] = ends[i++];
            }
            else
            {
                (mergedStarts[k], mergedEnds[k]) = more[j++];
            }
        }
        return (mergedStarts, mergedEnds);
    }

    /// <summary>The first index in sorted <paramref name="values"/> not below <paramref name="key"/>.</summary>
    internal static int LowerBound(long[] values, long key)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>One chair's sessions, sorted; on a valid book they never overlap, so starts and ends sort alike.</summary>
    internal sealed class ChairTrack
    {
        private readonly BookedSession[] _sessions;
        private readonly long[] _starts;
        private readonly long[] _ends;

        public ChairTrack(List<BookedSession> sessions)
            : this(sessions.ToArray())
        {
        }

        private ChairTrack(BookedSession[] sessions)
        {
            _sessions = sessions;
            _starts = _sessions.Select(s => s.Footprint.Start.ToUnixTimeTicks()).ToArray();
            _ends = _sessions.Select(s => s.Footprint.TurnoverEnd.ToUnixTimeTicks()).ToArray();
        }

        /// <summary>This track with <paramref name="more"/> (sorted by start) merged in.</summary>
        public ChairTrack With(BookedSession[] more)
        {
            var merged = new BookedSession[_sessions.Length + more.Length];
            int i = 0, j = 0;
            for (var k = 0; k < merged.Length; k++)
            {
                merged[k] = j == more.Length || (i < _sessions.Length && _starts[i] <= more[j].Footprint.Start.ToUnixTimeTicks())
                    ? _sessions[i++]
                    : more[j++];
            }
            return new ChairTrack(merged);
        }

        public BookedSession? Conflict(long start, long end)
        {
            // Every session starting before `end` could overlap; scan back from the last one while
            // ends may still reach past `start` (a prefix max would be needed only for a broken book).
            for (var i = LowerBound(_starts, end) - 1; i >= 0; i--)
            {
                if (_ends[i] > start)
                    return _sessions[i];
                if (_ends[i] <= start && (i == 0 || _ends[i - 1] <= _ends[i]))
                    break;
            }
            return null;
        }

        public (long? Before, long? After) Neighbours(long start, long end)
        {
            var i = LowerBound(_starts, end);
            long? after = i < _starts.Length ? _starts[i] : null;
            long? before = i > 0 ? _ends[i - 1] : null;
            return (before, after);
        }
    }
}
