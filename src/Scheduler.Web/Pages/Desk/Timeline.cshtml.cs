using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using Scheduler.Application.Clinics;
using Scheduler.Application.Schedule;

namespace Scheduler.Web.Pages.Desk;

/// <summary>
/// The chair timeline of a day or a week (Monday to Sunday) of the current clinic, with the same
/// sessions as a table. <c>?view=day|week&amp;date=2026-11-23</c>; today in the clinic's zone by default.
/// </summary>
public sealed class TimelineModel(CurrentClinic clinics, ChairTimeline timeline, IClock clock) : PageModel
{
    private static readonly LocalDateTimePattern WallClock = LocalDateTimePattern.Create("uuuu'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [BindProperty(SupportsGet = true, Name = "view")]
    public string? ViewName { get; set; }

    [BindProperty(SupportsGet = true, Name = "date")]
    public string? DateText { get; set; }

    public ClinicView? Clinic { get; private set; }
    public TimelineView? Timeline { get; private set; }
    public bool Week { get; private set; }
    public LocalDate Date { get; private set; }
    public LocalDate Today { get; private set; }
    public Instant Now { get; private set; }
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public string? DateProblem { get; private set; }

    /// <summary>What timeline.js draws, as JSON (moments as clinic wall-clock times, see <see cref="Local"/>).</summary>
    public string Data { get; private set; } = "{}";

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        Clinic = await clinics.Get(ct);
        if (Clinic is null)
            return Page();
        Zone = CurrentClinic.Zone(Clinic);
        Now = clock.GetCurrentInstant();
        Today = Now.InZone(Zone).Date;
        Week = string.Equals(ViewName, "week", StringComparison.OrdinalIgnoreCase);
        Date = Today;
        if (!string.IsNullOrWhiteSpace(DateText))
        {
            var parsed = LocalDatePattern.Iso.Parse(DateText);
            if (parsed.Success)
                Date = parsed.Value;
            else
                DateProblem = $"'{DateText}' is not a date; showing today instead.";
        }
        var (from, to) = Week ? (Monday(Date), Monday(Date).PlusDays(6)) : (Date, Date);
        var result = await timeline.Handle(Clinic.Id, from, to, ct);
        if (!result.Ok)
            return NotFound();
        Timeline = result.Value!;
        Data = JsonSerializer.Serialize(Describe(Timeline), Json);
        return Page();
    }

    public static LocalDate Monday(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));

    public string Link(LocalDate date, bool? week = null) =>
        $"/desk/timeline?view={((week ?? Week) ? "week" : "day")}&date={Pages.Shared.Show.Iso(date)}";

    public LocalDate Previous => Week ? Date.PlusWeeks(-1) : Date.PlusDays(-1);
    public LocalDate Next => Week ? Date.PlusWeeks(1) : Date.PlusDays(1);

    public string Heading => Timeline is not { } t
        ? "Chair timeline"
        : Week
            ? $"Week of {Pages.Shared.Show.Date(t.From)} to {Pages.Shared.Show.Date(t.To)}"
            : Pages.Shared.Show.Date(t.From);

    /// <summary>"Riley Demo" → "RD"; for blocks too narrow for the whole name.</summary>
    public static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0])));

    public static string StatusLabel(Domain.Series.SessionStatus status) => status switch
    {
        Domain.Series.SessionStatus.CheckedIn => "Checked in",
        Domain.Series.SessionStatus.NoShow => "No-show",
        _ => status.ToString(),
    };

    public static string StatusBadge(Domain.Series.SessionStatus status) => status switch
    {
        Domain.Series.SessionStatus.Cancelled or Domain.Series.SessionStatus.NoShow => "badge danger",
        Domain.Series.SessionStatus.Completed or Domain.Series.SessionStatus.Confirmed => "badge ok",
        Domain.Series.SessionStatus.CheckedIn or Domain.Series.SessionStatus.Infusing or Domain.Series.SessionStatus.Observing => "badge warn",
        _ => "badge",
    };

    /// <summary>
    /// A moment as the clinic's wall-clock time without offset ("2026-11-23T09:00:00"). timeline.js
    /// reads these as UTC and draws in UTC, so the axis shows the clinic's clock whatever the
    /// browser's zone; on a daylight-saving day each block still starts and ends at its local time.
    /// </summary>
    public string Local(Instant instant) => WallClock.Format(instant.InZone(Zone).LocalDateTime);

    private object Describe(TimelineView t)
    {
        var sessions = t.Sessions.ToDictionary(s => s.Id);
        var days = Enumerable.Range(0, Period.DaysBetween(t.From, t.To) + 1).Select(t.From.PlusDays).ToList();
        var hours = days.SelectMany(d => Clinic!.OpeningHours.GetValueOrDefault(d.DayOfWeek.ToString().ToLowerInvariant()) ?? []).ToList();
        // The view opens on the opening hours with half an hour either side (and now, on today), and
        // the week hides the nights; the whole day can still be scrolled to in the day view.
        var opens = hours.Count > 0 ? LocalTimePattern.Create("HH:mm", CultureInfo.InvariantCulture).Parse(hours.Min(r => r.From)!).Value.PlusMinutes(-30) : new LocalTime(7, 0);
        var closes = hours.Count > 0 ? LocalTimePattern.Create("HH:mm", CultureInfo.InvariantCulture).Parse(hours.Max(r => r.To)!).Value.PlusMinutes(30) : new LocalTime(19, 0);
        if (closes <= opens)
            (opens, closes) = (LocalTime.Midnight, new LocalTime(23, 59));
        var nowLocal = Now.InZone(Zone).LocalDateTime;
        if (nowLocal.Date >= t.From && nowLocal.Date <= t.To && !Week)
        {
            opens = LocalTime.Min(opens, nowLocal.TimeOfDay.PlusMinutes(-30));
            closes = LocalTime.Max(closes, nowLocal.TimeOfDay.PlusMinutes(30));
        }
        string Wall(LocalDate date, LocalTime time) => WallClock.Format(date + time);

        return new
        {
            view = Week ? "week" : "day",
            start = Local(t.Start),
            end = Local(t.End),
            focusStart = Wall(t.From, opens),
            focusEnd = Wall(t.To, closes),
            // The week hides each night from after closing to before opening (vis-timeline's repeating hidden dates).
            hidden = Week ? new[] { new { start = Wall(t.From, closes), end = Wall(t.From.PlusDays(1), opens), repeat = "daily" } } : [],
            now = Local(Now),
            nowLabel = "Now " + Pages.Shared.Show.TimeOf(Now, Zone),
            groups = t.Chairs.Select(c => new { id = c.Id.ToString(), name = c.Name, kind = c.Kind, active = c.Active })
                .Concat(t.RecoveryArea ? [new { id = "recovery", name = "Recovery area", kind = "observation", active = true }] : [])
                .ToList(),
            // One item per session and row: its blocks (infusion, observation, turnover) side by side.
            items = t.Blocks.GroupBy(b => (b.SessionId, b.ChairId)).Select(g =>
            {
                var s = sessions[g.Key.SessionId];
                var blocks = g.OrderBy(b => b.Start).ToList();
                var parts = string.Join(", ", blocks.Select(b => $"{b.Kind} {Pages.Shared.Show.TimeOf(b.Start, Zone)}–{Pages.Shared.Show.TimeOf(b.End, Zone)}"));
                return new
                {
                    id = $"{g.Key.SessionId}-{g.Key.ChairId?.ToString() ?? "recovery"}",
                    group = g.Key.ChairId?.ToString() ?? "recovery",
                    start = Local(blocks[0].Start),
                    end = Local(blocks[^1].End),
                    session = g.Key.SessionId,
                    name = s.PatientName,
                    initials = Initials(s.PatientName),
                    href = $"/desk/sessions/{g.Key.SessionId}",
                    title = $"{s.PatientName}: {parts} ({StatusLabel(s.Status).ToLowerInvariant()})",
                    status = s.Status.ToString().ToLowerInvariant(),
                    blocks = blocks.Select(b => new { kind = b.Kind, start = Local(b.Start), end = Local(b.End) }).ToList(),
                };
            }).ToList(),
            areas = t.Areas.Select(a => new
            {
                group = a.ChairId?.ToString(),
                kind = a.Kind,
                start = Local(a.Start),
                end = Local(a.End),
                title = a.Kind == "outOfService" ? $"Out of service: {a.Reason}" : a.Reason,
            }).ToList(),
        };
    }
}
