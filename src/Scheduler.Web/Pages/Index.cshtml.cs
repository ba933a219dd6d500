using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Web.Accounts;

namespace Scheduler.Web.Pages;

/// <summary>The front door: each role's first page, or the sign-in page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated != true)
            return Redirect("/sign-in");
        if (User.IsInRole(StaffRoles.FrontDesk) || User.IsInRole(StaffRoles.Admin))
            return Redirect("/desk/timeline");
        if (User.IsInRole(StaffRoles.Manager))
            return Redirect("/manage/utilisation");
        return Redirect("/access-denied");
    }
}
