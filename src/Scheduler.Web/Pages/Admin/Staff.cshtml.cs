using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Web.Accounts;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Admin;

/// <summary>Staff accounts: list, add, change role, reset a password, lock, unlock, remove (<see cref="StaffAccounts"/>).</summary>
public sealed class StaffModel(StaffAccounts accounts, CurrentClinic current) : PageModel
{
    public sealed class NewUserForm
    {
        public string? Email { get; set; }
        public string? Role { get; set; } = StaffRoles.FrontDesk;
        public string? Password { get; set; }
    }

    [BindProperty]
    public NewUserForm Input { get; set; } = new();

    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    /// <summary>The account whose row shows an error, and the error (a row's own actions have no field of their own).</summary>
    public string? ErrorFor { get; private set; }
    public string? RowError { get; private set; }
    public string? PasswordError { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var outcome = await accounts.Create(Input.Email, Input.Role, Input.Password);
        if (!outcome.Ok)
        {
            ModelState.AddModelError(outcome.Field switch
            {
                "email" => "Input.Email",
                "role" => "Input.Role",
                "password" => "Input.Password",
                _ => "",
            }, outcome.Error!);
            await Load(ct);
            return Page();
        }
        TempData.Flash($"Added {Input.Email!.Trim()} as {StaffRoles.Label(Input.Role!).ToLowerInvariant()}. Give them the password in person or by another safe channel.");
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostRoleAsync(string id, string role, CancellationToken ct) =>
        Act(id, () => accounts.ChangeRole(id, role), m => $"{m.Email} is now {StaffRoles.Label(role).ToLowerInvariant()}.", ct);

    public Task<IActionResult> OnPostPasswordAsync(string id, string password, CancellationToken ct) =>
        Act(id, () => accounts.ResetPassword(id, password), m => $"Set a new password for {m.Email}.", ct, passwordField: true);

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct) =>
        Act(id, () => accounts.Lock(id, User.Identity?.Name), m => $"Locked {m.Email}: they cannot sign in until unlocked.", ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        Act(id, () => accounts.Unlock(id), m => $"Unlocked {m.Email}.", ct);

    public Task<IActionResult> OnPostRemoveAsync(string id, CancellationToken ct) =>
        Act(id, () => accounts.Remove(id, User.Identity?.Name), m => $"Removed the account of {m.Email}.", ct);

    private async Task<IActionResult> Act(string id, Func<Task<StaffOutcome>> action, Func<StaffMember, string> done, CancellationToken ct, bool passwordField = false)
    {
        var member = await accounts.Find(id);
        var outcome = await action();
        if (!outcome.Ok || member is null)
        {
            ErrorFor = id;
            if (passwordField && outcome.Field == "password")
                PasswordError = outcome.Error;
            else
                RowError = outcome.Error ?? "There is no such account; it may have been removed.";
            await Load(ct);
            return Page();
        }
        TempData.Flash(done(member));
        return RedirectToPage();
    }

    private async Task Load(CancellationToken ct)
    {
        Staff = await accounts.List();
        if (await current.Get(ct) is { } clinic)
            Zone = CurrentClinic.Zone(clinic);
    }

    public string LockText(StaffMember m) =>
        m.LockedByAdministrator ? "Locked by an administrator"
        : m.LockedUntil is { } until ? $"Locked after wrong passwords until {Show.At(Instant.FromDateTimeOffset(until), Zone)}"
        : "Can sign in";
}
