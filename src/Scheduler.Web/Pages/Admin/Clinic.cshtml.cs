using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Application.Clinics;
using Scheduler.Web.Pages.Shared;
using Scheduler.Application.Common;

namespace Scheduler.Web.Pages.Admin;

/// <summary>
/// The clinic's setup: name, time zone, opening hours, slot grid, turnover, nurse set-up and load,
/// where observation happens, and closures. Every change goes through <see cref="SaveClinic.Update"/>,
/// which refuses one that would strand booked sessions; the nurse shifts (on the nurses page) are
/// sent back as they are.
/// </summary>
public sealed class ClinicModel(CurrentClinic current, SaveClinic save) : PageModel
{
    /// <summary>Monday first, as clinics write their week.</summary>
    public static readonly IsoDayOfWeek[] Week =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    public sealed class RangeForm
    {
        public string? From { get; set; }
        public string? To { get; set; }
    }

    public sealed class DayForm
    {
        /// <summary>"monday" … "sunday".</summary>
        public string Day { get; set; } = "";
        public List<RangeForm> Ranges { get; set; } = [];
    }

    public sealed class ClinicForm
    {
        public string? Name { get; set; }
        public string? TimeZone { get; set; }
        public List<DayForm> Days { get; set; } = [];
        public int? SlotMinutes { get; set; }
        public int? TurnoverMinutes { get; set; }
        public int? NurseSetupMinutes { get; set; }
        public int? PatientsPerNurse { get; set; }

        /// <summary>"chair" or "recoveryArea".</summary>
        public string? Observation { get; set; }
        public int? RecoveryCapacity { get; set; }
    }

    public sealed class ClosureForm
    {
        public string? From { get; set; }
        public string? To { get; set; }
        public string? Reason { get; set; }
    }

    /// <summary>Closed days shown together: consecutive dates with the same reason.</summary>
    public sealed record ClosureGroup(LocalDate First, LocalDate Last, string Reason, IReadOnlyList<string> Dates);

    [BindProperty]
    public ClinicForm Input { get; set; } = new();

    [BindProperty]
    public ClosureForm Closure { get; set; } = new();

    public ClinicView? Clinic { get; private set; }
    public IReadOnlyList<ClosureGroup> Closures { get; private set; } = [];

    /// <summary>The form that was sent ("clinic", "closure"): only its summary shows errors without a field.</summary>
    public string? Posted { get; private set; }

    /// <summary>The longest day of closures one form may add; the clinic holds at most 1000 closures.</summary>
    public const int MaxClosureDays = 366;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await Load(ct) is { } clinic)
            Input = FormOf(clinic);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Posted = "clinic";
        if (await Load(ct) is not { } clinic)
            return Page();
        if (!ModelState.IsValid)
            return Page();
        var input = ToInput(clinic, Input);
        var saved = await AdminForms.Run(ModelState, () => save.Update(clinic.Id, input, ct), ClinicFieldKey);
        if (saved is null)
            return Page();
        TempData.Flash($"Saved the setup of {saved.Name}.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddClosureAsync(CancellationToken ct)
    {
        Posted = "closure";
        if (await Load(ct) is not { } clinic)
            return Page();
        Input = FormOf(clinic);
        LocalDate first = default, last = default;
        if (!AdminForms.Try(ModelState, () => first = Parse.Date(Closure.From, "closure.from"), ClosureFieldKey))
            return Page();
        if (!string.IsNullOrWhiteSpace(Closure.To) && !AdminForms.Try(ModelState, () => last = Parse.Date(Closure.To, "closure.to"), ClosureFieldKey))
            return Page();
        if (string.IsNullOrWhiteSpace(Closure.To))
            last = first;
        if (last < first)
        {
            ModelState.AddModelError("Closure.To", "The last closed day cannot be before the first.");
            return Page();
        }
        if (Period.Between(first, last, PeriodUnits.Days).Days + 1 > MaxClosureDays)
        {
            ModelState.AddModelError("Closure.To", $"One closure can cover at most {MaxClosureDays} days.");
            return Page();
        }
        var added = new List<ClosureInput>();
        for (var day = first; day <= last; day = day.PlusDays(1))
            added.Add(new ClosureInput(Formatting.Date(day), Closure.Reason ?? ""));
        var input = ClinicInput(clinic) with { Closures = [.. clinic.Closures, .. added] };
        var saved = await AdminForms.Run(ModelState, () => save.Update(clinic.Id, input, ct), ClosureFieldKey);
        if (saved is null)
            return Page();
        TempData.Flash(first == last
            ? $"The clinic is closed on {Show.Date(first)}: {Closure.Reason?.Trim()}."
            : $"The clinic is closed from {Show.Date(first)} to {Show.Date(last)} ({added.Count} days): {Closure.Reason?.Trim()}.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveClosureAsync(string[] dates, CancellationToken ct)
    {
        Posted = "closures";
        if (await Load(ct) is not { } clinic)
            return Page();
        Input = FormOf(clinic);
        var removed = dates.ToHashSet(StringComparer.Ordinal);
        var input = ClinicInput(clinic) with { Closures = clinic.Closures.Where(c => !removed.Contains(c.Date ?? "")).ToList() };
        var saved = await AdminForms.Run(ModelState, () => save.Update(clinic.Id, input, ct), _ => null);
        if (saved is null)
            return Page();
        TempData.Flash($"The clinic is open again on the {(removed.Count == 1 ? "day" : $"{removed.Count} days")} removed from the closures.");
        return RedirectToPage();
    }

    private async Task<ClinicView?> Load(CancellationToken ct)
    {
        Clinic = await current.Get(ct);
        if (Clinic is not null)
            Closures = Group(Clinic.Closures);
        return Clinic;
    }

    public static ClinicForm FormOf(ClinicView clinic) => new()
    {
        Name = clinic.Name,
        TimeZone = clinic.TimeZone,
        Days = Week.Select(day =>
        {
            var name = Formatting.Day(day);
            var ranges = clinic.OpeningHours.TryGetValue(name, out var r) ? r : [];
            // One empty pair more than the day has, to add a range (or open a closed day).
            return new DayForm { Day = name, Ranges = [.. ranges.Select(x => new RangeForm { From = x.From, To = x.To }), new RangeForm()] };
        }).ToList(),
        SlotMinutes = clinic.SlotMinutes,
        TurnoverMinutes = clinic.TurnoverMinutes,
        NurseSetupMinutes = clinic.NurseSetupMinutes,
        PatientsPerNurse = clinic.PatientsPerNurse,
        Observation = clinic.Observation.Place == "recoveryArea" ? "recoveryArea" : "chair",
        RecoveryCapacity = clinic.Observation.Capacity,
    };

    /// <summary>The clinic as it is, as input for <see cref="SaveClinic.Update"/>.</summary>
    public static ClinicInput ClinicInput(ClinicView clinic) =>
        new(clinic.Name, clinic.TimeZone, clinic.OpeningHours, clinic.Closures, clinic.SlotMinutes, clinic.TurnoverMinutes, clinic.NurseSetupMinutes,
            clinic.NurseShifts, clinic.PatientsPerNurse, clinic.Observation);

    private static ClinicInput ToInput(ClinicView clinic, ClinicForm form) =>
        ClinicInput(clinic) with
        {
            Name = form.Name,
            TimeZone = form.TimeZone,
            // A pair left empty is no range; a day with none is closed.
            OpeningHours = form.Days.ToDictionary(
                d => d.Day,
                d => d.Ranges.Where(r => !string.IsNullOrWhiteSpace(r.From) || !string.IsNullOrWhiteSpace(r.To))
                    .Select(r => new TimeRangeInput(r.From, r.To)).ToList()),
            SlotMinutes = form.SlotMinutes,
            TurnoverMinutes = form.TurnoverMinutes,
            NurseSetupMinutes = form.NurseSetupMinutes,
            PatientsPerNurse = form.PatientsPerNurse,
            Observation = new ObservationInput(form.Observation, form.Observation == "recoveryArea" ? form.RecoveryCapacity : null),
        };

    /// <summary>The form field an application field name is about.</summary>
    private string? ClinicFieldKey(string field)
    {
        if (field.StartsWith("openingHours.", StringComparison.Ordinal))
        {
            var day = field["openingHours.".Length..].Split('.')[0];
            var index = Input.Days.FindIndex(d => d.Day.Equals(day, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? $"Input.Days[{index}]" : "Hours";
        }
        return field switch
        {
            "name" => "Input.Name",
            "timeZone" => "Input.TimeZone",
            "openingHours" => "Hours",
            "slotMinutes" => "Input.SlotMinutes",
            "turnoverMinutes" => "Input.TurnoverMinutes",
            "nurseSetupMinutes" => "Input.NurseSetupMinutes",
            "patientsPerNurse" => "Input.PatientsPerNurse",
            "observation.place" => "Input.Observation",
            "observation.capacity" or "observation" => "Input.RecoveryCapacity",
            _ => null,
        };
    }

    private static string? ClosureFieldKey(string field) => field switch
    {
        "closure.from" or "closures" or "closures.date" => "Closure.From",
        "closure.to" => "Closure.To",
        "closure reason" => "Closure.Reason",
        _ => null,
    };

    private static IReadOnlyList<ClosureGroup> Group(IEnumerable<ClosureInput> closures)
    {
        var groups = new List<ClosureGroup>();
        foreach (var c in closures
                     .Select(c => (Date: Parse.Date(c.Date, "date"), Reason: c.Reason ?? "", Text: c.Date!))
                     .OrderBy(c => c.Date))
        {
            if (groups.Count > 0 && groups[^1] is var last && last.Last.PlusDays(1) == c.Date && last.Reason == c.Reason)
                groups[^1] = last with { Last = c.Date, Dates = [.. last.Dates, c.Text] };
            else
                groups.Add(new ClosureGroup(c.Date, c.Date, c.Reason, [c.Text]));
        }
        return groups;
    }
}
