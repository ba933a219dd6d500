using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scheduler.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Browser;

/// <summary>Sign-in, sign-out and role checks through the pages, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoAndStaysOut()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.NewPage();

        await page.GotoAsync("/desk/patients");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in\\?ReturnUrl=%2Fdesk%2Fpatients"));
        await page.GetByLabel("E-mail address").FillAsync(BrowserApp.FrontDesk);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match an account");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        await BrowserApp.Screenshot(page, "sign-in-refused");

        await page.GetByLabel("E-mail address").FillAsync("");
        await page.GetByLabel("Password").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#Input_UserName + .field-error, [data-valmsg-for='Input.UserName']")).ToContainTextAsync("Enter the e-mail address");
        // A screen reader hears the field is wrong and why.
        var field = page.GetByLabel("E-mail address");
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToHaveAccessibleDescriptionAsync("Enter the e-mail address you sign in with.");
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task FrontDesk_OpeningAManagerPage_IsRefusedWithAPageThatSaysWhy()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.FrontDesk);

        var response = await page.GotoAsync("/manage/utilisation");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This page is not open to your role");
        await Expect(page.Locator("main")).ToContainTextAsync("Front desk");
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Utilisation" })).ToHaveCountAsync(0);
        await BrowserApp.Screenshot(page, "front-desk-refused");

        // The API refuses the same user as well (the browser's cookie, no page).
        var api = await page.APIRequest.GetAsync("/clinics/" + await ClinicId(page) + "/utilisation");
        Assert.Equal(403, api.Status);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.Manager);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Signed out");

        await page.GotoAsync("/manage/utilisation");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
    }

    [Fact]
    public async Task Setup_WithTheCodeFromTheLog_CreatesTheFirstAdministrator_Once()
    {
        await using var app = await BrowserApp.Start(browser, createStaff: false);
        var code = app.App.Services.GetRequiredService<SetupCode>().Code!;
        var page = await app.NewPage();

        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "set up the first administrator" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up the first administrator");
        await page.GetByLabel("Setup code").FillAsync("0000-0000");
        await page.GetByLabel("E-mail address").FillAsync("owner@clinic.example");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a long enough secret");
        await page.GetByLabel("Password again").FillAsync("a long enough secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the administrator" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Code']")).ToContainTextAsync("not the code in the log");

        await page.GetByLabel("Setup code").FillAsync(code.ToUpperInvariant());
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a long enough secret");
        await page.GetByLabel("Password again").FillAsync("a long enough secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the administrator" }).ClickAsync();

        await Expect(page.Locator("header.top")).ToContainTextAsync("owner@clinic.example");
        Assert.Null(app.App.Services.GetRequiredService<SetupCode>().Code);
        var again = await app.NewPage();
        await again.GotoAsync("/setup");
        await Expect(again.Locator("main")).ToContainTextAsync("already has an administrator");
        Assert.Empty(app.Errors);
    }

    private static async Task<string> ClinicId(IPage page)
    {
        var clinics = await page.APIRequest.GetAsync("/clinics");
        Assert.Equal(200, clinics.Status);
        var json = await clinics.JsonAsync();
        return json!.Value[0].GetProperty("id").GetString()!;
    }
}
