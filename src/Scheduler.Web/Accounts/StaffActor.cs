using Scheduler.Application.Common;

namespace Scheduler.Web.Accounts;

/// <summary>
/// The actor for the audit trail: the signed-in staff member's user name; "system" for background
/// work (no request) and "anonymous" for a request nobody signed in to (a patient's link, a webhook).
/// </summary>
public sealed class StaffActor(IHttpContextAccessor accessor) : IActor
{
    public string Name
    {
        get
        {
            var http = accessor.HttpContext;
            if (http is null)
                return "system";
            var name = http.User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
            if (string.IsNullOrWhiteSpace(name))
                return "anonymous";
            var clean = new string(name.Trim().Where(c => !char.IsControl(c)).Take(100).ToArray());
            return clean.Length == 0 ? "anonymous" : clean;
        }
    }
}
