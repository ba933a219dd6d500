using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Application.Patients;

namespace Scheduler.Web.Pages.Desk;

/// <summary>
/// The clinic's patients, searched by part of the name, e-mail address or phone number, a page at a
/// time. htmx asks for the results alone while the person types; the plain form gets the whole page.
/// </summary>
public sealed class PatientsModel(CurrentClinic clinics, ManagePatients patients) : PageModel
{
    public const int PageSize = 25;

    /// <summary>The search text; empty lists everyone.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>1-based.</summary>
    [BindProperty(SupportsGet = true, Name = "pg")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PatientView> Found { get; private set; } = [];
    public bool HasMore { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var clinic = await clinics.Get(ct);
        if (clinic is not null)
        {
            // One more than a page tells whether there is a next one.
            var list = await patients.List(clinic.Id, Search, (PageNumber - 1) * PageSize, PageSize + 1, ct);
            if (list.Ok)
            {
                Found = list.Value!.Take(PageSize).ToList();
                HasMore = list.Value!.Count > PageSize;
            }
            else
            {
                Problem = list.Problem!.Detail;
            }
        }
        return IsHtmx(Request) ? Partial("_PatientResults", this) : Page();
    }

    public string PageUrl(int page) =>
        $"/desk/patients?{(string.IsNullOrWhiteSpace(Search) ? "" : $"q={Uri.EscapeDataString(Search)}&")}pg={page}";

    /// <summary>An htmx request for part of the page (not a boosted or history request for all of it).</summary>
    public static bool IsHtmx(HttpRequest request) =>
        request.Headers["HX-Request"] == "true" && request.Headers["HX-Request-Type"] != "full";
}
