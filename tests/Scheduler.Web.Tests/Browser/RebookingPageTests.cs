using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Browser;

/// <summary>The front desk's rebooking queue and waitlist, and the manager's close-a-day, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RebookingPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task ACancelledSession_AppearsInTheQueueWithItsPatientAndCause_AndTheFrontDeskConfirmsTheHeldTime()
    {
        await using var app = await Start();
        var s = await Api(app);
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        await (await s.Client.Post($"/sessions/{session}/cancel", new { reason = "Flu, will call back", rebook = true })).Expect(HttpStatusCode.OK);
        var held = await s.WaitForRebooking(session);
        Assert.Equal("held", held.Str("status"));
        using var reply = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MessageSid"] = "SM-queue-1", ["From"] = "+16175550106", ["To"] = "+16175550000", ["Body"] = "Could I come in the afternoon instead?",
        });
        (await s.Client.PostAsync(Infrastructure.Api.Path("/webhooks/sms"), reply)).EnsureSuccessStatusCode();

        var page = await app.SignIn(BrowserApp.FrontDesk);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Rebooking" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rebooking queue");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open (1)" })).ToHaveAttributeAsync("aria-current", "page");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Riley Demo" });
        await Expect(row).ToContainTextAsync("Cancelled");
        await Expect(row).ToContainTextAsync("Flu, will call back");
        await Expect(row).ToContainTextAsync("Time held, waiting for the patient");
        await Expect(row).ToContainTextAsync("was Tue 8 Dec 2026, 10:00");
        var sms = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "afternoon instead" });
        await Expect(sms).ToContainTextAsync("Quinn Fictional");
        await BrowserApp.Screenshot(page, "rebooking-queue");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark the SMS from Quinn Fictional handled" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("marked handled by desk@test.clinic");
        await Expect(page.GetByText("No SMS replies are waiting for a person.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the case of Riley Demo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rebooking: Riley Demo, session 1");
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("Time held, waiting for the patient");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Session 1" }).First).ToHaveAttributeAsync("href", $"/desk/sessions/{session}");
        await BrowserApp.Screenshot(page, "rebooking-case");

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the held time" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The held time is taken for the patient");
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("Rebooked");
        await Expect(page.GetByText("Nothing is left to do")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Who" }).GetByRole(AriaRole.Row).Last).ToContainTextAsync("rebooked");
        Assert.Equal("rebooked", (await s.Client.Get($"/rebooking/{held.Id()}")).Str("status"));
        Assert.Equal("confirmed", (await s.Session(held.GetProperty("heldSessionId").GetGuid())).Str("status"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Rebooking queue" }).Last.ClickAsync();
        await Expect(page.GetByText("No open rebooking cases.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Rebooked (1)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Riley Demo" })).ToContainTextAsync("Rebooked");
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task BookingByHand_AClashingTime_ShowsTheReasonNextToTheField_AndChangesNothing_ThenAFreeTimeResolvesTheCase()
    {
        await using var app = await Start();
        var s = await Api(app);
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        await (await s.Client.Post($"/sessions/{session}/cancel", new { reason = "Flu", rebook = true })).Expect(HttpStatusCode.OK);
        var held = await s.WaitForRebooking(session);
        await (await s.Client.Post($"/rebooking/{held.Id()}/decline", new { reason = "Away that week" })).Expect(HttpStatusCode.OK);
        await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-16T10:00");

        var page = await app.SignIn(BrowserApp.FrontDesk);
        await page.GotoAsync($"/desk/rebooking/{held.Id()}");
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("Needs the front desk");
        await page.GetByLabel("Day").FillAsync("2026-12-16");
        await page.GetByLabel("Start time").FillAsync("10:30");
        await page.GetByLabel("Chair").SelectOptionAsync(new SelectOptionValue { Label = "Recliner 2 (recliner)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this time" }).ClickAsync();

        var error = page.Locator("[data-valmsg-for='Book.Time']");
        await Expect(error).ToContainTextAsync("Recliner 2 is taken from 10:00 to 12:00");
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("Needs the front desk");
        await Expect(page.GetByLabel("Day")).ToHaveValueAsync("2026-12-16");
        await BrowserApp.Screenshot(page, "rebooking-case-refused");
        Assert.Equal("frontDesk", (await s.Client.Get($"/rebooking/{held.Id()}")).Str("status"));
        Assert.DoesNotContain((await s.SeriesOf(s.Riley)).SelectMany(x => x.Items("sessions")), x => x.Str("start").StartsWith("2026-12-16", StringComparison.Ordinal));

        await page.GetByLabel("Start time").FillAsync("12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this time" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The new time is booked and the case is resolved.");
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("Resolved by hand");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Booked Wed 16 Dec 2026 12:00 on Recliner 2.");
        Assert.Contains((await s.SeriesOf(s.Riley)).SelectMany(x => x.Items("sessions")), x => x.Str("start") == "2026-12-16T12:00:00-05:00" && x.Str("status") == "booked");
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task Waitlist_ListsAnEntryAndTheOfferMadeToIt_AndTheFrontDeskRemovesIt()
    {
        await using var app = await Start();
        var s = await Api(app);
        var waiting = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-10T10:00")).Id();
        await (await s.Client.Post("/waitlist", new { sessionId = waiting, note = "Any morning this week" })).Expect(HttpStatusCode.Created);
        var freed = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        await (await s.Client.Post($"/sessions/{freed}/cancel", new { reason = "Moving away", rebook = false })).Expect(HttpStatusCode.OK);
        for (var i = 0; i < 300 && (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/offers")).Items().Count == 0; i++)
            await Task.Delay(100);

        var page = await app.SignIn(BrowserApp.FrontDesk);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Waitlist" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Waitlist");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Any morning this week" });
        await Expect(row).ToContainTextAsync("Quinn Fictional");
        await Expect(row).ToContainTextAsync("Thu 10 Dec 2026, 10:00");
        await Expect(row).ToContainTextAsync("Recliner 2");
        var offer = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Moving away" });
        await Expect(offer).ToContainTextAsync("Tue 8 Dec 2026, 10:00");
        await Expect(offer).ToContainTextAsync("Quinn Fictional: No answer yet");
        await BrowserApp.Screenshot(page, "waitlist");

        await page.GetByLabel("Why Quinn Fictional comes off the waitlist").FillAsync("Happy with the booked time");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Quinn Fictional from the waitlist" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Quinn Fictional is off the waitlist (Happy with the booked time).");
        await Expect(page.GetByText("Nobody is waiting for an earlier time.")).ToBeVisibleAsync();
        Assert.Empty((await s.Client.Get($"/clinics/{s.Sample.ClinicId}/waitlist")).Items());
        await page.GetByLabel("Also show entries that ended").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Any morning this week" })).ToContainTextAsync("Removed");
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task AManagerClosesADay_SeesWhatItWouldDoFirst_AndTheQueueThenShowsItsCases()
    {
        await using var app = await Start();
        var s = await Api(app);
        await s.BookOne(s.Riley, s.Recliner(1), "2026-12-09T10:00");
        await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-09T12:00");

        var page = await app.SignIn(BrowserApp.Manager);
        await page.GotoAsync("/manage/close-day");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Close the clinic for a day");
        await page.GetByLabel("Day to close").FillAsync("2026-12-09");
        await page.GetByLabel("Reason").FillAsync("Snow: roads closed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what closing would do" }).ClickAsync();

        await Expect(page.Locator("#preview-summary")).ToContainTextAsync("2 session(s) would be cancelled and 2 sent for rebooking.");
        var sessions = page.GetByRole(AriaRole.Table, new() { Name = "Sessions on Wed 9 Dec 2026" });
        await Expect(sessions).ToContainTextAsync("Riley Demo");
        await Expect(sessions).ToContainTextAsync("Quinn Fictional");
        Assert.Equal("booked", (await s.Session((await s.SeriesOf(s.Riley)).Single().Items("sessions").Single().Id())).Str("status"));
        await BrowserApp.Screenshot(page, "close-day");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the clinic on Wed 9 Dec 2026" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The clinic is closed on Wed 9 Dec 2026. 2 session(s) cancelled; 2 sent to the rebooking job.");
        await s.WaitForRebooking();
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the rebooking queue" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^All") }).ClickAsync();
        foreach (var patient in new[] { "Riley Demo", "Quinn Fictional" })
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = patient })).ToContainTextAsync("Clinic closed");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Riley Demo" })).ToContainTextAsync("Snow: roads closed");
        Assert.Empty(app.Errors);
    }

    private Task<BrowserApp> Start() => BrowserApp.Start(browser);

    /// <summary>The API of the running app, signed in as the administrator with a bearer token, for setting up data.</summary>
    private static async Task<Scenario> Api(BrowserApp app) => await Scenario.Start(app.App, await app.Api());
}
