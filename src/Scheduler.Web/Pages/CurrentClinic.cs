using NodaTime;
using Scheduler.Application.Clinics;

namespace Scheduler.Web.Pages;

/// <summary>
/// The clinic the pages show: <c>?clinic=</c> when given (and remembered in a cookie), else the one
/// remembered, else the first clinic. One per request.
/// </summary>
public sealed class CurrentClinic(ClinicQueries clinics, IHttpContextAccessor accessor)
{
    public const string CookieName = "clinic";

    private IReadOnlyList<ClinicView>? all;
    private ClinicView? current;

    public async Task<IReadOnlyList<ClinicView>> All(CancellationToken ct) => all ??= await clinics.List(ct);

    /// <summary>The clinic of this request; null only when there is no clinic at all.</summary>
    public async Task<ClinicView?> Get(CancellationToken ct)
    {
        if (current is not null)
            return current;
        var list = await All(ct);
        var http = accessor.HttpContext;
        if (http is not null && Guid.TryParse(http.Request.Query["clinic"], out var asked) && list.FirstOrDefault(c => c.Id == asked) is { } chosen)
        {
            http.Response.Cookies.Append(CookieName, chosen.Id.ToString(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return current = chosen;
        }
        if (http is not null && Guid.TryParse(http.Request.Cookies[CookieName], out var remembered) && list.FirstOrDefault(c => c.Id == remembered) is { } kept)
            return current = kept;
        return current = list.Count > 0 ? list[0] : null;
    }

    /// <summary>The clinic's time zone (wall-clock rules and what the pages show).</summary>
    public static DateTimeZone Zone(ClinicView clinic) => DateTimeZoneProviders.Tzdb[clinic.TimeZone];
}
