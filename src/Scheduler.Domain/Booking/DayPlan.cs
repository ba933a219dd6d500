using NodaTime;
using Scheduler.Domain.Clinics;

namespace Scheduler.Domain.Booking;

/// <summary>
/// One local day of a clinic turned into instants (Unix ticks): its opening ranges and the
/// nurses on shift as a step function. Built from wall-clock settings once per day, so that
/// daylight-saving days come out right: a 09:00 opening is 09:00 local on both sides of a change.
/// </summary>
internal sealed class DayPlan
{
    private readonly long[] _nurseBreaks;
    private readonly int[] _nursesFrom;

    public DayPlan(ClinicSettings settings, LocalDate date)
    {
        Date = date;
        Closure = settings.ClosureOn(date);
        var ranges = Closure is null ? settings.Hours.On(date.DayOfWeek) : [];
        // A range wholly inside a spring-forward gap does not exist that day; drop it from both
        // lists so that Opening[i] and LocalOpening[i] stay the same range.
        var existing = ranges.Select(r => (Local: r, From: settings.Boundary(date, r.From).ToUnixTimeTicks(), To: settings.Boundary(date, r.To).ToUnixTimeTicks()))
            .Where(r => r.To > r.From)
            .ToArray();
        Opening = existing.Select(r => (r.From, r.To)).ToArray();
        LocalOpening = existing.Select(r => r.Local).ToArray();

        var shifts = settings.NurseShifts.Where(s => s.Days.Contains(date.DayOfWeek))
            .Select(s => (From: settings.Boundary(date, s.Window.From).ToUnixTimeTicks(), To: settings.Boundary(date, s.Window.To).ToUnixTimeTicks(), s.Nurses))
            .ToArray();
        _nurseBreaks = shifts.SelectMany(s => new[] { s.From, s.To }).Distinct().Order().ToArray();
        _nursesFrom = _nurseBreaks.Select(b => shifts.Where(s => s.From <= b && b < s.To).Sum(s => s.Nurses)).ToArray();
    }

    public LocalDate Date { get; }
    public Closure? Closure { get; }

    /// <summary>Opening ranges as [from, to) Unix ticks.</summary>
    public (long From, long To)[] Opening { get; }

    public Common.LocalTimeRange[] LocalOpening { get; }

    public IReadOnlyList<long> NurseBreaks => _nurseBreaks;

    public int NursesAt(long tick)
    {
        var i = Array.BinarySearch(_nurseBreaks, tick);
        if (i < 0)
            i = ~i - 1;
        return i < 0 ? 0 : _nursesFrom[i];
    }

    /// <summary>The opening range that holds all of [start, end), or -1.</summary>
    public int OpeningHolding(long start, long end)
    {
        for (var i = 0; i < Opening.Length; i++)
        {
            if (Opening[i].From <= start && end <= Opening[i].To)
                return i;
        }
        return -1;
    }
}
