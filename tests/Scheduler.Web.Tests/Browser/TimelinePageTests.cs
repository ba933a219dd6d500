using System.Net;
using Microsoft.Playwright;
using Scheduler.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Browser;

/// <summary>
/// The front desk's chair timeline and a session's page, in Chromium: a booked series on the
/// timeline (day and week), moving a session, cancelling one with "find another time", and a
/// refused move. The clock is Monday 23 Nov 2026, 07:00 in the clinic (New York).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TimelinePageTests(BrowserFixture browser)
{
    // Riley's depression series: Mon 23, Wed 25, Fri 27 Nov, Mon 30 Nov, Wed 2, Fri 4 Dec, 10:00 on Recliner 1.
    private static readonly string[] RileyDays = ["2026-11-23", "2026-11-25", "2026-11-27", "2026-11-30", "2026-12-02", "2026-12-04"];
    private static readonly string[] AveryDays = ["2026-11-23", "2026-11-25", "2026-11-27"];

    [Fact]
    public async Task Timeline_ShowsABookedSessionAsABlockOnItsChairAndInTheTable()
    {
        await using var app = await BrowserApp.Start(browser);
        var (api, sample) = await Api(app);
        var riley = await BookRiley(api, sample);
        await BookOthers(api, sample);
        var (admin, _) = await Api(app, BrowserApp.Admin);
        await (await admin.Post($"/chairs/{sample.Chairs["Recliner 6"]}/out-of-service", new { start = "2026-11-23T13:00", end = "2026-11-23T15:00", reason = "Pump repair" }))
            .Expect(HttpStatusCode.OK);
        var page = await app.SignIn(BrowserApp.FrontDesk);

        await page.GotoAsync("/desk/timeline");
        await Drawn(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Mon 23 Nov 2026");
        var block = page.Locator("#timeline .vis-item.session", new() { HasText = "Riley Demo" });
        await Expect(block).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Riley Demo: infusion 10:00–10:45, observation 10:45–11:45, turnover 11:45–12:00 (booked)" })).ToHaveAttributeAsync("href", $"/desk/sessions/{riley[0]}");
        await Expect(page.Locator("#timeline .vis-item.session .part.observation")).ToHaveCountAsync(3);
        await Expect(page.Locator("#timeline .vis-item.session .part.turnover")).ToHaveCountAsync(3);
        await Expect(page.Locator("#timeline .vis-custom-time.now")).ToHaveCountAsync(1);
        await Expect(page.Locator("#timeline .vis-background.out-of-service")).ToHaveCountAsync(1);
        await Expect(page.GetByText("Recliner 6 out of service")).ToBeVisibleAsync();
        // The block sits on Recliner 1's row: the same height on the page as the row's label.
        var label = await page.Locator(".vis-label", new() { HasText = "Recliner 1" }).BoundingBoxAsync();
        var box = await block.BoundingBoxAsync();
        Assert.InRange(box!.Y + (box.Height / 2), label!.Y, label.Y + label.Height);

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Riley Demo" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("Recliner 1");
        await Expect(row).ToContainTextAsync("10:00");
        await Expect(row).ToContainTextAsync("10:45");
        await Expect(row).ToContainTextAsync("11:45");
        await Expect(row).ToContainTextAsync("Booked");
        await BrowserApp.Screenshot(page, "timeline-day");

        await page.GetByRole(AriaRole.Link, new() { Name = "Week", Exact = true }).ClickAsync();
        await Drawn(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Week of Mon 23 Nov 2026 to Sun 29 Nov 2026");
        await Expect(page.Locator("#timeline .vis-item.session", new() { HasText = "RD" })).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Riley Demo" })).ToHaveCountAsync(3);
        await BrowserApp.Screenshot(page, "timeline-week");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next week →" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Week of Mon 30 Nov 2026");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Riley Demo" })).ToHaveCountAsync(3);
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task MovingASession_FromItsPage_ShowsTheNewTimeThereAndOnTheTimeline()
    {
        await using var app = await BrowserApp.Start(browser);
        var (api, sample) = await Api(app);
        var riley = await BookRiley(api, sample);
        var page = await app.SignIn(BrowserApp.FrontDesk);

        await page.GotoAsync($"/desk/sessions/{riley[0]}");
        await Expect(page.Locator("#session-infusion")).ToContainTextAsync("10:00–10:45");
        await page.GetByLabel("New start time").FillAsync("11:30");
        await page.GetByLabel("Chair").SelectOptionAsync(new SelectOptionValue { Label = "Recliner 2 (recliner)" });
        await page.GetByLabel("Why (optional)").FillAsync("Patient asked for later");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the session" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Session 1 moved to Mon 23 Nov 2026, 11:30");
        await Expect(page.Locator("#session-infusion")).ToContainTextAsync("11:30–12:15");
        await Expect(page.Locator(".facts")).ToContainTextAsync("Recliner 2");
        var history = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "Who" }) });
        var moved = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "moved" });
        await Expect(moved).ToContainTextAsync("from Mon 23 Nov 2026 10:00 on Recliner 1 to Mon 23 Nov 2026 11:30 on Recliner 2");
        await Expect(moved).ToContainTextAsync("Patient asked for later");
        await BrowserApp.Screenshot(page, "session");
        Assert.Equal("2026-11-23T11:30:00-05:00", (await api.Get($"/sessions/{riley[0]}")).Str("start"));

        await page.GetByRole(AriaRole.Link, new() { Name = "← Timeline for Mon 23 Nov 2026" }).ClickAsync();
        await Drawn(page);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Riley Demo: infusion 11:30–12:15, observation 12:15–13:15, turnover 13:15–13:30 (booked)" })).ToHaveCountAsync(1);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Riley Demo" });
        await Expect(row.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("Recliner 2");
        await Expect(row).ToContainTextAsync("11:30");

        await page.Locator("#timeline .vis-item.session", new() { HasText = "Riley Demo" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseAddress}/desk/sessions/{riley[0]}");
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task CancellingASession_WithFindAnotherTime_ShowsItCancelledAndOpensARebookingCase()
    {
        await using var app = await BrowserApp.Start(browser);
        var (api, sample) = await Api(app);
        var riley = await BookRiley(api, sample);
        var page = await app.SignIn(BrowserApp.FrontDesk);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync($"/desk/sessions/{riley[1]}");
        var cancel = page.GetByRole(AriaRole.Group, new() { Name = "Cancel the session" });
        await cancel.GetByLabel("Why is it cancelled?").FillAsync("Patient has the flu");
        await Expect(cancel.GetByLabel("Find the patient another time")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this session" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Session 2 cancelled.");
        await Expect(page.Locator("#session-status")).ToHaveTextAsync("Cancelled");
        await Expect(page.Locator(".facts")).ToContainTextAsync("Patient has the flu");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel this session" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move the session" })).ToHaveCountAsync(0);
        var cases = (await api.Get($"/clinics/{sample.ClinicId}/rebooking")).Items();
        var opened = Assert.Single(cases, c => c.GetProperty("sessionId").GetGuid() == riley[1]);
        Assert.Equal("patientCancelled", opened.Str("trigger"));

        await page.GotoAsync($"/desk/timeline?date={RileyDays[1]}");
        await Drawn(page);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Riley Demo" })).ToContainTextAsync("Cancelled");
        await Expect(page.Locator("#timeline .vis-item.session")).ToHaveCountAsync(0);
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task ARefusedMove_ShowsTheReasonNextToTheTimeAndChangesNothing()
    {
        await using var app = await BrowserApp.Start(browser);
        var (api, sample) = await Api(app);
        var riley = await BookRiley(api, sample);
        var page = await app.SignIn(BrowserApp.FrontDesk);

        await page.GotoAsync($"/desk/sessions/{riley[0]}");
        await page.GetByLabel("New start time").FillAsync("18:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the session" }).ClickAsync();

        var error = page.Locator("#move-when-error");
        await Expect(error).ToContainTextAsync("does not fit the opening hours");
        await Expect(page.GetByLabel("New start time")).ToHaveAttributeAsync("aria-describedby", "move-when-error");
        await Expect(page.GetByLabel("New start time")).ToHaveValueAsync("18:30");
        await Expect(page.Locator("#session-infusion")).ToContainTextAsync("10:00–10:45");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await BrowserApp.Screenshot(page, "session-move-refused");
        Assert.Equal("2026-11-23T10:00:00-05:00", (await api.Get($"/sessions/{riley[0]}")).Str("start"));
        Assert.DoesNotContain((await api.Get($"/audit/{riley[0]}")).Items(), a => a.Str("action") == "moved");
        Assert.Empty(app.Errors);
    }

    /// <summary>Waits until vis-timeline has drawn the timeline (timeline.js marks it after its first redraw).</summary>
    private static Task Drawn(IPage page) => Expect(page.Locator("#timeline[data-ready='true'] .vis-timeline")).ToBeVisibleAsync();

    /// <summary>An API client signed in with a bearer token, as the front desk unless named (the browser tests' app signs in for real).</summary>
    private static async Task<(HttpClient Api, SampleClinic Sample)> Api(BrowserApp app, string user = BrowserApp.FrontDesk)
    {
        var client = await app.Api(user);
        return (client, await SampleClinic.Load(client));
    }

    /// <summary>Books Riley's six sessions at 10:00 on Recliner 1; returns their ids in order.</summary>
    private static async Task<IReadOnlyList<Guid>> BookRiley(HttpClient api, SampleClinic sample)
    {
        var series = await (await api.Post("/series", new
        {
            patientId = sample.Patients["Riley Demo"],
            protocolId = sample.Depression,
            sessions = RileyDays.Select(d => new { chairId = sample.Chairs["Recliner 1"], start = d + "T10:00" }),
        })).Expect(HttpStatusCode.Created);
        return series.Items("sessions").Select(s => s.Id()).ToList();
    }

    /// <summary>Two more patients on the first day, so the timeline has company.</summary>
    private static async Task BookOthers(HttpClient api, SampleClinic sample)
    {
        await (await api.Post("/series", new
        {
            patientId = sample.Patients["Avery Sample"],
            protocolId = sample.Depression,
            sessions = AveryDays.Select(d => new { chairId = sample.Chairs["Recliner 2"], start = d + "T09:00" }),
        })).Expect(HttpStatusCode.Created);
        await (await api.Post("/series", new
        {
            patientId = sample.Patients["Casey Placeholder"],
            protocolId = sample.Depression,
            sessions = new[] { new { chairId = sample.Chairs["Recliner 3"], start = "2026-11-23T08:15" } },
        })).Expect(HttpStatusCode.Created);
    }
}
