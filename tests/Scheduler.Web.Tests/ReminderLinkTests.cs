using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// The link in a sent reminder, followed as a patient (or a link scanner) would: opening it shows
/// the session and changes nothing; its forms confirm or cancel, in the patient's name.
/// </summary>
public sealed partial class ReminderLinkTests
{
    [Fact]
    public async Task Get_ShowsDateAndTimeUnderTheSenderName_AndChangesNothing()
    {
        await using var s = await Scenario.Start();
        var (session, path) = await Reminded(s);
        var before = await State(s, session);

        using var page = await s.Client.GetAsync(Api.Path(path));
        var html = await page.Content.ReadAsStringAsync();
        using var again = await s.Client.GetAsync(Api.Path(path));
        var json = await Read(s, HttpMethod.Get, path, "application/json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Tue 8 Dec", html, StringComparison.Ordinal);
        Assert.Contains("10:00 AM", html, StringComparison.Ordinal);
        Assert.Contains("Clinic reminders", html, StringComparison.Ordinal);
        Assert.Contains("method=\"post\"", html, StringComparison.Ordinal);
        foreach (var revealing in new[] { "Riverside", "Infusion Center", "Depression", "ketamine", "Riley" })
            Assert.DoesNotContain(revealing, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("canConfirm").GetBoolean());
        Assert.Equal("booked", json.Str("status"));
        Assert.Equal(before, await State(s, session));
    }

    [Fact]
    public async Task PostConfirm_ConfirmsTheSession_InThePatientsName_AndTwiceIsFine()
    {
        await using var s = await Scenario.Start();
        var (session, path) = await Reminded(s);

        // As a browser submits the form.
        using var form = new HttpRequestMessage(HttpMethod.Post, Api.Path(path + "/confirm")) { Content = new FormUrlEncodedContent([]) };
        form.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var confirmed = await s.Client.SendAsync(form);
        var html = await confirmed.Content.ReadAsStringAsync();
        var twice = await Read(s, HttpMethod.Post, path + "/confirm", "application/json");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("your appointment is confirmed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/confirm\"", html, StringComparison.Ordinal);
        Assert.Equal("confirmed", (await s.Session(session)).Str("status"));
        Assert.Equal("confirmed", twice.Str("status"));
        Assert.Contains("already confirmed", twice.Str("message"), StringComparison.Ordinal);
        var byPatient = (await s.Client.Get($"/audit/{session}")).Items().Where(a => a.Str("actor") == "patient (reminder link)").ToList();
        Assert.Equal("confirm", Assert.Single(byPatient).Str("action"));
    }

    [Fact]
    public async Task PostCancel_CancelsTheSession_AndSuppressesItsRemainingReminders()
    {
        await using var s = await Scenario.Start();
        var (session, path) = await Reminded(s);

        var cancelled = await Read(s, HttpMethod.Post, path + "/cancel", "application/json");

        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.False(cancelled.GetProperty("canConfirm").GetBoolean());
        Assert.Equal("cancelled", (await s.Session(session)).Str("status"));
        var rest = (await Messages(s, session)).Where(m => m.Str("kind") != "confirm").ToList();
        Assert.NotEmpty(rest);
        Assert.All(rest, m => Assert.Equal(("suppressed", "sessionCancelled"), (m.Str("status"), m.Str("reason"))));
        var audit = (await s.Client.Get($"/audit/{session}")).Items().Single(a => a.Str("action") == "cancel");
        Assert.Equal("patient (reminder link)", audit.Str("actor"));
        var sentBefore = (await Messages(s, session)).Count(m => m.Str("status") == "sent");
        await s.App.DispatchReminders();
        // Nothing more of the cancelled session goes out (the rebooking job's offer of a new time is another session's message).
        Assert.Equal(sentBefore, (await Messages(s, session)).Count(m => m.Str("status") == "sent"));
    }

    [Fact]
    public async Task Token_WithOneCharacterChanged_IsNotFound_AndChangesNothing()
    {
        await using var s = await Scenario.Start();
        var (session, path) = await Reminded(s);
        var before = await State(s, session);
        var forged = path[..^1] + (path[^1] == 'A' ? 'B' : 'A');

        var get = await (await s.Client.GetAsync(Api.Path(forged))).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.PostEmpty(forged + "/confirm")).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.PostEmpty(forged + "/cancel")).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.GetAsync(Api.Path("/r/short"))).ExpectProblem(HttpStatusCode.NotFound);
        using var browser = new HttpRequestMessage(HttpMethod.Get, Api.Path(forged));
        browser.Headers.Accept.ParseAdd("text/html");
        using var page = await s.Client.SendAsync(browser);

        Assert.StartsWith("This link is not valid", get.Detail(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This link is not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await State(s, session));
    }

    [Fact]
    public async Task Link_AfterTheSessionStarted_IsRefused()
    {
        await using var s = await Scenario.Start();
        var (session, path) = await Reminded(s);
        s.App.Clock.Set(At("2026-12-08T15:05:00Z")); // 10:05 in New York

        var confirm = await (await s.Client.PostEmpty(path + "/confirm")).ExpectProblem(HttpStatusCode.Conflict, "inThePast");
        await (await s.Client.PostEmpty(path + "/cancel")).ExpectProblem(HttpStatusCode.Conflict, "inThePast");
        var view = await Read(s, HttpMethod.Get, path, "application/json");

        Assert.Contains("already started", confirm.Detail(), StringComparison.Ordinal);
        Assert.False(view.GetProperty("canConfirm").GetBoolean());
        Assert.False(view.GetProperty("canCancel").GetBoolean());
        Assert.Equal("booked", (await s.Session(session)).Str("status"));
    }

    /// <summary>Books Riley (email only) on Tue 8 Dec 10:00, sends the 3-day reminder and returns the session and its link's path.</summary>
    private static async Task<(Guid Session, string Path)> Reminded(Scenario s)
    {
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        s.App.Clock.Set(At("2026-12-05T15:00:00Z"));
        Assert.Equal(1, (await s.App.DispatchReminders()).Sent);
        var body = (await Messages(s, session)).Single(m => m.Str("status") == "sent").Str("body");
        return (session, Link().Match(body).Groups[1].Value);
    }

    private static async Task<JsonElement> Read(Scenario s, HttpMethod method, string path, string accept)
    {
        using var request = new HttpRequestMessage(method, Api.Path(path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await s.Client.SendAsync(request);
        return await response.Expect(HttpStatusCode.OK);
    }

    /// <summary>Everything a link could change: the session, its reminders, its audit trail.</summary>
    private static async Task<string> State(Scenario s, Guid session) =>
        (await s.Session(session)).GetRawText() + (await s.Client.Get($"/sessions/{session}/messages")).GetRawText()
        + (await s.Client.Get($"/audit/{session}")).GetRawText();

    [GeneratedRegex(@"http://localhost:5080(/r/[A-Za-z0-9_-]{16})(?![A-Za-z0-9_-])")]
    private static partial Regex Link();
}
