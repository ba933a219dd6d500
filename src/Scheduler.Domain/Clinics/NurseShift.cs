using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Clinics;

/// <summary>
/// <see cref="Nurses"/> nurses on shift on the given weekdays during <see cref="Window"/> (end excluded).
/// Overlapping shifts add up.
/// </summary>
public sealed class NurseShift
{
    public NurseShift(IEnumerable<IsoDayOfWeek> days, LocalTimeRange window, int nurses)
    {
        Days = days.Distinct().Order().ToArray();
        if (Days.Count == 0 || Days.Contains(IsoDayOfWeek.None))
            throw new InvalidValueException("nurseShifts", "A nurse shift needs at least one weekday.");
        if (nurses is < 1 or > 100)
            throw new InvalidValueException("nurseShifts", $"A nurse shift has {nurses} nurses; it must have between 1 and 100.");
        Window = window;
        Nurses = nurses;
    }

    public IReadOnlyList<IsoDayOfWeek> Days { get; }
    public LocalTimeRange Window { get; }
    public int Nurses { get; }
}
