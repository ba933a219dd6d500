using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Browser;

/// <summary>Front desk registers, finds and edits patients and books a series for one, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BookingPageTests(BrowserFixture browser)
{
    private const string Depression = "Depression: 6 x 45 min induction, boosters every 4-6 weeks";
    private const string Extended = "Extended: 5 h infusion, 2 h observation, 3 sessions a week apart";

    [Fact]
    public async Task FrontDesk_CreatesAPatient_AfterTheBadEmailIsShownNextToItsField()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.FrontDesk);

        await page.GotoAsync("/desk/patients");
        await page.GetByRole(AriaRole.Link, new() { Name = "New patient" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New patient");
        await page.GetByLabel("Name").FillAsync("Dana Newcomer");
        await page.GetByLabel("Mobile phone", new() { Exact = true }).FillAsync("+16175550177");
        await page.GetByLabel("E-mail address").FillAsync("dana@");
        await page.GetByLabel("E-mail", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Tuesday").CheckAsync();
        await page.GetByLabel("Not before").FillAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the patient" }).ClickAsync();

        await Expect(page.Locator("[data-valmsg-for='Input.Email']")).ToContainTextAsync("The email address is not valid");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Dana Newcomer");
        await Expect(page.GetByLabel("Tuesday")).ToBeCheckedAsync();
        await BrowserApp.Screenshot(page, "patient-new-refused");
        await page.GetByLabel("E-mail address").FillAsync("dana@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the patient" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dana Newcomer");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dana Newcomer is registered");
        var id = Guid.Parse(PatientUrl().Match(page.Url).Groups[1].Value);
        using var api = await Api(app);
        var patient = await api.GetFromJsonAsync<JsonElement>($"/patients/{id}");
        Assert.Equal("dana@example.org", patient.Str("email"));
        Assert.Equal("+16175550177", patient.Str("phone"));
        Assert.Equal("email", patient.Str("preferredChannel"));
        Assert.Equal(["tuesday"], patient.GetProperty("availability").Items("days").Select(d => d.GetString()));
        Assert.Equal("10:00", patient.GetProperty("availability").Str("earliestStart"));

        // Editing shows the application's refusal next to the field too, and keeps the patient as they were.
        await page.GetByLabel("Name").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the changes" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Name']")).ToHaveTextAsync("Enter the patient's name.");
        Assert.Equal("Dana Newcomer", (await api.GetFromJsonAsync<JsonElement>($"/patients/{id}")).Str("name"));
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task PatientSearch_FindsThePatientByPartOfTheName_WhileTyping_AndWithThePlainForm()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.FrontDesk);

        await page.GotoAsync("/desk/patients");
        var results = page.Locator("#patient-results");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Avery Sample", Exact = true })).ToBeVisibleAsync();
        await BrowserApp.Screenshot(page, "patients");
        await page.GetByLabel("Search patients").PressSequentiallyAsync("testc");

        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Avery Sample", Exact = true })).ToHaveCountAsync(0);
        await Expect(results.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(page).ToHaveURLAsync(new Regex("/desk/patients$"));
        await results.GetByRole(AriaRole.Link, new() { Name = "Morgan Testcase", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Morgan Testcase");

        await page.GotoAsync("/desk/patients?q=plac");
        await Expect(page.GetByLabel("Search patients")).ToHaveValueAsync("plac");
        await Expect(page.Locator("#patient-results").GetByRole(AriaRole.Link, new() { Name = "Casey Placeholder", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#patient-results tbody tr")).ToHaveCountAsync(1);
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task BookingASeries_ShowsRankedProposalsWithReasons_BooksTheFirst_AndLandsOnThePatientPage()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.FrontDesk);

        await page.GotoAsync("/desk/patients?q=avery");
        await page.GetByRole(AriaRole.Link, new() { Name = "Avery Sample", Exact = true }).ClickAsync();
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Book a series" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Book a series");
        // The patient's own preferences are filled in (Mon, Wed, Fri, 09:00–15:00).
        await Expect(page.GetByLabel("Monday")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Tuesday")).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("Not before")).ToHaveValueAsync("09:00");
        await page.GetByLabel("Protocol").SelectOptionAsync(new SelectOptionValue { Label = Depression });
        await page.GetByRole(AriaRole.Button, new() { Name = "Find times" }).ClickAsync();

        var options = page.GetByRole(AriaRole.Article);
        await Expect(options.First.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("Option 1: from");
        Assert.True(await options.CountAsync() > 1, "more than one proposal is offered, ranked");
        await Expect(options.First.GetByRole(AriaRole.List, new() { Name = "Why option 1" }).GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        var shown = await options.First.Locator("tbody tr").AllInnerTextsAsync();
        Assert.Equal(9, shown.Count); // 6 induction sessions and the 3 boosters planned ahead for open-ended maintenance
        await BrowserApp.Screenshot(page, "book-proposals");

        await options.First.GetByRole(AriaRole.Button, new() { Name = "Book this one" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(PatientUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Avery Sample");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked 9 sessions of Depression");
        var upcoming = page.GetByRole(AriaRole.Table, new() { Name = "Upcoming sessions" });
        await Expect(upcoming.Locator("tbody tr")).ToHaveCountAsync(9);
        await Expect(upcoming.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new Regex("^/desk/sessions/[0-9a-f-]{36}$"));
        await BrowserApp.Screenshot(page, "patient");

        var patientId = Guid.Parse(PatientUrl().Match(page.Url).Groups[1].Value);
        using var api = await Api(app);
        var series = (await api.GetFromJsonAsync<JsonElement>($"/patients/{patientId}/series")).Items();
        var booked = Assert.Single(series).Items("sessions");
        Assert.Equal(9, booked.Count);
        Assert.All(booked, s => Assert.Equal("booked", s.Str("status")));
        // The sessions booked are the ones the proposal showed (date and clinic time of the first).
        var first = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(booked[0].Str("start")).Value.LocalDateTime;
        Assert.Contains(Scheduler.Web.Pages.Shared.Show.Date(first.Date), shown[0], StringComparison.Ordinal);
        Assert.Contains(Scheduler.Web.Pages.Shared.Show.Time(first.TimeOfDay), shown[0], StringComparison.Ordinal);
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task Booking_WhenNothingFits_ShowsThePlannersExplanationInWords()
    {
        await using var app = await BrowserApp.Start(browser);
        var page = await app.SignIn(BrowserApp.FrontDesk);

        await page.GotoAsync("/desk/book");
        await page.GetByLabel("Find the patient").PressSequentiallyAsync("quinn");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book for Quinn Fictional" }).ClickAsync();
        await page.GetByLabel("Protocol").SelectOptionAsync(new SelectOptionValue { Label = Extended });
        // The clinic is closed on Christmas Eve and Christmas Day, and the first session must fall on one of them.
        await page.GetByLabel("First session on or after").FillAsync("2026-12-24");
        await page.GetByLabel("First session within (days)").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find times" }).ClickAsync();

        var alert = page.Locator(".nothing-fits");
        await Expect(alert.GetByRole(AriaRole.Heading, new() { Name = "Nothing fits" })).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync("Session 1 of 3: the clinic is closed between Thu 24 Dec 2026 and Fri 25 Dec 2026");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Book this one" })).ToHaveCountAsync(0);
        await BrowserApp.Screenshot(page, "book-nothing-fits");

        // A first date the planner refuses is named next to its field.
        await page.GetByLabel("First session on or after").FillAsync("2026-11-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find times" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Earliest']")).ToContainTextAsync("is in the past");
        Assert.Empty(app.Errors);
    }

    [Fact]
    public async Task Booking_WhenTheBookChangedMeanwhile_SaysSoAndShowsFreshProposals()
    {
        await using var app = await BrowserApp.Start(browser);
        using var api = await Api(app);
        var sample = await SampleClinic.Load(api);
        var quinn = sample.Patients["Quinn Fictional"];
        var page = await app.SignIn(BrowserApp.FrontDesk);

        await page.GotoAsync($"/desk/book?patient={quinn}");
        await page.GetByLabel("Protocol").SelectOptionAsync(new SelectOptionValue { Label = Depression });
        await page.GetByRole(AriaRole.Button, new() { Name = "Find times" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Article).First).ToBeVisibleAsync();
        // Meanwhile someone else books Riley into the first session of the first proposal.
        var proposal = (await (await api.Post("/series/proposals", new { patientId = quinn, protocolId = sample.Depression }))
            .Expect(System.Net.HttpStatusCode.OK)).Items("proposals")[0].Items("sessions")[0];
        await (await api.Post("/series", new
        {
            patientId = sample.Patients["Riley Demo"],
            protocolId = sample.Depression,
            sessions = new[] { new { chairId = proposal.GetProperty("chairId").GetGuid(), start = proposal.Str("start") } },
        })).Expect(System.Net.HttpStatusCode.Created);

        await page.GetByRole(AriaRole.Article).First.GetByRole(AriaRole.Button, new() { Name = "Book this one" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The book changed while you were choosing" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Article).First.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("Option 1");
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>($"/patients/{quinn}/series")).Items());
        Assert.Empty(app.Errors);
    }

    /// <summary>An API client signed in with a bearer token as the front desk (the browser app signs in for real).</summary>
    private static Task<HttpClient> Api(BrowserApp app) => app.Api(BrowserApp.FrontDesk);

    [GeneratedRegex("/desk/patients/([0-9a-f-]{36})$")]
    private static partial Regex PatientUrl();
}
