using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Application.Clinics;
using Scheduler.Application.Common;
using Scheduler.Domain.Common;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Manage;

/// <summary>
/// Closing the clinic for a day with its sessions (a snow day): the manager picks the day and the
/// reason, sees what it would cancel and rebook (read-only), then confirms.
/// </summary>
public sealed class CloseDayModel(CurrentClinic clinics, CloseDayPreview preview, CloseDay close, IClock clock) : PageModel
{
    public sealed class CloseInput
    {
        [Required(ErrorMessage = "Choose the day to close.")]
        [Display(Name = "Day to close")]
        public string? Date { get; set; }

        [Required(ErrorMessage = "Say why the clinic is closed; patients and the front desk read it.")]
        [Display(Name = "Reason (patients and the front desk read it)")]
        public string? Reason { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public CloseInput Input { get; set; } = new();

    public CloseDayPreviewView? Preview { get; private set; }
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public LocalDate Today { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    /// <summary>Set after a close: the rebooking queue has its cases.</summary>
    [TempData]
    public bool Closed { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await Setup(ct) is not { } clinic)
            return NotFound();
        // A first visit (no day asked for) shows the empty form, not errors.
        if (Input.Date is null && Input.Reason is null)
        {
            ModelState.Clear();
            return Page();
        }
        if (!ModelState.IsValid)
            return Page();
        try
        {
            var seen = await preview.Handle(clinic, Input.Date, ct);
            if (seen.Ok)
                Preview = seen.Value;
            else
                ModelState.AddProblem(seen.Problem!);
        }
        catch (InvalidValueException e)
        {
            ModelState.AddModelError(e.Field == "date" ? "Input.Date" : "", e.Message);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await Setup(ct) is not { } clinic)
            return NotFound();
        if (!ModelState.IsValid)
            return Page();
        Result<CloseDayView> done;
        try
        {
            done = await close.Handle(clinic, new CloseDayInput(Input.Date, Input.Reason), ct);
        }
        catch (InvalidValueException e)
        {
            ModelState.AddModelError(e.Field switch { "date" => "Input.Date", "reason" => "Input.Reason", _ => "" }, e.Message);
            return Page();
        }
        if (!done.Ok)
        {
            ModelState.AddProblem(done.Problem!, "Input", f => f switch { "date" => "Input.Date", "reason" => "Input.Reason", _ => "" });
            Preview = (await preview.Handle(clinic, Input.Date, ct)).Value;
            return Page();
        }
        var day = Shared.Show.Date(Parse.Date(done.Value!.Date, "date"));
        Flash = done.Value.SessionsCancelled == 0 && done.Value.RebookingCases.Count == 0
            ? $"The clinic is closed on {day} ({done.Value.Reason}). No session was booked that day."
            : $"The clinic is closed on {day}. {done.Value.SessionsCancelled} session(s) cancelled; {done.Value.RebookingCases.Count} sent to the rebooking job.";
        Closed = true;
        return RedirectToPage();
    }

    private async Task<Guid?> Setup(CancellationToken ct)
    {
        if (await clinics.Get(ct) is not { } clinic)
            return null;
        Zone = CurrentClinic.Zone(clinic);
        Today = clock.GetCurrentInstant().InZone(Zone).Date;
        return clinic.Id;
    }
}
