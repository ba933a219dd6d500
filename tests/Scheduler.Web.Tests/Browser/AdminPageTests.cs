using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Scheduler.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Browser;

/// <summary>The administrator's clinic setup and staff pages, in Chromium, checked through the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_ChangesSaturdayHoursAddsAClosureAndANurseShift_TheClinicKeepsThem()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.Admin);
        using var api = await Api(app, page);
        var clinicId = (await SampleClinic.Load(api)).ClinicId;

        await page.GotoAsync("/admin/clinic");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Clinic setup" }).GetByRole(AriaRole.Link, new() { Name = "Clinic", Exact = true }))
            .ToHaveAttributeAsync("aria-current", "page");
        await page.GetByLabel("Saturday opens", new() { Exact = true }).FillAsync("09:00");
        await page.GetByLabel("Saturday closes", new() { Exact = true }).FillAsync("13:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the clinic setup" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the setup of Riverside Infusion Center");

        await page.GetByLabel("First closed day").FillAsync("2027-02-15");
        await page.GetByLabel("Last closed day (optional)").FillAsync("2027-02-16");
        await page.GetByLabel("Reason").FillAsync("Staff training");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the closure" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("closed from Mon 15 Feb 2027 to Tue 16 Feb 2027 (2 days): Staff training");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Staff training" })).ToContainTextAsync("Mon 15 Feb 2027 – Tue 16 Feb 2027");
        await Expect(page.GetByLabel("Saturday opens", new() { Exact = true })).ToHaveValueAsync("09:00");
        await BrowserApp.Screenshot(page, "admin-clinic");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nurses" }).ClickAsync();
        var shift = page.GetByRole(AriaRole.Group, new() { Name = "New shift" });
        await shift.GetByLabel("Saturday").CheckAsync();
        await shift.GetByLabel("Starts").FillAsync("09:00");
        await shift.GetByLabel("Ends").FillAsync("13:00");
        await shift.GetByLabel("Nurses").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the nurse shifts" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved 4 nurse shifts.");
        await BrowserApp.Screenshot(page, "admin-nurses");

        var clinic = await api.Get($"/clinics/{clinicId}");
        Assert.Contains(clinic.Items("nurseShifts"), s => s.Str("from") == "09:00" && s.Str("to") == "13:00" && s.GetProperty("nurses").GetInt32() == 1);
        var saturday = clinic.GetProperty("openingHours").GetProperty("saturday").EnumerateArray().Select(r => (r.Str("from"), r.Str("to")));
        Assert.Equal([("09:00", "13:00")], saturday);
        var closures = clinic.Items("closures").Select(c => (c.Str("date"), c.Str("reason"))).ToList();
        Assert.Contains(("2027-02-15", "Staff training"), closures);
        Assert.Contains(("2027-02-16", "Staff training"), closures);
        Assert.Contains(("2026-12-25", "Christmas Day"), closures);
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task InvalidValues_ShowTheReasonNextToTheField_AndSaveNothing()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.Admin);
        using var api = await Api(app, page);
        var sample = await SampleClinic.Load(api);

        await page.GotoAsync("/admin/clinic");
        await page.GetByLabel("Saturday opens", new() { Exact = true }).FillAsync("14:00");
        await page.GetByLabel("Saturday closes", new() { Exact = true }).FillAsync("08:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the clinic setup" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Saturday" }).Locator(".field-error"))
            .ToContainTextAsync("The end 08:00 must be after the start 14:00");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        var saturday = (await api.Get($"/clinics/{sample.ClinicId}")).GetProperty("openingHours").GetProperty("saturday")[0];
        Assert.Equal(("08:00", "14:00"), (saturday.Str("from"), saturday.Str("to")));

        await page.GotoAsync($"/admin/protocols?edit={sample.Depression}");
        await page.GetByLabel("Infusion (minutes)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the protocol" }).ClickAsync();

        var infusion = page.GetByLabel("Infusion (minutes)");
        await Expect(page.Locator("[data-valmsg-for='Input.InfusionMinutes']")).ToContainTextAsync("An infusion lasts from 45 minutes to 5 hours");
        await Expect(infusion).ToHaveValueAsync("30");
        await Expect(infusion).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("input-validation-error"));
        await BrowserApp.Screenshot(page, "admin-protocols");
        Assert.Equal(45, (await api.Get($"/protocols/{sample.Depression}")).GetProperty("infusionMinutes").GetInt32());
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task Admin_TakesAChairOutOfServiceOverABooking_SeesTheWindowAndHowManySessionsWentToRebooking()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.Admin);
        using var api = await Api(app, page);
        var sample = await SampleClinic.Load(api);
        var booked = await api.Post("/series", new
        {
            patientId = sample.Patients["Riley Demo"],
            protocolId = sample.Depression,
            sessions = new[] { new { chairId = sample.Chairs["Recliner 5"], start = "2026-12-08T10:00" } },
        });
        await booked.Expect(HttpStatusCode.Created);

        await page.GotoAsync("/admin/chairs");
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByLabel("Chair", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Recliner 5" });
        await page.GetByLabel("From").FillAsync("2026-12-08T08:00");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-12-08T18:00");
        await page.GetByLabel("Reason").FillAsync("Motor repair");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take the chair out of service" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(
            "Recliner 5 is out of service from Tue 8 Dec 2026, 08:00 to Tue 8 Dec 2026, 18:00. 1 booked session was cancelled; 1 was sent to rebooking.");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Out-of-service windows, now and later" }).GetByRole(AriaRole.Row, new() { Name = "Recliner 5" });
        await Expect(row).ToContainTextAsync("Motor repair");
        await Expect(row).ToContainTextAsync("Tue 8 Dec 2026, 08:00");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Chairs" }).GetByRole(AriaRole.Row, new() { Name = "Recliner 5" }).Locator("td.num")).ToHaveTextAsync("1");
        await BrowserApp.Screenshot(page, "admin-chairs");

        var windows = (await api.Get($"/chairs/{sample.Chairs["Recliner 5"]}")).Items("outOfService");
        Assert.Equal(["Motor repair"], windows.Select(w => w.Str("reason")));
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task Admin_CreatesAFrontDeskUser_WhoSignsIn_AndIsRefusedClinicSetup()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.Admin);
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync("/admin/staff");

        // The only administrator cannot be demoted, and the page says why.
        await page.GetByLabel($"Role of {BrowserApp.Admin}", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Front desk" });
        await page.GetByRole(AriaRole.Button, new() { Name = $"Change the role of {BrowserApp.Admin}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "only administrator" })).ToContainTextAsync("Make another user an administrator first");

        await page.GetByLabel("E-mail address").FillAsync("new.desk@test.clinic");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Front desk" });
        await page.GetByLabel("Initial password").FillAsync("too short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the staff member" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Password']")).ToContainTextAsync("at least 12 characters");

        await page.GetByLabel("Initial password").FillAsync("front desk password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the staff member" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added new.desk@test.clinic as front desk");
        await Expect(page.GetByLabel("Role of new.desk@test.clinic", new() { Exact = true })).ToHaveValueAsync("FrontDesk");
        await Expect(page.GetByLabel($"Role of {BrowserApp.Admin}", new() { Exact = true })).ToHaveValueAsync("Admin");
        await BrowserApp.Screenshot(page, "admin-staff");

        var desk = await app.SignIn("new.desk@test.clinic", "front desk password");
        var response = await desk.GotoAsync("/admin/clinic");
        Assert.Equal(403, response!.Status);
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This page is not open to your role");
        await Expect(desk.GetByRole(AriaRole.Link, new() { Name = "Clinic setup" })).ToHaveCountAsync(0);
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task Reminders_PreviewShowsEveryMessage_AndAForbiddenWordIsRefusedNextToItsTemplate()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.Admin);
        await page.GotoAsync("/admin/reminders");

        await page.GetByLabel("Sender name").FillAsync("Riverside Clinic");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the messages" }).ClickAsync();
        var confirmSms = page.GetByRole(AriaRole.Article, new() { Name = "Preview of the Confirm SMS" });
        await Expect(confirmSms).ToContainTextAsync("Riverside Clinic: appointment");
        await Expect(confirmSms).ToContainTextAsync("1 SMS");
        await Expect(page.GetByRole(AriaRole.Article)).ToHaveCountAsync(6);
        await BrowserApp.Screenshot(page, "admin-reminders");

        await page.GetByLabel("Prepare SMS", new() { Exact = true }).FillAsync("{clinic} {date} {time}: ketamine day. {link} {stop}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the reminder policy" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Templates[2].Body']")).ToContainTextAsync("\"ketamine\", which the clinic does not allow");
        await Expect(page.GetByText("Default policy", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByLabel("Prepare SMS", new() { Exact = true }).FillAsync("{clinic} {date} {time}: fast from midnight, bring a driver. {link} {stop}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the reminder policy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the reminder policy.");
        await Expect(page.GetByLabel("Prepare SMS", new() { Exact = true })).ToHaveValueAsync("{clinic} {date} {time}: fast from midnight, bring a driver. {link} {stop}");

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset to the defaults" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("default reminder policy again");
        await Expect(page.GetByLabel("Sender name")).ToHaveValueAsync("Clinic reminders");
        Assert.Empty(app.Errors);
    }

    /// <summary>The API as the signed-in administrator of <paramref name="page"/> (the browser's sign-in cookie).</summary>
    private static async Task<HttpClient> Api(BrowserApp app, IPage page)
    {
        var client = app.App.CreateClient();
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "scheduler.staff");
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return client;
    }
    [Fact]
    public async Task OnAFreshInstall_TheAdministratorCreatesTheClinicFromThePages()
    {
        await using var app = await BrowserApp.Start(browser, configure: a => a.Settings["Samples:LoadWhenEmpty"] = "false");
        var page = await app.SignIn(BrowserApp.Admin);

        await page.GotoAsync("/admin/clinic");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create the clinic" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the clinic" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Name']")).Not.ToBeEmptyAsync();

        await page.GetByLabel("Name").FillAsync("Harbour Infusion Suite");
        await page.GetByLabel("Time zone").SelectOptionAsync("Europe/London");
        await page.GetByLabel("Open on Saturdays too").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the clinic" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Created Harbour Infusion Suite");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Harbour Infusion Suite");
        using var api = await app.Api();
        var clinic = Assert.Single((await api.Get("/clinics")).EnumerateArray());
        Assert.Equal("Europe/London", clinic.GetProperty("timeZone").GetString());
        Assert.Equal("08:00", clinic.GetProperty("openingHours").GetProperty("saturday")[0].GetProperty("from").GetString());
        Assert.Equal(2, clinic.GetProperty("nurseShifts")[0].GetProperty("nurses").GetInt32());
        Assert.Empty(app.Errors);
    }
}
