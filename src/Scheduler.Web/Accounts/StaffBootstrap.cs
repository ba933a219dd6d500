using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Scheduler.Web.Accounts;

/// <summary>
/// The first administrator, at start-up. The roles are created if missing; then, in this order:
/// <list type="number">
/// <item><c>Staff:Admin:Email</c> and <c>Staff:Admin:Password</c> from configuration (environment
/// variables or a secrets file in production) create that administrator if no such user exists;</item>
/// <item>in Development only, with the sample clinic, the sample staff of <see cref="SampleStaff"/>
/// (one per role, a documented password that works nowhere else);</item>
/// <item>otherwise, while no administrator exists, a one-time setup code is written to the log and
/// the setup page (<c>/setup</c>) takes it to create the first administrator.</item>
/// </list>
/// No password is built in: outside Development nobody can sign in until someone with access to the
/// configuration or the log has chosen one.
/// </summary>
public static class StaffBootstrap
{
    public static async Task Run(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }

        var email = configuration["Staff:Admin:Email"];
        var password = configuration["Staff:Admin:Password"];
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrEmpty(password) && await users.FindByEmailAsync(email) is null)
        {
            await Create(users, email.Trim(), password, StaffRoles.Admin, "Staff:Admin");
            logger.LogInformation("Created the administrator {Email} from configuration.", email);
        }

        if (environment.IsDevelopment() && configuration.GetValue("Samples:LoadWhenEmpty", true) && !users.Users.Any())
        {
            foreach (var (userName, role) in SampleStaff.Users)
                await Create(users, userName, SampleStaff.Password, role, "the sample staff");
            logger.LogInformation("Development: created the sample staff ({Users}), password {Password}.",
                string.Join(", ", SampleStaff.Users.Select(u => u.Email)), SampleStaff.Password);
        }

        var setup = scope.ServiceProvider.GetRequiredService<SetupCode>();
        if ((await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count == 0)
        {
            setup.Issue();
            logger.LogWarning("No administrator yet. Open /setup and enter the one-time setup code {Code} to create one (the code changes at every start).", setup.Code);
        }
    }

    /// <summary>Creates a user with one role; a configured password that breaks the rules stops the start with the reason.</summary>
    public static async Task Create(UserManager<IdentityUser> users, string email, string password, string role, string source)
    {
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password), source);
        Check(await users.AddToRoleAsync(user, role), source);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}

/// <summary>Sign-in names of the sample clinic's staff, created in Development only.</summary>
public static class SampleStaff
{
    /// <summary>The Development password of the sample staff; it works nowhere else, as the users exist nowhere else.</summary>
    public const string Password = "sample-clinic-2026";

    public static readonly IReadOnlyList<(string Email, string Role)> Users =
    [
        ("frontdesk@sample.clinic", StaffRoles.FrontDesk),
        ("manager@sample.clinic", StaffRoles.Manager),
        ("admin@sample.clinic", StaffRoles.Admin),
    ];
}

/// <summary>
/// The one-time code that lets the setup page create the first administrator. Issued at start-up
/// while there is none, shown only in the log, spent once used.
/// </summary>
public sealed class SetupCode
{
    private readonly Lock gate = new();
    private string? code;

    public string? Code
    {
        get
        {
            lock (gate)
                return code;
        }
    }

    public void Issue()
    {
        lock (gate)
            code = string.Create(9, RandomNumberGenerator.GetHexString(8, lowercase: true), (span, hex) =>
            {
                hex.AsSpan(0, 4).CopyTo(span);
                span[4] = '-';
                hex.AsSpan(4, 4).CopyTo(span[5..]);
            });
    }

    /// <summary>True (and the code is spent) when <paramref name="attempt"/> is the current code.</summary>
    public bool TrySpend(string? attempt)
    {
        lock (gate)
        {
            if (code is null || attempt is null)
                return false;
            var ok = CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(code), System.Text.Encoding.UTF8.GetBytes(attempt.Trim().ToLowerInvariant()));
            if (ok)
                code = null;
            return ok;
        }
    }
}
