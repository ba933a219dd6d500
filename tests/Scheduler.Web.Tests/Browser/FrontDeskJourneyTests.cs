using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Browser;

/// <summary>
/// The front desk's day in one run through the pages, as the issue lists it: sign in, book a series for
/// the sample clinic and see it on the timeline, move a session, cancel one and find it in the
/// rebooking queue. Every step goes through the browser; nothing is set up over the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FrontDeskJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_BookASeries_SeeItOnTheTimeline_MoveOne_CancelOne_AndFindItInTheRebookingQueue()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.FrontDesk);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/desk/timeline"));

        // Book: find the patient, ask for times, book the best proposal.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Patients" }).ClickAsync();
        await page.GetByLabel("Search patients").FillAsync("Avery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Avery Sample", Exact = true }).ClickAsync();
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Book a series" }).First.ClickAsync();
        await page.GetByLabel("Protocol").SelectOptionAsync(new SelectOptionValue { Label = "Depression: 6 x 45 min induction, boosters every 4-6 weeks" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Find times" }).ClickAsync();
        var best = page.GetByRole(AriaRole.Article).First;
        await Expect(best.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("Option 1");
        await best.GetByRole(AriaRole.Button, new() { Name = "Book this one" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked");
        var upcoming = page.GetByRole(AriaRole.Table, new() { Name = "Upcoming sessions" });
        await Expect(upcoming.Locator("tbody tr")).Not.ToHaveCountAsync(0);
        var sessions = await upcoming.Locator("tbody a[href^='/desk/sessions/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.True(sessions.Length >= 3, "the series has at least three sessions");

        // See it on the timeline: the first session's day, its block on the chair and its row in the table.
        await page.GotoAsync(sessions[0]);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^← Timeline for ") }).ClickAsync();
        await Expect(page.Locator("#timeline[data-ready='true'] .vis-timeline")).ToBeVisibleAsync();
        await Expect(page.Locator("#timeline .vis-item.session", new() { HasText = "Avery Sample" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Avery Sample" })).ToContainTextAsync("Booked");
        await BrowserApp.Screenshot(page, "journey-timeline");

        // Move the second session an hour later on its day.
        await page.GotoAsync(sessions[1]);
        var infusion = await page.Locator("#session-infusion").InnerTextAsync();
        var start = NodaTime.LocalTime.FromHourMinuteSecondMillisecondTick(int.Parse(infusion[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(infusion[3..5], System.Globalization.CultureInfo.InvariantCulture), 0, 0, 0);
        var later = start.PlusHours(1);
        await page.GetByLabel("New start time").FillAsync($"{later:HH:mm}");
        await page.GetByLabel("Why (optional)").FillAsync("Patient asked for later");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the session" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"moved to");
        await Expect(page.Locator("#session-infusion")).ToContainTextAsync($"{later:HH:mm}–");

        // Cancel the third, asking for another time: it waits in the rebooking queue.
        await page.GotoAsync(sessions[2]);
        var cancel = page.GetByRole(AriaRole.Group, new() { Name = "Cancel the session" });
        await cancel.GetByLabel("Why is it cancelled?").FillAsync("Family emergency");
        await Expect(cancel.GetByLabel("Find the patient another time")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this session" }).ClickAsync();
        await Expect(page.Locator("#session-status")).ToHaveTextAsync("Cancelled");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Rebooking" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rebooking queue");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Avery Sample" });
        await Expect(row).ToContainTextAsync("Cancelled");
        await Expect(row).ToContainTextAsync("Family emergency");
        await BrowserApp.Screenshot(page, "journey-rebooking-queue");
        Assert.Empty(app.Errors);
    }
}
