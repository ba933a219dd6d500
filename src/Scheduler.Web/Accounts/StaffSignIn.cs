using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Infrastructure.Accounts;

namespace Scheduler.Web.Accounts;

/// <summary>
/// Sign-in for staff: ASP.NET Core Identity users in the database, a cookie for the pages and a
/// bearer token for API clients (scripts, integrations), chosen per request. Every endpoint needs a
/// signed-in user unless it says otherwise (the fallback policy); the role policies are in
/// <see cref="StaffRoles"/>.
/// </summary>
public static class StaffSignIn
{
    /// <summary>The default scheme: the bearer token when the request carries one, else the cookie.</summary>
    public const string Scheme = "staff";

    public static IServiceCollection AddStaffSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        // Sign-in cookies, bearer tokens and anti-forgery tokens are protected with keys kept beside the
        // database, so that a restart signs nobody out and a token issued before it still works.
        var keys = configuration["DataProtection:KeysFolder"] ?? "data/keys";
        services.AddDataProtection()
            .SetApplicationName("infusion-scheduler")
            .PersistKeysToFileSystem(Directory.CreateDirectory(keys));

        services.AddIdentityCore<IdentityUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B); lock out guessing.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager();
        services.AddScoped<StaffAccounts>();

        services.AddAuthentication(o => o.DefaultScheme = Scheme)
            .AddPolicyScheme(Scheme, "Staff", o => o.ForwardDefaultSelector = SchemeFor)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "scheduler.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/access-denied";
            // Pages send a person to the sign-in page; the API answers 401/403 with a problem detail.
            o.Events.OnRedirectToLogin = c => RedirectOrStatus(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => RedirectOrStatus(c, StatusCodes.Status403Forbidden);
        });

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var policy in new[] { StaffRoles.FrontDeskPolicy, StaffRoles.ManagerPolicy, StaffRoles.AdminPolicy })
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.RolesFor(policy)));
        return services;
    }

    /// <summary>The scheme a request authenticates with: bearer when it sends a bearer token.</summary>
    public static string SchemeFor(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? IdentityConstants.BearerScheme
            : IdentityConstants.ApplicationScheme;

    /// <summary>True when the request is for a page (a person's browser), not the API.</summary>
    public static bool IsPageRequest(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not null;

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsPageRequest(context.HttpContext))
            context.Response.Redirect(context.RedirectUri);
        else
            context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
