using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Web.Accounts;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>The administrator's work on staff accounts, against the real Identity store (SQLite) of the app.</summary>
public sealed class StaffAccountsTests
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task Create_ThenList_ShowsTheUserWithItsRole_AbleToSignIn()
    {
        await using var s = await Accounts.Start();

        var outcome = await s.Staff.Create("  desk@clinic.test ", StaffRoles.FrontDesk, Password);

        Assert.True(outcome.Ok, outcome.Error);
        var member = Assert.Single(await s.Staff.List());
        Assert.Equal(("desk@clinic.test", StaffRoles.FrontDesk, false), (member.Email, member.Role, member.Locked));
        Assert.True((await s.SignIn("desk@clinic.test", Password)).Succeeded);
    }

    [Fact]
    public async Task Create_WithAPasswordUnder12Characters_IsRefusedOnThePasswordField_AndCreatesNobody()
    {
        await using var s = await Accounts.Start();

        var outcome = await s.Staff.Create("desk@clinic.test", StaffRoles.FrontDesk, "eleven-char");

        Assert.Equal("password", outcome.Field);
        Assert.Contains("12", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(await s.Staff.List());
    }

    [Fact]
    public async Task Create_WithAnAddressInUseOrNoAddressOrNoRole_IsRefusedOnThatField()
    {
        await using var s = await Accounts.Start();
        await s.Staff.Create("desk@clinic.test", StaffRoles.FrontDesk, Password);

        Assert.Equal("email", (await s.Staff.Create("DESK@clinic.test", StaffRoles.Manager, Password)).Field);
        Assert.Equal("email", (await s.Staff.Create("not an address", StaffRoles.Manager, Password)).Field);
        Assert.Equal("role", (await s.Staff.Create("other@clinic.test", "Owner", Password)).Field);
        Assert.Single(await s.Staff.List());
    }

    [Fact]
    public async Task ChangeRole_OfTheOnlyAdministrator_IsRefusedSayingWhy_AndWorksOnceThereIsAnother()
    {
        await using var s = await Accounts.Start();
        await s.Staff.Create("boss@clinic.test", StaffRoles.Admin, Password);
        var boss = await s.Id("boss@clinic.test");

        var refused = await s.Staff.ChangeRole(boss, StaffRoles.Manager);

        Assert.False(refused.Ok);
        Assert.Contains("only administrator", refused.Error, StringComparison.Ordinal);
        Assert.Equal(StaffRoles.Admin, (await s.Staff.Find(boss))!.Role);

        await s.Staff.Create("deputy@clinic.test", StaffRoles.Admin, Password);
        Assert.True((await s.Staff.ChangeRole(boss, StaffRoles.Manager)).Ok);
        Assert.Equal(StaffRoles.Manager, (await s.Staff.Find(boss))!.Role);
        Assert.Equal([StaffRoles.Manager], await s.Users.GetRolesAsync((await s.Users.FindByIdAsync(boss))!));
    }

    [Fact]
    public async Task LockOrRemove_OfTheLastAdministratorWhoCanSignIn_IsRefused_AndNobodyLocksThemselves()
    {
        await using var s = await Accounts.Start();
        await s.Staff.Create("boss@clinic.test", StaffRoles.Admin, Password);
        await s.Staff.Create("deputy@clinic.test", StaffRoles.Admin, Password);
        var boss = await s.Id("boss@clinic.test");
        var deputy = await s.Id("deputy@clinic.test");

        Assert.Contains("your own", (await s.Staff.Lock(deputy, "deputy@clinic.test")).Error, StringComparison.Ordinal);
        Assert.True((await s.Staff.Lock(deputy, "boss@clinic.test")).Ok);

        // The deputy is locked out: the boss is the last administrator who can sign in.
        Assert.Contains("only administrator", (await s.Staff.Lock(boss, "someone@clinic.test")).Error, StringComparison.Ordinal);
        Assert.Contains("only administrator", (await s.Staff.Remove(boss, "someone@clinic.test")).Error, StringComparison.Ordinal);
        Assert.NotNull(await s.Staff.Find(boss));
    }

    [Fact]
    public async Task Lock_KeepsTheUserOutUntilUnlocked()
    {
        await using var s = await Accounts.Start();
        await s.Staff.Create("desk@clinic.test", StaffRoles.FrontDesk, Password);
        var desk = await s.Id("desk@clinic.test");

        Assert.True((await s.Staff.Lock(desk, "admin@clinic.test")).Ok);

        var locked = (await s.Staff.Find(desk))!;
        Assert.True(locked.Locked && locked.LockedByAdministrator);
        Assert.True((await s.SignIn("desk@clinic.test", Password)).IsLockedOut);

        Assert.True((await s.Staff.Unlock(desk)).Ok);
        Assert.False((await s.Staff.Find(desk))!.Locked);
        Assert.True((await s.SignIn("desk@clinic.test", Password)).Succeeded);
    }

    [Fact]
    public async Task ResetPassword_SetsTheNewOne_AndAShortOneIsRefusedKeepingTheOld()
    {
        await using var s = await Accounts.Start();
        await s.Staff.Create("desk@clinic.test", StaffRoles.FrontDesk, Password);
        var desk = await s.Id("desk@clinic.test");

        var refused = await s.Staff.ResetPassword(desk, "too short");
        Assert.Equal("password", refused.Field);
        Assert.True((await s.SignIn("desk@clinic.test", Password)).Succeeded);

        Assert.True((await s.Staff.ResetPassword(desk, "another long password")).Ok);
        Assert.False((await s.SignIn("desk@clinic.test", Password)).Succeeded);
        Assert.True((await s.SignIn("desk@clinic.test", "another long password")).Succeeded);
    }

    [Fact]
    public async Task Remove_DeletesTheAccount()
    {
        await using var s = await Accounts.Start();
        await s.Staff.Create("boss@clinic.test", StaffRoles.Admin, Password);
        await s.Staff.Create("desk@clinic.test", StaffRoles.FrontDesk, Password);

        Assert.True((await s.Staff.Remove(await s.Id("desk@clinic.test"), "boss@clinic.test")).Ok);

        Assert.Equal(["boss@clinic.test"], (await s.Staff.List()).Select(m => m.Email));
    }

    /// <summary>The app (no sample clinic, no staff) and a scope holding <see cref="StaffAccounts"/>.</summary>
    private sealed class Accounts : IAsyncDisposable
    {
        private readonly SchedulerApp app;
        private readonly AsyncServiceScope scope;

        private Accounts(SchedulerApp app)
        {
            this.app = app;
            scope = app.Services.CreateAsyncScope();
        }

        public StaffAccounts Staff => scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        public UserManager<IdentityUser> Users => scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

        public static Task<Accounts> Start() => Task.FromResult(new Accounts(new SchedulerApp(loadSample: false)));

        public async Task<string> Id(string email) => (await Users.FindByEmailAsync(email))!.Id;

        /// <summary>Checks the password as the sign-in page does (lockout included), in a fresh scope.</summary>
        public async Task<SignInResult> SignIn(string email, string password)
        {
            await using var fresh = app.Services.CreateAsyncScope();
            var users = fresh.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var signIn = fresh.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>();
            return await signIn.CheckPasswordSignInAsync((await users.FindByEmailAsync(email))!, password, lockoutOnFailure: false);
        }

        public async ValueTask DisposeAsync()
        {
            await scope.DisposeAsync();
            await app.DisposeAsync();
        }
    }
}
