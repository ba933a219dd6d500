using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Application.Patients;

namespace Scheduler.Web.Pages.Desk;

/// <summary>Front desk registers a patient of the current clinic.</summary>
public sealed class NewPatientModel(CurrentClinic clinics, ManagePatients patients) : PageModel
{
    [BindProperty]
    public PatientForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var clinic = await clinics.Get(ct);
        if (clinic is null)
        {
            ModelState.AddModelError("", "There is no clinic yet: an administrator sets one up first.");
            return Page();
        }
        var created = await BookingText.Run(() => patients.Create(Input.ToInput(clinic.Id), ct));
        if (!created.Ok)
        {
            PatientForm.AddProblem(ModelState, created.Problem!);
            return Page();
        }
        TempData["Flash"] = $"{created.Value!.Name} is registered.";
        return Redirect($"/desk/patients/{created.Value.Id}");
    }
}
