using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// What the patient's link adds to confirm and cancel: the upcoming sessions with their preparation,
/// asking for another time (the session stays booked, the front desk gets the request) and the
/// calendar file. Over HTTP as a program uses it; the page itself is tested in a browser.
/// </summary>
public sealed partial class PatientLinkTests
{
    [Fact]
    public async Task View_ListsThisAndTheOtherUpcomingSessions_WithTheProtocolsPreparation()
    {
        await using var s = await Scenario.Start();
        var (first, _, path) = await Reminded(s);

        var view = await Json(s, HttpMethod.Get, path);

        var sessions = view.Items("sessions");
        Assert.Equal(2, sessions.Count);
        Assert.True(sessions[0].GetProperty("thisLink").GetBoolean());
        Assert.Equal(("Tue 8 Dec", "10:00 AM", "11:45 AM"), (sessions[0].Str("date"), sessions[0].Str("time"), sessions[0].Str("ends")));
        Assert.Equal(("Thu 10 Dec", "2026-12-10T10:00:00-05:00"), (sessions[1].Str("date"), sessions[1].Str("start")));
        Assert.Equal(105, sessions[0].GetProperty("visitMinutes").GetInt32());
        Assert.Contains("Bring a driver", sessions[0].Str("preparation"), StringComparison.Ordinal);
        Assert.False(sessions[0].GetProperty("generalPreparation").GetBoolean());
        Assert.True(view.GetProperty("canAskForAnotherTime").GetBoolean());
        Assert.Equal("booked", (await s.Session(first)).Str("status"));
    }

    [Fact]
    public async Task AnotherTime_KeepsTheSessionBooked_PutsTheRequestInTheFrontDeskQueue_AndMovingTheSessionClosesIt()
    {
        await using var s = await Scenario.Start();
        var (session, _, path) = await Reminded(s);

        var asked = await Json(s, HttpMethod.Post, path + "/another-time", new { note = "Tuesday or Thursday afternoons, please" });
        var again = await Json(s, HttpMethod.Post, path + "/another-time", new { note = "Mornings" });

        Assert.Equal("booked", asked.Str("status"));
        Assert.Contains("clinic will contact you", asked.Str("message"), StringComparison.Ordinal);
        Assert.False(asked.GetProperty("canAskForAnotherTime").GetBoolean());
        Assert.Contains("You asked for another time", asked.Str("anotherTimeAsked"), StringComparison.Ordinal);
        Assert.Contains("already asked", again.Str("message"), StringComparison.Ordinal);
        Assert.Equal("booked", (await s.Session(session)).Str("status"));
        var queue = await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking?status=frontDesk");
        var request = Assert.Single(queue.Items());
        Assert.Equal(session, request.GetProperty("sessionId").GetGuid());
        Assert.Equal("patientAskedToMove", request.Str("trigger"));
        Assert.Contains("Tuesday or Thursday afternoons, please", request.Str("frontDeskReason"), StringComparison.Ordinal);
        Assert.Contains("stays booked", request.Str("frontDeskReason"), StringComparison.Ordinal);
        Assert.Empty((await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking?status=pending")).Items());

        // The front desk resolves it by giving a time: the session itself moves there.
        var resolved = await (await s.Client.Post($"/rebooking/{request.Id()}/resolve", new { note = "Called the patient", start = "2026-12-08T14:00" }))
            .Expect(HttpStatusCode.OK);

        Assert.Equal("resolved", resolved.Str("status"));
        Assert.Contains("moved to", resolved.Str("resolution"), StringComparison.Ordinal);
        Assert.Equal("2026-12-08T14:00:00-05:00", (await s.Session(session)).Str("start"));
        Assert.Empty((await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking?status=frontDesk")).Items());
    }

    [Fact]
    public async Task AnotherTime_CancellingTheSessionClosesTheRequest_AndOpensTheUsualRebooking()
    {
        await using var s = await Scenario.Start();
        var (session, _, path) = await Reminded(s);
        await Json(s, HttpMethod.Post, path + "/another-time");

        await Json(s, HttpMethod.Post, path + "/cancel");

        var cases = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking")).Items();
        var request = cases.Single(c => c.Str("trigger") == "patientAskedToMove");
        Assert.Equal("resolved", request.Str("status"));
        Assert.Contains("cancelled", request.Str("resolution"), StringComparison.Ordinal);
        Assert.Contains(cases, c => c.Str("trigger") == "patientCancelled" && c.GetProperty("sessionId").GetGuid() == session);
    }

    [Theory]
    [InlineData("closure")]
    [InlineData("outage")]
    [InlineData("series")]
    public async Task AnotherTime_TheSessionCancelledByTheClinicOrWithItsSeries_ClosesTheRequest(string how)
    {
        await using var s = await Scenario.Start();
        var (session, _, path) = await Reminded(s);
        await Json(s, HttpMethod.Post, path + "/another-time", new { note = "Wednesday mornings suit me better" });
        var seriesId = (await s.Client.Get($"/sessions/{session}")).Str("seriesId");

        var done = how switch
        {
            "closure" => await s.Client.Post($"/clinics/{s.Sample.ClinicId}/closures", new { date = "2026-12-08", reason = "Snow" }),
            "outage" => await s.Client.Post($"/chairs/{s.Recliner(1)}/out-of-service", new { start = "2026-12-08T08:00", end = "2026-12-08T18:00", reason = "Pump repair" }),
            _ => await s.Client.Post($"/series/{seriesId}/cancel", new { reason = "Patient moved away" }),
        };
        await done.Expect(HttpStatusCode.OK);

        var request = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking")).Items().Single(c => c.Str("trigger") == "patientAskedToMove");
        Assert.Equal("resolved", request.Str("status"));
        Assert.Contains("cancelled", request.Str("resolution"), StringComparison.Ordinal);
        Assert.Equal("cancelled", (await s.Client.Get($"/sessions/{session}")).Str("status"));
    }

    [Fact]
    public async Task AnotherTime_WithATooLongNote_IsBadInput_AndWritesNothing()
    {
        await using var s = await Scenario.Start();
        var (_, _, path) = await Reminded(s);

        using var request = new HttpRequestMessage(HttpMethod.Post, Api.Path(path + "/another-time")) { Content = JsonContent.Create(new { note = new string('x', 301) }) };
        var problem = await (await s.Client.SendAsync(request)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains("300", problem.Detail(), StringComparison.Ordinal);
        Assert.Empty((await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking")).Items());
    }

    [Fact]
    public async Task Calendar_IsAnIcsDownload_OfTheUpcomingSessions_InUtc_WithThePreparation_AndChangesNothing()
    {
        await using var s = await Scenario.Start();
        var (first, second, path) = await Reminded(s);

        using var response = await s.Client.GetAsync(Api.Path(path + "/calendar.ics"));
        var ics = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("appointments.ics", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(ics, "BEGIN:VEVENT"));
        Assert.Contains($"UID:{first:N}@infusion-scheduler\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:{second:N}@infusion-scheduler\r\n", ics, StringComparison.Ordinal);
        // 10:00 EST is 15:00 UTC; the visit ends when the hour of observation does.
        Assert.Contains("DTSTART:20261208T150000Z\r\nDTEND:20261208T164500Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("Bring a driver", ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Depression", ics, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("booked", (await s.Session(first)).Str("status"));

        var forged = await s.Client.GetAsync(Api.Path(path[..^1] + (path[^1] == 'A' ? 'B' : 'A') + "/calendar.ics"));
        await forged.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Protocol_Preparation_IsSavedAndReadBack_AndTooLongIsRefused()
    {
        await using var s = await Scenario.Start();
        var body = new
        {
            name = "Prepared",
            chairKind = "recliner",
            infusionMinutes = 45,
            observationMinutes = 60,
            induction = new { count = 1, minGapDays = 1, maxGapDays = 1 },
            preparation = "Fast for 4 hours.\r\nBring a driver.",
        };

        var created = await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/protocols", body)).Expect(HttpStatusCode.Created);
        var tooLong = await s.Client.Put($"/protocols/{created.Id()}", body with { preparation = new string('x', 2001) });
        var read = await s.Client.Get($"/protocols/{created.Id()}");

        Assert.Equal("Fast for 4 hours.\nBring a driver.", read.Str("preparation"));
        var problem = await tooLong.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("2000", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("Bring a driver", (await s.Client.Get($"/protocols/{s.Sample.Depression}")).Str("preparation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protocol_Preparation_NamingTheTreatment_IsRefusedLikeAnyMessage_AndNothingIsSaved()
    {
        await using var s = await Scenario.Start();
        var before = (await s.Client.Get($"/protocols/{s.Sample.Depression}")).Str("preparation");
        var body = new
        {
            name = "Depression",
            chairKind = "recliner",
            infusionMinutes = 45,
            observationMinutes = 60,
            induction = new { count = 6, minGapDays = 2, maxGapDays = 4 },
            preparation = "No food for 4 hours before your ketamine infusion.",
        };

        var created = await s.Client.Post($"/clinics/{s.Sample.ClinicId}/protocols", body);
        var updated = await s.Client.Put($"/protocols/{s.Sample.Depression}", body);

        foreach (var response in new[] { created, updated })
        {
            var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
            Assert.Contains("ketamine", problem.Detail(), StringComparison.Ordinal);
            Assert.True(problem.GetProperty("errors").TryGetProperty("preparation", out _));
        }
        Assert.Equal(before, (await s.Client.Get($"/protocols/{s.Sample.Depression}")).Str("preparation"));
    }

    /// <summary>Books Riley on Tue 8 and Thu 10 Dec 10:00, sends the 3-day reminder of the first, and returns both sessions and the link's path.</summary>
    internal static async Task<(Guid First, Guid Second, string Path)> Reminded(Scenario s)
    {
        var series = await s.Book(s.Riley, s.Sample.Depression, new Choice(s.Recliner(1), "2026-12-08T10:00"), new Choice(s.Recliner(1), "2026-12-10T10:00"));
        var sessions = series.Items("sessions");
        var first = sessions[0].Id();
        s.App.Clock.Set(At("2026-12-05T15:00:00Z"));
        Assert.Equal(1, (await s.App.DispatchReminders()).Sent);
        var body = (await Messages(s, first)).Single(m => m.Str("status") == "sent").Str("body");
        return (first, sessions[1].Id(), Link().Match(body).Groups[1].Value);
    }

    private static async Task<JsonElement> Json(Scenario s, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, Api.Path(path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await s.Client.SendAsync(request);
        return await response.Expect(HttpStatusCode.OK);
    }

    [GeneratedRegex(@"http://localhost:5080(/r/[A-Za-z0-9_-]{16})(?![A-Za-z0-9_-])")]
    internal static partial Regex Link();
}
