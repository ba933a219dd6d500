using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Application.Clinics;

namespace Scheduler.Web.Pages.Admin;

/// <summary>
/// A new clinic (a first one on a fresh install, or another site): its name, time zone, weekday hours
/// and one nurse shift to start with, through <see cref="SaveClinic.Create"/>; the rest is set on the
/// clinic, nurses, chairs and protocols pages afterwards.
/// </summary>
public sealed class NewClinicModel(SaveClinic save) : PageModel
{
    public sealed class NewClinicForm
    {
        public string? Name { get; set; }
        public string? TimeZone { get; set; } = "America/New_York";
        public string? Opens { get; set; } = "08:00";
        public string? Closes { get; set; } = "18:00";
        public bool Saturday { get; set; }
        public int? Nurses { get; set; } = 2;
    }

    [BindProperty]
    public NewClinicForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return Page();
        var days = new List<string> { "monday", "tuesday", "wednesday", "thursday", "friday" };
        if (Input.Saturday)
            days.Add("saturday");
        var hours = days.ToDictionary(d => d, _ => new List<TimeRangeInput> { new(Input.Opens, Input.Closes) });
        var input = new ClinicInput(Input.Name, Input.TimeZone, hours, [], 15, 15, 15,
            [new NurseShiftInput(days, Input.Opens, Input.Closes, Input.Nurses)], 4, new ObservationInput("chair", null));
        var created = await AdminForms.Run(ModelState, () => save.Create(input, ct), Key);
        if (created is null)
            return Page();
        TempData.Flash($"Created {created.Name}. Check its setup below, then add its chairs, protocols and nurse shifts.");
        // ?clinic= makes the new clinic the one shown (and remembered, see CurrentClinic).
        return Redirect($"/admin/clinic?clinic={created.Id}");
    }

    private static string? Key(string field) => field switch
    {
        "name" => "Input.Name",
        "timeZone" => "Input.TimeZone",
        _ when field.StartsWith("openingHours", StringComparison.Ordinal) => "Input.Opens",
        _ when field.StartsWith("nurseShifts", StringComparison.Ordinal) && field.EndsWith(".nurses", StringComparison.Ordinal) => "Input.Nurses",
        _ when field.StartsWith("nurseShifts", StringComparison.Ordinal) => "Input.Opens",
        _ => null,
    };
}
