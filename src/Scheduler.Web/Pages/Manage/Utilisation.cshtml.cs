using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Application.Capacity;
using Scheduler.Application.Clinics;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Manage;

/// <summary>
/// The utilisation dashboard: the figures of GET /clinics/{id}/utilisation over ?from=&amp;to= (default
/// four weeks back and four ahead) and the nurse load of a day or week (GET /clinics/{id}/nurse-load).
/// </summary>
public sealed class UtilisationModel(CurrentClinic clinics, UtilisationQueries queries, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>Any day of the nurse load shown (default today).</summary>
    [BindProperty(SupportsGet = true)]
    public string? NurseDate { get; set; }

    /// <summary>"week" (Monday to Sunday around <see cref="NurseDate"/>, the default) or "day".</summary>
    [BindProperty(SupportsGet = true)]
    public string? NurseSpan { get; set; }

    public ClinicView? Clinic { get; private set; }
    public UtilisationView? Report { get; private set; }
    public NurseLoadView? Nurses { get; private set; }

    public bool NurseWeek => NurseSpan != "day";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Clinic = await clinics.Get(ct);
        if (Clinic is null)
            return;
        var report = await ManagePage.Run(() => queries.Report(Clinic.Id, Blank(From), Blank(To), ct));
        if (report.Ok)
        {
            Report = UtilisationView.Of(Clinic.Id, report.Value!, chairDays: false);
            (From, To) = (Report.From, Report.To);
        }
        else
        {
            ModelState.AddProblem(report.Problem!, prefix: "");
        }

        var today = ManagePage.Date(Report?.Today) ?? SystemToday();
        var day = ManagePage.Date(Blank(NurseDate));
        if (Blank(NurseDate) is not null && day is null)
        {
            ModelState.AddModelError(nameof(NurseDate), $"Give the day as a date like {Show.Iso(today)}, not '{NurseDate}'.");
            return;
        }
        var chosen = day ?? today;
        NurseDate = Show.Iso(chosen);
        var (from, to) = NurseWeek
            ? (chosen.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)), chosen.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).PlusDays(6))
            : (chosen, chosen);
        var nurses = await ManagePage.Run(() => queries.NurseLoad(Clinic.Id, Show.Iso(from), Show.Iso(to), ct));
        if (nurses.Ok)
            Nurses = nurses.Value;
        else
            ModelState.AddModelError(nameof(NurseDate), nurses.Problem!.Detail);
    }

    private LocalDate SystemToday() => clock.GetCurrentInstant().InZone(CurrentClinic.Zone(Clinic!)).Date;

    /// <summary>One line for a screen reader: the weeks' booked utilisation, lowest and highest.</summary>
    public string WeeklySummary()
    {
        var weeks = Report!.Weeks.Where(w => w.UtilisationPercent is not null).ToList();
        if (weeks.Count == 0)
            return "No open chair time in these weeks.";
        var low = weeks.MinBy(w => w.UtilisationPercent)!;
        var high = weeks.MaxBy(w => w.UtilisationPercent)!;
        return $"Booked utilisation of {weeks.Count} weeks: lowest {ManagePage.Percent(low.UtilisationPercent)} (week of {ManagePage.Day(low.Week)}), " +
            $"highest {ManagePage.Percent(high.UtilisationPercent)} (week of {ManagePage.Day(high.Week)}); actual figures for past days where recorded.";
    }

    public string ChairSummary()
    {
        var chairs = Report!.Chairs.Where(c => c.UtilisationPercent is not null).ToList();
        if (chairs.Count == 0)
            return "No chair was open in this span.";
        var low = chairs.MinBy(c => c.UtilisationPercent)!;
        var high = chairs.MaxBy(c => c.UtilisationPercent)!;
        return $"Booked utilisation of {chairs.Count} chairs, from {ManagePage.Percent(low.UtilisationPercent)} ({low.Chair}) to {ManagePage.Percent(high.UtilisationPercent)} ({high.Chair}).";
    }

    public string HeatmapSummary()
    {
        var busiest = Report!.Heatmap.Where(h => h.OccupancyPercent is not null).MaxBy(h => h.OccupancyPercent);
        return busiest is null
            ? "No open hours in this span."
            : $"Booked chair occupancy by weekday and hour; the busiest hour is {Weekday(busiest.Weekday)} {busiest.Hour:00}:00–{busiest.Hour + 1:00}:00 at {ManagePage.Percent(busiest.OccupancyPercent)}.";
    }

    public string NurseSummary()
    {
        var peaks = Nurses!.Peaks;
        var setups = peaks.MaxBy(p => p.MostSetups);
        var care = peaks.MaxBy(p => p.MostInCare);
        return setups is null || care is null
            ? "No open slots."
            : $"Nurse load slot by slot: at most {setups.MostSetups} set-ups at once (limit {setups.StartLimit}, {ManagePage.Day(setups.Date)} {setups.MostSetupsAt}) " +
              $"and {care.MostInCare} patients in care (limit {care.CareLimit}, {ManagePage.Day(care.Date)} {care.MostInCareAt}); peaks are marked.";
    }

    /// <summary>"monday" as "Monday".</summary>
    public static string Weekday(string day) => day.Length == 0 ? day : char.ToUpperInvariant(day[0]) + day[1..];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>An API address of this clinic's, as a CSV download.</summary>
    public string Csv(string path, params (string Name, string? Value)[] query) =>
        $"/clinics/{Clinic!.Id}/{path}?" + string.Join('&', query.Where(q => q.Value is not null).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}").Append("format=csv"));
}
