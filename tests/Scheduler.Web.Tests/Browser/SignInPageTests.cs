using Microsoft.Playwright;
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

    private static async Task<string> ClinicId(IPage page)
    {
        var clinics = await page.APIRequest.GetAsync("/clinics");
        Assert.Equal(200, clinics.Status);
        var json = await clinics.JsonAsync();
        return json!.Value[0].GetProperty("id").GetString()!;
    }
}
