using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Capacity;

/// <summary>
/// Chair time over some open chair-minutes: infusion, observation in the chair and turnover, the
/// idle rest, and their share (utilisation = occupied / open). Minutes are real elapsed minutes,
/// so a 23-hour or 25-hour day counts what it really has.
/// </summary>
public sealed record Usage(
    double OpenMinutes,
    double InfusionMinutes,
    double ObservationMinutes,
    double TurnoverMinutes,
    double IdleMinutes,
    double? UtilisationPercent,
    int Sessions)
{
    public double OccupiedMinutes => InfusionMinutes + ObservationMinutes + TurnoverMinutes;
}

/// <summary>
/// Sessions that were due (started before now, not cancelled ahead of time or by the clinic), how
/// many were completed, no-shows and the patient's late cancellations, and the two rates over those due.
/// </summary>
public sealed record Attendance(int Due, int Completed, int NoShows, int LateCancellations, double? NoShowPercent, double? LateCancellationPercent);

/// <summary>
/// Booked (what the book says) and, for days before today, actual (from the recorded infusion
/// start, observation start and completion) side by side, with attendance.
/// <see cref="Actual"/> counts only the days before today, its open minutes included.
/// </summary>
public sealed record Figures(Usage Booked, Usage? Actual, Attendance Attendance);

/// <summary>
/// How far ahead the book is full: the days from today through which every open day is booked to
/// at least <see cref="FullAtPercent"/>, and the first open day with room. Both null when every
/// open day up to the end of the report is full.
/// </summary>
public sealed record LeadTime(double FullAtPercent, int? DaysFull, LocalDate? FirstDayWithRoom);

public sealed record ChairDayFigures(ChairId Chair, string ChairName, LocalDate Date, Figures Figures);

public sealed record ChairFigures(ChairId Chair, string ChairName, Figures Figures, LeadTime? LeadTime);

public sealed record DayFigures(LocalDate Date, Figures Figures, NursePeaks Nurses);

/// <summary>One Monday-to-Sunday week (only the days inside the report).</summary>
public sealed record WeekFigures(LocalDate Monday, Figures Figures);

/// <summary>Booked chair occupancy at one weekday and local hour, summed over the report's days.</summary>
public sealed record HeatCell(IsoDayOfWeek Weekday, int Hour, double OpenMinutes, double OccupiedMinutes, double? OccupancyPercent);

/// <summary>
/// One grid slot of nurse load from the book: infusions starting in it, set-ups running at its
/// start, patients infusing or observing, against the nurses on shift (set-ups) and nurses × k
/// (monitoring). <see cref="Peak"/> marks the day's busiest slots.
/// </summary>
public sealed record NurseSlot(
    LocalDateTime Start,
    int Starts,
    int SetupsRunning,
    int InCare,
    int Nurses,
    int StartLimit,
    int CareLimit,
    bool AtStartLimit,
    bool AtCareLimit,
    bool Peak);

/// <summary>A day's busiest nurse moments: the most set-ups at once and the most patients in care, with the limits then.</summary>
public sealed record NursePeaks(
    int MostSetups,
    LocalTime? MostSetupsAt,
    int StartLimitThen,
    int MostInCare,
    LocalTime? MostInCareAt,
    int CareLimitThen,
    int SlotsAtStartLimit,
    int SlotsAtCareLimit);

public sealed record UtilisationReport(
    LocalDate From,
    LocalDate To,
    LocalDate Today,
    Figures Clinic,
    LeadTime? LeadTime,
    IReadOnlyList<ChairFigures> Chairs,
    IReadOnlyList<WeekFigures> Weeks,
    IReadOnlyList<DayFigures> Days,
    IReadOnlyList<ChairDayFigures> ChairDays,
    IReadOnlyList<HeatCell> Heatmap,
    IReadOnlyList<NurseSlot> NurseSlots);
