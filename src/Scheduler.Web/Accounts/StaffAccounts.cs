using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Scheduler.Web.Accounts;

/// <summary>
/// A staff account as the administrator sees it. <see cref="Role"/> is the highest staff role the
/// user holds (null when none). <see cref="LockedUntil"/> is set while the account is locked:
/// <see cref="DateTimeOffset.MaxValue"/> when an administrator locked it, else the end of the
/// lockout that wrong passwords caused.
/// </summary>
public sealed record StaffMember(string Id, string Email, string? Role, DateTimeOffset? LockedUntil)
{
    public bool Locked => LockedUntil is not null;
    public bool LockedByAdministrator => LockedUntil == DateTimeOffset.MaxValue;
}

/// <summary>What an account change did: nothing and why (<see cref="Error"/>, about <see cref="Field"/>: "email", "role", "password" or null for the whole request), or done.</summary>
public sealed record StaffOutcome(string? Field, string? Error)
{
    public static StaffOutcome Done { get; } = new(null, null);
    public bool Ok => Error is null;

    public static StaffOutcome Refused(string? field, string error) => new(field, error);
}

/// <summary>
/// The administrator's work on staff accounts: list, add, change role, reset a password, lock,
/// unlock, remove. One staff role per user. The clinic always keeps an administrator who can sign
/// in: the last one is never demoted, locked or removed. A change of role, password or lock state
/// renews the user's security stamp, so that the user's sign-in cookie is checked again.
/// </summary>
public sealed class StaffAccounts(UserManager<IdentityUser> users)
{
    public async Task<IReadOnlyList<StaffMember>> List()
    {
        var list = new List<StaffMember>();
        foreach (var user in users.Users.OrderBy(u => u.Email).ToList())
            list.Add(await Member(user));
        return list;
    }

    public async Task<StaffMember?> Find(string? id) =>
        id is not null && await users.FindByIdAsync(id) is { } user ? await Member(user) : null;

    public async Task<StaffOutcome> Create(string? email, string? role, string? password)
    {
        var address = email?.Trim() ?? "";
        if (address.Length == 0)
            return StaffOutcome.Refused("email", "Enter the e-mail address the person will sign in with.");
        if (!new EmailAddressAttribute().IsValid(address) || address.Length > 256)
            return StaffOutcome.Refused("email", $"'{address}' is not an e-mail address.");
        if (await users.FindByEmailAsync(address) is not null || await users.FindByNameAsync(address) is not null)
            return StaffOutcome.Refused("email", $"There is already an account for {address}.");
        if (!IsRole(role))
            return StaffOutcome.Refused("role", "Choose a role: front desk, clinic manager or administrator.");
        var user = new IdentityUser { UserName = address, Email = address, EmailConfirmed = true };
        if (await CheckPassword(user, password) is { } refused)
            return refused;
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
            return Refusal(created);
        var added = await users.AddToRoleAsync(user, role!);
        return added.Succeeded ? StaffOutcome.Done : Refusal(added);
    }

    public async Task<StaffOutcome> ChangeRole(string? id, string? role)
    {
        if (await users.FindByIdAsync(id ?? "") is not { } user)
            return Missing;
        if (!IsRole(role))
            return StaffOutcome.Refused("role", "Choose a role: front desk, clinic manager or administrator.");
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role)
            return StaffOutcome.Done;
        if (role != StaffRoles.Admin && await IsLastAdministrator(user))
            return StaffOutcome.Refused("role", LastAdministrator(user, "change the role of"));
        var removed = await users.RemoveFromRolesAsync(user, current.Where(StaffRoles.All.Contains));
        if (!removed.Succeeded)
            return Refusal(removed);
        var added = await users.AddToRoleAsync(user, role!);
        if (!added.Succeeded)
            return Refusal(added);
        await users.UpdateSecurityStampAsync(user);
        return StaffOutcome.Done;
    }

    /// <summary>Sets a new password (checked by the same rules as at sign-up) and ends a lockout caused by wrong passwords.</summary>
    public async Task<StaffOutcome> ResetPassword(string? id, string? password)
    {
        if (await users.FindByIdAsync(id ?? "") is not { } user)
            return Missing;
        if (await CheckPassword(user, password) is { } refused)
            return refused;
        if (await users.HasPasswordAsync(user))
        {
            var removed = await users.RemovePasswordAsync(user);
            if (!removed.Succeeded)
                return Refusal(removed);
        }
        var added = await users.AddPasswordAsync(user, password!);
        if (!added.Succeeded)
            return Refusal(added);
        await users.ResetAccessFailedCountAsync(user);
        if (user.LockoutEnd is { } end && end != DateTimeOffset.MaxValue)
            await users.SetLockoutEndDateAsync(user, null);
        return StaffOutcome.Done;
    }

    /// <summary>Locks the account until an administrator unlocks it. <paramref name="actingUser"/> cannot lock their own.</summary>
    public async Task<StaffOutcome> Lock(string? id, string? actingUser)
    {
        if (await users.FindByIdAsync(id ?? "") is not { } user)
            return Missing;
        if (IsSelf(user, actingUser))
            return StaffOutcome.Refused(null, "You cannot lock your own account; another administrator can.");
        if (await IsLastAdministrator(user))
            return StaffOutcome.Refused(null, LastAdministrator(user, "lock"));
        await users.SetLockoutEnabledAsync(user, true);
        var locked = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        if (!locked.Succeeded)
            return Refusal(locked);
        await users.UpdateSecurityStampAsync(user);
        return StaffOutcome.Done;
    }

    public async Task<StaffOutcome> Unlock(string? id)
    {
        if (await users.FindByIdAsync(id ?? "") is not { } user)
            return Missing;
        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        if (!unlocked.Succeeded)
            return Refusal(unlocked);
        await users.ResetAccessFailedCountAsync(user);
        return StaffOutcome.Done;
    }

    /// <summary>Deletes the account. <paramref name="actingUser"/> cannot remove their own.</summary>
    public async Task<StaffOutcome> Remove(string? id, string? actingUser)
    {
        if (await users.FindByIdAsync(id ?? "") is not { } user)
            return Missing;
        if (IsSelf(user, actingUser))
            return StaffOutcome.Refused(null, "You cannot remove your own account; another administrator can.");
        if (await IsLastAdministrator(user))
            return StaffOutcome.Refused(null, LastAdministrator(user, "remove"));
        var deleted = await users.DeleteAsync(user);
        return deleted.Succeeded ? StaffOutcome.Done : Refusal(deleted);
    }

    private static StaffOutcome Missing { get; } = StaffOutcome.Refused(null, "There is no such account; it may have been removed. Reload the page.");

    private static bool IsRole(string? role) => role is not null && StaffRoles.All.Contains(role);

    private static bool IsSelf(IdentityUser user, string? actingUser) =>
        actingUser is not null && string.Equals(user.UserName, actingUser, StringComparison.OrdinalIgnoreCase);

    private static string LastAdministrator(IdentityUser user, string what) =>
        $"{user.Email} is the only administrator who can sign in, so you cannot {what} this account: without an administrator nobody could " +
        "change the clinic's setup or manage staff. Make another user an administrator first.";

    /// <summary>True when the user is an administrator and no other administrator can sign in (not locked).</summary>
    private async Task<bool> IsLastAdministrator(IdentityUser user)
    {
        if (!await users.IsInRoleAsync(user, StaffRoles.Admin))
            return false;
        foreach (var admin in await users.GetUsersInRoleAsync(StaffRoles.Admin))
        {
            if (admin.Id != user.Id && !await users.IsLockedOutAsync(admin))
                return false;
        }
        return true;
    }

    private async Task<StaffOutcome?> CheckPassword(IdentityUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return StaffOutcome.Refused("password", "Choose a password of at least 12 characters.");
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded)
                return StaffOutcome.Refused("password", Words(result));
        }
        return null;
    }

    private async Task<StaffMember> Member(IdentityUser user)
    {
        var roles = await users.GetRolesAsync(user);
        var role = StaffRoles.All.LastOrDefault(roles.Contains);
        var locked = await users.IsLockedOutAsync(user) ? user.LockoutEnd : null;
        return new StaffMember(user.Id, user.Email ?? user.UserName ?? user.Id, role, locked);
    }

    private static StaffOutcome Refusal(IdentityResult result)
    {
        var codes = result.Errors.Select(e => e.Code).ToList();
        var field = codes.Any(c => c.Contains("Password", StringComparison.Ordinal)) ? "password"
            : codes.Any(c => c.Contains("Email", StringComparison.Ordinal) || c.Contains("UserName", StringComparison.Ordinal)) ? "email"
            : codes.Any(c => c.Contains("Role", StringComparison.Ordinal)) ? "role"
            : null;
        return StaffOutcome.Refused(field, Words(result));
    }

    private static string Words(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
