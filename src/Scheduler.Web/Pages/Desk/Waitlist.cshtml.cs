using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Application.Waitlist;
using Scheduler.Domain.Common;

namespace Scheduler.Web.Pages.Desk;

/// <summary>The waitlist for earlier times (longest waiting first) and the offers of freed times made to it.</summary>
public sealed class WaitlistModel(CurrentClinic clinics, WaitlistBoard board, ManageWaitlist waitlist) : PageModel
{
    /// <summary>Also the entries that ended (moved earlier or removed).</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IReadOnlyList<WaitlistRow> Entries { get; private set; } = [];
    public IReadOnlyList<OfferRow> Offers { get; private set; } = [];
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public string? FlashError { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await clinics.Get(ct) is not { } clinic)
            return NotFound();
        Zone = CurrentClinic.Zone(clinic);
        Entries = (await board.Entries(clinic.Id, All, ct)).Value ?? [];
        Offers = (await board.Offers(clinic.Id, ct)).Value ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid entryId, string? patient, string? reason, CancellationToken ct)
    {
        try
        {
            var removed = await waitlist.Remove(entryId, reason, ct);
            if (removed.Ok)
                Flash = $"{patient ?? "The patient"} is off the waitlist ({removed.Value!.EndReason}).";
            else
                FlashError = removed.Problem!.Detail;
        }
        catch (InvalidValueException e)
        {
            FlashError = $"{patient ?? "The patient"} is still on the waitlist: {e.Message}";
        }
        return RedirectToPage(new { All = All ? true : (bool?)null });
    }
}
