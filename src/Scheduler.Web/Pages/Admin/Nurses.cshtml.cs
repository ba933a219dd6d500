using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Application.Clinics;

namespace Scheduler.Web.Pages.Admin;

/// <summary>
/// Nurse shifts: on which weekdays, from when to when, how many nurses. They are part of the clinic's
/// settings and saved with <see cref="SaveClinic.Update"/>, the rest of the clinic unchanged; a change
/// that would leave booked sessions without enough nurses is refused with the sessions named.
/// </summary>
public sealed class NursesModel(CurrentClinic current, SaveClinic save) : PageModel
{
    public sealed class ShiftForm
    {
        /// <summary>Weekday names ("monday").</summary>
        public List<string> Days { get; set; } = [];
        public string? From { get; set; }
        public string? To { get; set; }
        public int? Nurses { get; set; }
        public bool Remove { get; set; }

        public bool IsEmpty => Days.Count == 0 && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To) && Nurses is null;
    }

    [BindProperty]
    public List<ShiftForm> Shifts { get; set; } = [];

    public ClinicView? Clinic { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Clinic = await current.Get(ct);
        if (Clinic is not null)
        {
            Shifts = Clinic.NurseShifts
                .Select(s => new ShiftForm { Days = s.Days ?? [], From = s.From, To = s.To, Nurses = s.Nurses })
                .Append(new ShiftForm())
                .ToList();
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Clinic = await current.Get(ct);
        if (Clinic is null || !ModelState.IsValid)
            return Page();
        // The rows sent to the application, and the form row each came from (to put a problem next to it).
        var rows = Shifts.Select((s, i) => (Shift: s, Row: i)).Where(x => !x.Shift.Remove && !x.Shift.IsEmpty).ToList();
        var input = ClinicModel.ClinicInput(Clinic) with
        {
            NurseShifts = rows.Select(r => new NurseShiftInput(r.Shift.Days, r.Shift.From, r.Shift.To, r.Shift.Nurses)).ToList(),
        };
        string? Key(string field)
        {
            if (field == "nurseShifts")
                return "Shifts";
            if (!field.StartsWith("nurseShifts[", StringComparison.Ordinal))
                return null;
            var close = field.IndexOf(']', StringComparison.Ordinal);
            if (!int.TryParse(field["nurseShifts[".Length..close], out var index) || index >= rows.Count)
                return "Shifts";
            var row = rows[index].Row;
            return field[(close + 1)..] switch
            {
                ".days" => $"Shifts[{row}].Days",
                ".from" => $"Shifts[{row}].From",
                ".to" => $"Shifts[{row}].To",
                ".nurses" => $"Shifts[{row}].Nurses",
                _ => $"Shifts[{row}]",
            };
        }
        var saved = await AdminForms.Run(ModelState, () => save.Update(Clinic.Id, input, ct), Key);
        if (saved is null)
            return Page();
        TempData.Flash($"Saved {rows.Count} nurse shift{(rows.Count == 1 ? "" : "s")}.");
        return RedirectToPage();
    }

    public static string DayLabel(string day) => day.Length == 0 ? day : char.ToUpperInvariant(day[0]) + day[1..];

}
