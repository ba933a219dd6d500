using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests.Browser;

/// <summary>
/// The patient's page behind the link in a reminder, on a phone-sized screen (390 px) in Chromium:
/// the sessions and how to prepare, confirm, the calendar file, asking for another time, cancelling,
/// and a friendly page for a bad link. Set up and checked through the API as the front desk.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PatientPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task PatientPage_OnAPhone_ShowsTheSessionsAndPreparation_Confirms_DownloadsTheCalendar_AndAsksForAnotherTime()
    {
        await using var app = await BrowserApp.Start(browser);
        using var api = await Api(app);
        var sample = await SampleClinic.Load(api);
        var (first, _) = await BookRiley(api, sample);
        var link = await LinkOf(app, api, first, "2026-12-05T15:00:00Z");
        var page = await app.NewPage(phone: true);

        await page.GotoAsync(link);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your appointment");
        var visit = page.GetByRole(AriaRole.Region, new() { Name = "This appointment" });
        await Expect(visit).ToContainTextAsync("Tue 8 Dec");
        await Expect(visit).ToContainTextAsync("10:00 AM");
        await Expect(visit).ToContainTextAsync("Booked, not yet confirmed");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Before you come" })).ToContainTextAsync("Bring a driver");
        var upcoming = page.GetByRole(AriaRole.Region, new() { Name = "Your upcoming appointments" });
        await Expect(upcoming.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(upcoming).ToContainTextAsync("Thu 10 Dec");
        await Expect(page.GetByText("From Clinic reminders")).ToBeVisibleAsync();
        await AssertNoSidewaysScroll(page);
        await BrowserApp.Screenshot(page, "patient-page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm this appointment" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your appointment is confirmed");
        await Expect(visit.GetByTestId("status")).ToHaveTextAsync("Confirmed");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm this appointment" })).ToHaveCountAsync(0);
        Assert.Equal("confirmed", (await api.Get($"/sessions/{first}")).Str("status"));
        await AssertNoSidewaysScroll(page);
        await BrowserApp.Screenshot(page, "patient-page-confirmed");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Add to my calendar (.ics)" }).ClickAsync());
        var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal("appointments.ics", download.SuggestedFilename);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(ics, "BEGIN:VEVENT\r\n"));
        Assert.Contains("DTSTART:20261208T150000Z\r\n", ics, StringComparison.Ordinal); // 10:00 in New York
        Assert.Contains("DTSTART:20261210T150000Z\r\n", ics, StringComparison.Ordinal);

        await page.Locator("summary", new() { HasText = "Ask for another time" }).ClickAsync();
        await page.GetByLabel("Which days and times would suit you?").FillAsync("Wednesday mornings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("the clinic will contact you about another time");
        await Expect(visit).ToContainTextAsync("You asked for another time");
        var request = (await api.Get($"/clinics/{sample.ClinicId}/rebooking?status=frontDesk")).Items().Single();
        Assert.Equal(("patientAskedToMove", first), (request.Str("trigger"), request.GetProperty("sessionId").GetGuid()));
        Assert.Contains("Wednesday mornings", request.Str("frontDeskReason"), StringComparison.Ordinal);
        Assert.Equal("confirmed", (await api.Get($"/sessions/{first}")).Str("status"));
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task PatientPage_OnAPhone_CancelsAfterAskingIfSure_AndABadLinkGetsAFriendlyPage()
    {
        await using var app = await BrowserApp.Start(browser);
        using var api = await Api(app);
        var sample = await SampleClinic.Load(api);
        var (_, second) = await BookRiley(api, sample);
        var link = await LinkOf(app, api, second, "2026-12-07T15:00:00Z");
        var page = await app.NewPage(phone: true);
        await page.GotoAsync(link);
        var visit = page.GetByRole(AriaRole.Region, new() { Name = "This appointment" });
        await Expect(visit).ToContainTextAsync("Thu 10 Dec");

        var sure = page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel this appointment" });
        await Expect(sure).Not.ToBeVisibleAsync();
        await page.Locator("summary", new() { HasText = "I cannot come: cancel" }).ClickAsync();
        await Expect(visit).ToContainTextAsync("Are you sure?");
        await BrowserApp.Screenshot(page, "patient-page-cancel");
        await sure.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your appointment is cancelled");
        await Expect(visit.GetByTestId("status")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel this appointment" })).ToHaveCountAsync(0);
        Assert.Equal("cancelled", (await api.Get($"/sessions/{second}")).Str("status"));
        await AssertNoSidewaysScroll(page);

        var bad = await page.GotoAsync("/r/AAAAAAAAAAAAAAAA");

        Assert.Equal(404, bad!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link cannot be used");
        await Expect(page.Locator("main")).ToContainTextAsync("This link is not valid");
        await AssertNoSidewaysScroll(page);
        await BrowserApp.Screenshot(page, "patient-page-bad-link");
        Assert.Empty(app.Errors);
    }

    private static async Task AssertNoSidewaysScroll(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide in a {widths[1]} px window");
        Assert.Equal(390, widths[1]);
    }

    /// <summary>An API client signed in as the front desk with a bearer token.</summary>
    private static Task<HttpClient> Api(BrowserApp app) => app.Api(BrowserApp.FrontDesk);

    /// <summary>Riley (e-mail only) booked on Tue 8 and Thu 10 Dec 2026 at 10:00, two sessions of the depression series.</summary>
    private static async Task<(Guid First, Guid Second)> BookRiley(HttpClient api, SampleClinic sample)
    {
        var chair = sample.Chairs["Recliner 1"];
        var series = await (await api.Post("/series", new
        {
            patientId = sample.Patients["Riley Demo"],
            protocolId = sample.Depression,
            sessions = new[] { new { chairId = chair, start = "2026-12-08T10:00" }, new { chairId = chair, start = "2026-12-10T10:00" } },
        })).Expect(HttpStatusCode.Created);
        var sessions = series.Items("sessions");
        return (sessions[0].Id(), sessions[1].Id());
    }

    /// <summary>Sends the reminders due at <paramref name="nowUtc"/> and returns the path of the link in the one sent for the session.</summary>
    private static async Task<string> LinkOf(BrowserApp app, HttpClient api, Guid session, string nowUtc)
    {
        app.App.Clock.Set(At(nowUtc));
        await app.App.DispatchReminders();
        var messages = (await api.Get($"/sessions/{session}/messages")).Items();
        var body = messages.First(m => m.Str("status") == "sent").Str("body");
        return Link().Match(body).Groups[1].Value;
    }

    [GeneratedRegex(@"http://localhost:5080(/r/[A-Za-z0-9_-]{16})(?![A-Za-z0-9_-])")]
    private static partial Regex Link();
}
