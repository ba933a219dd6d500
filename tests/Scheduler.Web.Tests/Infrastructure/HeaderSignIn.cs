using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Web.Accounts;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>
/// The API tests' sign-in (tests only, registered by <see cref="SchedulerApp"/> unless it signs in
/// for real): a request without a bearer token or staff cookie is a staff member named by its
/// X-Actor header ("api" when none) holding the roles of its X-Roles header (comma-separated; all
/// three when none; "none" for an anonymous request). Requests with a token or cookie use the real
/// schemes, so role and sign-in tests can still go through them.
/// </summary>
public sealed class HeaderSignInHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "test-header";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var roles = Request.Headers["X-Roles"].ToString();
        if (roles.Equals("none", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        var name = Request.Headers["X-Actor"].ToString();
        var claims = new List<Claim> { new(ClaimTypes.Name, string.IsNullOrWhiteSpace(name) ? "api" : name) };
        var granted = string.IsNullOrWhiteSpace(roles) ? StaffRoles.All : roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        claims.AddRange(granted.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Name, ClaimTypes.Name, ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Name)));
    }

    /// <summary>The real schemes for requests that carry a token or the staff cookie; this one for the rest.</summary>
    public static string Select(HttpContext http) =>
        http.Request.Headers.Authorization.Count > 0 || http.Request.Cookies.ContainsKey("scheduler.staff")
            ? StaffSignIn.SchemeFor(http)
            : Name;
}
