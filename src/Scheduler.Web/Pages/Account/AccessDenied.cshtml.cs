using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Scheduler.Web.Pages.Account;

public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
