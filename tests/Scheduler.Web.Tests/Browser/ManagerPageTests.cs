using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Browser;

/// <summary>
/// The manager's pages in Chromium on the sample clinic (6 recliners and 2 beds, open Monday to
/// Saturday), with data set up through the API under the manager's own cookie: the utilisation
/// dashboard, the forecast and capacity question, and the what-if.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ManagerPageTests(BrowserFixture browser)
{
    /// <summary>A clinic wall-clock time on Monday 23 Nov 2026 (EST, UTC-5).</summary>
    private static Instant Mon(int hour, int minute = 0) => Instant.FromUtc(2026, 11, 23, 5, 0) + Duration.FromHours(hour) + Duration.FromMinutes(minute);

    [Fact]
    public async Task Utilisation_ShowsTheChartsAndTheSameFiguresAsTheApi_AndDownloadsCsv()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.Manager);
        var api = page.APIRequest;
        var clinic = await Clinic(api);
        // Monday: Riley at 09:00 on Recliner 1, run to completion; Quinn at 10:00 on Recliner 2, a no-show;
        // and a booking on Wednesday ahead.
        var riley = await BookOne(api, clinic, "Riley Demo", "Recliner 1", "2026-11-23T09:00");
        var quinn = await BookOne(api, clinic, "Quinn Fictional", "Recliner 2", "2026-11-23T10:00");
        await BookOne(api, clinic, "Avery Sample", "Recliner 3", "2026-11-25T11:00");
        await Act(app, api, riley, "check-in", Mon(8, 55));
        await Act(app, api, riley, "start-infusion", Mon(9, 5));
        await Act(app, api, riley, "start-observation", Mon(9, 50));
        await Act(app, api, quinn, "no-show", Mon(10, 45), new { reason = "Did not come", rebook = false });
        await Act(app, api, riley, "complete", Mon(10, 50));
        app.App.Clock.Set(Instant.FromUtc(2026, 11, 24, 17, 0)); // Tuesday noon: Monday is past

        await page.GotoAsync("/manage/utilisation");

        var expected = await Json(await api.GetAsync($"/clinics/{clinic.Id}/utilisation"));
        var figures = expected.GetProperty("clinic");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Utilisation");
        await Expect(page.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync(expected.GetProperty("from").GetString()!);
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync(expected.GetProperty("to").GetString()!);
        await Expect(Figure(page, "booked")).ToHaveTextAsync(Percent(figures, "utilisationPercent"));
        await Expect(Figure(page, "actual")).ToHaveTextAsync(Percent(figures, "actualUtilisationPercent"));
        await Expect(Figure(page, "no-show")).ToHaveTextAsync(Percent(figures, "noShowPercent"));
        await Expect(Figure(page, "late-cancel")).ToHaveTextAsync(Percent(figures, "lateCancellationPercent"));
        Assert.Equal("50%", Percent(figures, "noShowPercent")); // one of the two due was a no-show
        var lead = expected.GetProperty("leadTime");
        await Expect(Figure(page, "lead-time")).ToHaveTextAsync($"{lead.GetProperty("daysFull").GetInt32()} days");
        Assert.NotEqual("–", Percent(figures, "actualUtilisationPercent"));

        foreach (var (chart, heading) in new[] { ("weekly", "Weekly utilisation, booked and actual"), ("chairs", "Utilisation per chair"),
                     ("heatmap", "Booked occupancy by weekday and hour"), ("nurses", "Nurse load") })
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
            var container = page.Locator($".chart[data-chart='{chart}']");
            await Expect(container).ToHaveAttributeAsync("role", "img");
            await Expect(container).ToHaveAttributeAsync("aria-label", new Regex("\\w+"));
            await Expect(container.Locator("canvas").First).ToBeVisibleAsync();
        }
        // The per-chair numbers are in a table a screen reader can use.
        var recliner1 = expected.GetProperty("chairs").EnumerateArray().Single(c => c.GetProperty("chair").GetString() == "Recliner 1");
        await Section(page, "Utilisation per chair").GetByText("The numbers").ClickAsync();
        var chairTable = page.GetByRole(AriaRole.Table, new() { Name = "Utilisation per chair" });
        await Expect(chairTable.GetByRole(AriaRole.Row, new() { Name = "Recliner 1" })).ToContainTextAsync(Percent(recliner1, "utilisationPercent"));
        // The nurse load of the week shows Monday's peak.
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Each day's peaks" }).GetByRole(AriaRole.Row, new() { Name = "Mon 23 Nov 2026" })).ToContainTextAsync("09:00");
        await BrowserApp.Screenshot(page, "utilisation");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the weeks (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("chairId,chair,date,week,openMinutes", csv, StringComparison.Ordinal);
        Assert.Contains("2026-11-23", csv, StringComparison.Ordinal);
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task CapacityQuestion_AnswersTheSameCountsPerWeekAsTheApi()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.Manager);
        var clinic = await Clinic(page.APIRequest);
        await BookOne(page.APIRequest, clinic, "Riley Demo", "Bed A", "2026-11-30T09:00", protocol: "Chronic pain");

        await page.GotoAsync("/manage/capacity");
        await Expect(page.Locator(".chart[data-chart='weeks'] canvas").First).ToBeVisibleAsync(); // the forecast
        await Section(page, "Booked forecast").GetByText("The numbers").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Booked utilisation per coming week" }).Locator("tbody tr")).ToHaveCountAsync(8);
        await page.GetByLabel("Protocol").SelectOptionAsync(new SelectOptionValue { Label = clinic.Protocols.Keys.Single(p => p.StartsWith("Chronic pain", StringComparison.Ordinal)) });
        await page.GetByLabel("First week (any day of it)").FillAsync("2026-12-02");
        await page.GetByLabel("Weeks (1 to 12)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Count the series that fit" }).ClickAsync();

        var answer = page.GetByRole(AriaRole.Table, new() { Name = "New series per week, and why the next does not fit" });
        await Expect(answer.Locator("tbody tr")).ToHaveCountAsync(3);
        var expected = await Json(await page.APIRequest.PostAsync($"/clinics/{clinic.Id}/capacity", new()
        {
            DataObject = new { protocolId = clinic.Protocols.Single(p => p.Key.StartsWith("Chronic pain", StringComparison.Ordinal)).Value, weekStart = "2026-12-02", weeks = 3 },
        }));
        foreach (var week in expected.GetProperty("weeks").EnumerateArray())
        {
            var row = answer.Locator($"tr[data-week='{week.GetProperty("weekStart").GetString()}']");
            await Expect(row.Locator("td[data-more]")).ToHaveTextAsync(week.GetProperty("moreSeries").GetInt32().ToString(CultureInfo.InvariantCulture));
            await Expect(row).ToContainTextAsync(week.GetProperty("reason").GetString()!);
        }
        await Expect(page.Locator("[data-figure='total']")).ToHaveTextAsync(expected.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture));
        Assert.True(expected.GetProperty("total").GetInt32() > 0);
        await Expect(page.Locator("#capacity-question .chart canvas").First).ToBeVisibleAsync(); // drawn after htmx put the answer in
        await BrowserApp.Screenshot(page, "capacity");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "the weeks", Exact = true }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("weekStart,weekEnd,moreSeries,stoppedBy,rule,reason", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task WhatIf_WithTwoMoreBeds_ShowsMoreCapacityThanToday_AndABadCountIsShownAtItsField()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.Manager);
        var clinic = await Clinic(page.APIRequest);
        await BookOne(page.APIRequest, clinic, "Riley Demo", "Bed B", "2026-11-30T09:00", protocol: "Chronic pain");

        await page.GotoAsync("/manage/what-if");
        await Expect(page.GetByText("Nothing here is saved.")).ToBeVisibleAsync();
        await page.GetByLabel("More recliners").FillAsync("-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare with today" }).ClickAsync();
        var recliners = page.Locator(".field", new() { Has = page.GetByLabel("More recliners") });
        await Expect(recliners.Locator(".field-error")).ToContainTextAsync("not -2");
        await Expect(page.GetByLabel("More recliners")).ToHaveClassAsync(new Regex("input-validation-error"));

        await page.GetByLabel("More recliners").FillAsync("");
        await page.GetByLabel("More beds").FillAsync("2");
        await page.GetByLabel("New series of").SelectOptionAsync(new SelectOptionValue { Label = clinic.Protocols.Keys.Single(p => p.StartsWith("Chronic pain", StringComparison.Ordinal)) });
        await page.GetByLabel("Weeks of series to count, from this week").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare with today" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today against the what-if" })).ToBeVisibleAsync();
        await Expect(page.Locator(".field-error").Filter(new() { HasText = "not" })).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).ToContainTextAsync("2 more bed(s).");
        var today = int.Parse(await page.Locator("[data-figure='today-total']").InnerTextAsync(), CultureInfo.InvariantCulture);
        var whatIf = int.Parse(await page.Locator("[data-figure='what-if-total']").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(whatIf > today, $"the what-if counts {whatIf} series, today {today}");
        var weeks = page.GetByRole(AriaRole.Table, new() { Name = "Week by week, side by side" });
        await Expect(weeks.Locator("tbody tr")).ToHaveCountAsync(8);
        await Expect(page.Locator("#what-if .chart canvas")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#what-if .chart:not(:has(canvas))")).ToHaveCountAsync(0);
        // Booked sessions still fit with more beds; the live clinic still has two.
        await Expect(page.Locator("[data-figure='conflicts']")).ToHaveTextAsync("0");
        var chairs = await Json(await page.APIRequest.GetAsync($"/clinics/{clinic.Id}/chairs"));
        Assert.Equal(2, chairs.EnumerateArray().Count(c => c.GetProperty("kind").GetString() == "bed"));
        await BrowserApp.Screenshot(page, "what-if");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "the weeks side by side" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("week,todayOpenMinutes,whatIfOpenMinutes", csv, StringComparison.Ordinal);
        Assert.Empty(app.Errors);
    }

    private sealed record SampleIds(string Id, Dictionary<string, string> Chairs, Dictionary<string, string> Protocols, Dictionary<string, string> Patients);

    private static async Task<SampleIds> Clinic(IAPIRequestContext api)
    {
        var id = (await Json(await api.GetAsync("/clinics")))[0].GetProperty("id").GetString()!;
        async Task<Dictionary<string, string>> Names(string path) =>
            (await Json(await api.GetAsync($"/clinics/{id}/{path}"))).EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("id").GetString()!);
        return new SampleIds(id, await Names("chairs"), await Names("protocols"), await Names("patients"));
    }

    /// <summary>Books one session of a series (Depression unless named) on a chosen chair and start; returns the session id.</summary>
    private static async Task<string> BookOne(IAPIRequestContext api, SampleIds clinic, string patient, string chair, string start, string protocol = "Depression")
    {
        var response = await api.PostAsync("/series", new()
        {
            DataObject = new
            {
                patientId = clinic.Patients[patient],
                protocolId = clinic.Protocols.Single(p => p.Key.StartsWith(protocol, StringComparison.Ordinal)).Value,
                sessions = new[] { new { chairId = clinic.Chairs[chair], start } },
            },
        });
        Assert.True(response.Status == 201, await response.TextAsync());
        return (await Json(response)).GetProperty("sessions")[0].GetProperty("id").GetString()!;
    }

    private static async Task Act(BrowserApp app, IAPIRequestContext api, string session, string action, Instant at, object? body = null)
    {
        app.App.Clock.Set(at);
        var response = await api.PostAsync($"/sessions/{session}/{action}", body is null ? null : new() { DataObject = body });
        Assert.True(response.Status == 200, $"{action}: {response.Status} {await response.TextAsync()}");
    }

    private static async Task<JsonElement> Json(IAPIResponse response)
    {
        Assert.True(response.Ok, $"{response.Status} from {response.Url}: {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    private static ILocator Section(IPage page, string heading) =>
        page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }) });

    private static ILocator Figure(IPage page, string name) => page.Locator($"dd[data-figure='{name}']");

    /// <summary>A percentage of the API as the page writes it: one decimal at most, an en dash when null.</summary>
    private static string Percent(JsonElement row, string property) =>
        row.GetProperty(property) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble().ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";
}
