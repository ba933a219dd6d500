using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Web.Accounts;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// The API's sign-in and roles as a script or integration meets them: bearer tokens from
/// POST /account/token, 401 without one, 403 for a role that may not, open doors for patients' links,
/// the SMS webhook, health and the API description.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the app through IAsyncLifetime.DisposeAsync.")]
public sealed class StaffSignInApiTests : IAsyncLifetime
{
    private SchedulerApp app = null!;
    private HttpClient client = null!;
    private string clinic = "";

    public async Task InitializeAsync()
    {
        app = new SchedulerApp { SignInForReal = true };
        client = app.CreateClient();
        await app.CreateStaff("desk@test.clinic", StaffRoles.FrontDesk);
        await app.CreateStaff("manager@test.clinic", StaffRoles.Manager);
        await app.CreateStaff("admin@test.clinic", StaffRoles.Admin);
        var admin = await Signed("admin@test.clinic");
        clinic = (await admin.Get("/clinics"))[0].GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Api_WithoutSignIn_Is401WithAProblemSayingHowToSignIn()
    {
        var problem = await (await client.GetAsync(Api.Path("/clinics"))).ExpectProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("/account/token", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await (await client.Post("/series/proposals", new { })).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await client.GetAsync(Api.Path($"/clinics/{clinic}/utilisation"))).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_WithAWrongPassword_Is401_AndMissingFieldsAre400NamingThem()
    {
        var wrong = await (await client.Post("/account/token", new { userName = "desk@test.clinic", password = "not it at all" })).ExpectProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("The user name or password is wrong.", wrong.GetProperty("detail").GetString());

        var missing = await (await client.Post("/account/token", new { userName = " " })).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("userName", out _));
        Assert.True(missing.GetProperty("errors").TryGetProperty("password", out _));
        await (await client.PostRaw("/account/token", "{not json")).ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Token_AfterFiveWrongPasswords_LocksTheAccount_EvenForTheRightOne()
    {
        for (var i = 0; i < 5; i++)
            await (await client.Post("/account/token", new { userName = "manager@test.clinic", password = "wrong password " + i })).ExpectProblem(HttpStatusCode.Unauthorized);

        var locked = await (await client.Post("/account/token", new { userName = "manager@test.clinic", password = SchedulerApp.StaffPassword })).ExpectProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("locked", locked.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrontDesk_ReadsAndBooks_ButIsRefusedManagerAndAdminWork()
    {
        var desk = await Signed("desk@test.clinic");

        await desk.Get($"/clinics/{clinic}/protocols");
        await desk.Get($"/clinics/{clinic}/schedule?from=2026-12-01&to=2026-12-01");
        var refused = await (await desk.GetAsync(Api.Path($"/clinics/{clinic}/utilisation"))).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("role", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await desk.Post($"/clinics/{clinic}/what-if", new { scenario = new { addChairs = new[] { new { kind = "recliner", count = 1 } } } })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await desk.Post($"/clinics/{clinic}/closures", new { date = "2026-12-01", reason = "snow" })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await desk.Post("/clinics", Bodies.Clinic("Another", ["Monday"], "08:00", "17:00"))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await desk.DeleteAsync(Api.Path($"/clinics/{clinic}/reminder-policy"))).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Manager_SeesUtilisation_ButIsRefusedClinicSetup()
    {
        var manager = await Signed("manager@test.clinic");

        await manager.Get($"/clinics/{clinic}/utilisation");
        await manager.Get($"/clinics/{clinic}/forecast?weeks=2");
        await manager.Get($"/clinics/{clinic}/schedule?from=2026-12-01&to=2026-12-01");
        await (await manager.Post("/clinics", Bodies.Clinic("Another", ["Monday"], "08:00", "17:00"))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await manager.DeleteAsync(Api.Path($"/clinics/{clinic}/reminder-policy"))).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_SetsUpClinics()
    {
        var admin = await Signed("admin@test.clinic");

        await (await admin.Post("/clinics", Bodies.Clinic("Second site", ["Monday"], "08:00", "17:00"))).Expect(HttpStatusCode.Created);
        await admin.Get($"/clinics/{clinic}/reminder-policy");
        await admin.Get($"/clinics/{clinic}/utilisation");
    }

    [Fact]
    public async Task TheAuditTrail_NamesTheSignedInUser_NotAHeader()
    {
        var desk = await Signed("desk@test.clinic");
        desk.DefaultRequestHeaders.Add("X-Actor", "someone else");
        var patient = (await desk.Get($"/clinics/{clinic}/patients?search=Avery"))[0].GetProperty("id").GetString();
        var protocol = (await desk.Get($"/clinics/{clinic}/protocols")).EnumerateArray().First(p => p.GetProperty("name").GetString()!.StartsWith("Depression", StringComparison.Ordinal)).GetProperty("id").GetString();

        var series = await (await desk.Post("/series", new { patientId = patient, protocolId = protocol, earliestDate = "2026-12-01" })).Expect(HttpStatusCode.Created);

        var audit = await desk.Get($"/audit/{series.GetProperty("id").GetString()}");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("actor").GetString() == "desk@test.clinic");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("actor").GetString() == "someone else");
    }

    [Fact]
    public async Task OpenDoors_NeedNoSignIn()
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Api.Path("/health"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Api.Path("/openapi/v1.json"))).StatusCode);
        // A patient's link: a bad token is "not found", not "sign in".
        await (await client.GetAsync(Api.Path("/r/not-a-real-token"))).ExpectProblem(HttpStatusCode.NotFound);
        // The SMS provider's webhook answers without a staff sign-in (it checks the provider's signature instead).
        var webhook = await client.PostAsync(Api.Path("/webhooks/sms"), new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SM1", ["From"] = "+15550100", ["To"] = "+15550199", ["Body"] = "C" }));
        Assert.NotEqual(HttpStatusCode.Unauthorized, webhook.StatusCode);
        // The sign-in page itself.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Api.Path("/sign-in"))).StatusCode);
    }

    [Fact]
    public async Task ConfiguredAdministrator_IsCreatedAtStart_AndNoSetupCodeIsIssued()
    {
        await using var configured = new SchedulerApp { SignInForReal = true };
        configured.Settings["Staff:Admin:Email"] = "owner@clinic.example";
        configured.Settings["Staff:Admin:Password"] = "a long configured secret";
        var http = configured.CreateClient();

        var token = await (await http.Post("/account/token", new { userName = "owner@clinic.example", password = "a long configured secret" })).Expect(HttpStatusCode.OK);

        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.Null(configured.Services.GetRequiredService<SetupCode>().Code);
    }

    [Fact]
    public async Task WithoutAnyAdministrator_ASetupCodeIsIssued_AndNoSampleStaffOutsideDevelopment()
    {
        var code = app.Services.GetRequiredService<SetupCode>().Code;

        Assert.Matches("^[0-9a-f]{4}-[0-9a-f]{4}$", code);
        await (await client.Post("/account/token", new { userName = "admin@sample.clinic", password = SampleStaff.Password })).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await client.Post("/account/token", new { userName = "frontdesk@sample.clinic", password = SampleStaff.Password })).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpClient> Signed(string user)
    {
        var token = await (await client.Post("/account/token", new { userName = user, password = SchedulerApp.StaffPassword })).Expect(HttpStatusCode.OK);
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        var signed = app.CreateClient();
        signed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return signed;
    }
}
