using NodaTime;
using NodaTime.TimeZones;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Clinics;

/// <summary>Everything about a clinic that the chair rules read. Immutable; a change makes a new one.</summary>
public sealed class ClinicSettings
{
    public static readonly Duration DefaultSlotGrid = Duration.FromMinutes(15);
    public static readonly Duration DefaultTurnover = Duration.FromMinutes(15);
    public static readonly Duration DefaultNurseSetup = Duration.FromMinutes(15);

    /// <summary>Grid sizes that divide an hour, so slots line up with the clock face.</summary>
    private static readonly int[] AllowedGridMinutes = [5, 10, 15, 20, 30, 60];

    public ClinicSettings(
        DateTimeZone zone,
        WeeklyHours hours,
        IEnumerable<Closure> closures,
        Duration slotGrid,
        Duration turnover,
        Duration nurseSetup,
        IEnumerable<NurseShift> nurseShifts,
        int patientsPerNurse,
        ObservationPlace observation)
    {
        Zone = zone ?? throw new InvalidValueException("timeZone", "A clinic needs a time zone.");
        Hours = hours;
        var closureList = closures.OrderBy(c => c.Date).ToList();
        var duplicate = closureList.GroupBy(c => c.Date).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidValueException("closures", $"{Formats.Day(duplicate.Key)} is listed as a closure more than once.");
        Closures = closureList;
        if (!AllowedGridMinutes.Contains((int)slotGrid.TotalMinutes) || slotGrid != Duration.FromMinutes((long)slotGrid.TotalMinutes))
            throw new InvalidValueException("slotMinutes", $"The slot grid must be one of {string.Join(", ", AllowedGridMinutes)} minutes.");
        SlotGrid = slotGrid;
        if (turnover < Duration.Zero || turnover > Duration.FromMinutes(120) || turnover != Duration.FromMinutes((long)turnover.TotalMinutes))
            throw new InvalidValueException("turnoverMinutes", "Turnover must be a whole number of minutes from 0 to 120.");
        Turnover = turnover;
        if (nurseSetup < Duration.FromMinutes(1) || nurseSetup > Duration.FromMinutes(60))
            throw new InvalidValueException("nurseSetupMinutes", "A nurse's set-up time must be between 1 and 60 minutes.");
        NurseSetup = nurseSetup;
        NurseShifts = nurseShifts.ToList();
        if (NurseShifts.Count == 0)
            throw new InvalidValueException("nurseShifts", "At least one nurse shift is needed: no infusion can start without a nurse.");
        if (patientsPerNurse is < 1 or > 20)
            throw new InvalidValueException("patientsPerNurse", $"One nurse can monitor between 1 and 20 patients, not {patientsPerNurse}.");
        PatientsPerNurse = patientsPerNurse;
        Observation = observation;
    }

    public DateTimeZone Zone { get; }
    public WeeklyHours Hours { get; }
    public IReadOnlyList<Closure> Closures { get; }
    public Duration SlotGrid { get; }
    public Duration Turnover { get; }

    /// <summary>How long a nurse's exclusive attention lasts at the start of an infusion (IV, vitals).</summary>
    public Duration NurseSetup { get; }

    public IReadOnlyList<NurseShift> NurseShifts { get; }

    /// <summary>k: patients infusing or observing that one nurse may monitor at once.</summary>
    public int PatientsPerNurse { get; }

    public ObservationPlace Observation { get; }

    /// <summary>The same settings with one more closed day.</summary>
    public ClinicSettings WithClosure(Closure closure) =>
        new(Zone, Hours, [.. Closures, closure], SlotGrid, Turnover, NurseSetup, NurseShifts, PatientsPerNurse, Observation);

    public Closure? ClosureOn(LocalDate date)
    {
        foreach (var c in Closures)
        {
            if (c.Date == date)
                return c;
        }
        return null;
    }

    /// <summary>Nurses on shift at a wall-clock moment: the sum of the shifts that cover it.</summary>
    public int NursesAt(IsoDayOfWeek day, LocalTime time)
    {
        var nurses = 0;
        foreach (var shift in NurseShifts)
        {
            if (shift.Window.Contains(time) && shift.Days.Contains(day))
                nurses += shift.Nurses;
        }
        return nurses;
    }

    /// <summary>True when the local time is a whole number of grid steps after midnight.</summary>
    public bool IsOnGrid(LocalTime time) =>
        time.NanosecondOfDay % SlotGrid.ToInt64Nanoseconds() == 0;

    /// <summary>
    /// Maps a wall-clock boundary (an opening or a shift edge) to an instant. A boundary in a
    /// spring-forward gap moves to the end of the gap; one that happens twice uses the first.
    /// Requested session starts never go through here: see <see cref="ClinicTime.Resolve"/>.
    /// </summary>
    public Instant Boundary(LocalDate date, LocalTime time) =>
        Zone.ResolveLocal(date + time, Resolvers.LenientResolver).ToInstant();
}
