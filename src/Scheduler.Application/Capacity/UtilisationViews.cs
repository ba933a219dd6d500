using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Capacity;

namespace Scheduler.Application.Capacity;

/// <summary>
/// One row of utilisation figures, flat so that every table (chair-days, chairs, days, weeks, the
/// clinic) reads the same in JSON and in CSV. The key columns that do not apply to a table are null.
/// Actual figures cover only the days before today; attendance only sessions that were due.
/// </summary>
public sealed record UtilisationRow(
    Guid? ChairId,
    string? Chair,
    string? Date,
    string? Week,
    double OpenMinutes,
    double InfusionMinutes,
    double ObservationMinutes,
    double TurnoverMinutes,
    double IdleMinutes,
    double? UtilisationPercent,
    int Sessions,
    double? ActualOpenMinutes,
    double? ActualInfusionMinutes,
    double? ActualObservationMinutes,
    double? ActualTurnoverMinutes,
    double? ActualIdleMinutes,
    double? ActualUtilisationPercent,
    int? ActualSessions,
    int Due,
    int Completed,
    int NoShows,
    int LateCancellations,
    double? NoShowPercent,
    double? LateCancellationPercent,
    int? DaysFull,
    string? FirstDayWithRoom)
{
    public static UtilisationRow Of(Figures f, Guid? chairId = null, string? chair = null, LocalDate? date = null, LocalDate? week = null, LeadTime? lead = null) =>
        new(chairId, chair, date is { } d ? Formatting.Date(d) : null, week is { } w ? Formatting.Date(w) : null,
            f.Booked.OpenMinutes, f.Booked.InfusionMinutes, f.Booked.ObservationMinutes, f.Booked.TurnoverMinutes, f.Booked.IdleMinutes,
            f.Booked.UtilisationPercent, f.Booked.Sessions,
            f.Actual?.OpenMinutes, f.Actual?.InfusionMinutes, f.Actual?.ObservationMinutes, f.Actual?.TurnoverMinutes, f.Actual?.IdleMinutes,
            f.Actual?.UtilisationPercent, f.Actual?.Sessions,
            f.Attendance.Due, f.Attendance.Completed, f.Attendance.NoShows, f.Attendance.LateCancellations,
            f.Attendance.NoShowPercent, f.Attendance.LateCancellationPercent,
            lead?.DaysFull, lead?.FirstDayWithRoom is { } room ? Formatting.Date(room) : null);
}

/// <summary>Booked chair occupancy at a weekday and local hour ("monday", 9 is 09:00–10:00).</summary>
public sealed record HeatmapRow(string Weekday, int Hour, double OpenMinutes, double OccupiedMinutes, double? OccupancyPercent);

/// <summary>A day's busiest nurse moments against the limits then.</summary>
public sealed record NursePeakRow(
    string Date,
    int MostSetups,
    string? MostSetupsAt,
    int StartLimit,
    int MostInCare,
    string? MostInCareAt,
    int CareLimit,
    int SlotsAtStartLimit,
    int SlotsAtCareLimit);

/// <summary>One grid slot's nurse load; <see cref="Peak"/> marks the day's busiest slots.</summary>
public sealed record NurseSlotRow(
    string Start,
    int Starts,
    int SetupsRunning,
    int InCare,
    int Nurses,
    int StartLimit,
    int CareLimit,
    bool AtStartLimit,
    bool AtCareLimit,
    bool Peak);

/// <summary>How far ahead the book is full (see <see cref="LeadTime"/>); null fields: full to the end of the span looked at.</summary>
public sealed record LeadTimeView(double FullAtPercent, int? DaysFull, string? FirstDayWithRoom, string LookedUntil)
{
    public static LeadTimeView? Of(LeadTime? lead, LocalDate until) =>
        lead is null ? null : new(lead.FullAtPercent, lead.DaysFull, lead.FirstDayWithRoom is { } d ? Formatting.Date(d) : null, Formatting.Date(until));
}

public sealed record UtilisationView(
    Guid ClinicId,
    string From,
    string To,
    string Today,
    UtilisationRow Clinic,
    LeadTimeView? LeadTime,
    IReadOnlyList<UtilisationRow> Chairs,
    IReadOnlyList<UtilisationRow> Weeks,
    IReadOnlyList<UtilisationRow> Days,
    IReadOnlyList<UtilisationRow>? ChairDays,
    IReadOnlyList<HeatmapRow> Heatmap,
    IReadOnlyList<NursePeakRow> NursePeaks)
{
    public static UtilisationView Of(Guid clinicId, UtilisationReport r, bool chairDays) =>
        new(clinicId, Formatting.Date(r.From), Formatting.Date(r.To), Formatting.Date(r.Today),
            UtilisationRow.Of(r.Clinic, lead: r.LeadTime),
            LeadTimeView.Of(r.LeadTime, r.To),
            r.Chairs.Select(c => UtilisationRow.Of(c.Figures, c.Chair.Value, c.ChairName, lead: c.LeadTime)).ToList(),
            r.Weeks.Select(w => UtilisationRow.Of(w.Figures, week: w.Monday)).ToList(),
            r.Days.Select(d => UtilisationRow.Of(d.Figures, date: d.Date)).ToList(),
            chairDays ? r.ChairDays.Select(c => UtilisationRow.Of(c.Figures, c.Chair.Value, c.ChairName, c.Date)).ToList() : null,
            r.Heatmap.Select(h => new HeatmapRow(Formatting.Day(h.Weekday), h.Hour, h.OpenMinutes, h.OccupiedMinutes, h.OccupancyPercent)).ToList(),
            r.Days.Select(d => Peak(d.Date, d.Nurses)).ToList());

    internal static NursePeakRow Peak(LocalDate date, NursePeaks p) =>
        new(Formatting.Date(date), p.MostSetups, p.MostSetupsAt is { } s ? Formatting.Time(s) : null, p.StartLimitThen,
            p.MostInCare, p.MostInCareAt is { } c ? Formatting.Time(c) : null, p.CareLimitThen, p.SlotsAtStartLimit, p.SlotsAtCareLimit);
}

public sealed record NurseLoadView(Guid ClinicId, string From, string To, IReadOnlyList<NursePeakRow> Peaks, IReadOnlyList<NurseSlotRow> Slots)
{
    public static NurseLoadView Of(Guid clinicId, UtilisationReport r) =>
        new(clinicId, Formatting.Date(r.From), Formatting.Date(r.To),
            r.Days.Select(d => UtilisationView.Peak(d.Date, d.Nurses)).ToList(),
            r.NurseSlots.Select(s => new NurseSlotRow(Formatting.LocalDateTime(s.Start), s.Starts, s.SetupsRunning, s.InCare, s.Nurses,
                s.StartLimit, s.CareLimit, s.AtStartLimit, s.AtCareLimit, s.Peak)).ToList());
}

/// <summary>Booked utilisation of each of the next weeks, and how far ahead the book is full.</summary>
public sealed record ForecastView(Guid ClinicId, string From, string To, LeadTimeView? LeadTime, IReadOnlyList<UtilisationRow> Weeks)
{
    public static ForecastView Of(Guid clinicId, UtilisationReport r) =>
        new(clinicId, Formatting.Date(r.From), Formatting.Date(r.To), LeadTimeView.Of(r.LeadTime, r.To),
            r.Weeks.Select(w => UtilisationRow.Of(w.Figures, week: w.Monday)).ToList());
}
