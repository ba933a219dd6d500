using Scheduler.Application.Common;

namespace Scheduler.Web.Http;

/// <summary>
/// The actor for the audit trail, from the X-Actor header until sign-in exists (the web app issue);
/// "api" when none is given. Trimmed to 100 printable characters.
/// </summary>
public sealed class HeaderActor(IHttpContextAccessor accessor) : IActor
{
    public string Name
    {
        get
        {
            var header = accessor.HttpContext?.Request.Headers["X-Actor"].ToString();
            if (string.IsNullOrWhiteSpace(header))
                return accessor.HttpContext is null ? "system" : "api";
            var clean = new string(header.Trim().Where(c => !char.IsControl(c)).Take(100).ToArray());
            return clean.Length == 0 ? "api" : clean;
        }
    }
}
