using System.Net;
using NodaTime;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// GET /clinics/{id}/utilisation, /nurse-load and /forecast on the sample clinic (8 chairs, open
/// Tuesday 07:30–19:00: 690 minutes a chair, 5,520 for the clinic), with sessions run through their
/// lifecycle by the test clock, and every table as CSV.
/// </summary>
public sealed class UtilisationApiTests
{
    private const string Tuesday = "2026-11-24";
    private const string Wednesday = "2026-11-25";

    /// <summary>A clinic wall-clock time on Tuesday 24 Nov 2026 (EST, UTC-5).</summary>
    private static Instant Tue(int hour, int minute = 0) => Instant.FromUtc(2026, 11, 24, 5, 0) + Duration.FromHours(hour) + Duration.FromMinutes(minute);

    /// <summary>
    /// Tuesday: Riley 09:00 on Recliner 1, run 09:05–09:50 infusing, 09:50–10:50 observing; Quinn
    /// 10:00 on Recliner 2, a no-show; a third patient 11:00 on Recliner 3, cancelled by the patient at
    /// 09:30 (late). Wednesday: a fourth patient at 09:00, cancelled on Tuesday evening by the clinic
    /// closing the day (late, but not the patient's doing).
    /// </summary>
    private static async Task<Scenario> BookAndRunTuesday()
    {
        var s = await Scenario.Start();
        var riley = (await s.BookOne(s.Riley, s.Recliner(1), $"{Tuesday}T09:00")).Id();
        var quinn = (await s.BookOne(s.Quinn, s.Recliner(2), $"{Tuesday}T10:00")).Id();
        var late = (await s.BookOne(await s.CreatePatient("Late Canceller"), s.Recliner(3), $"{Tuesday}T11:00")).Id();
        await s.BookOne(await s.CreatePatient("Snowed In"), s.Recliner(1), $"{Wednesday}T09:00");

        async Task Act(Guid session, string action, Instant at, object? body = null)
        {
            s.App.Clock.Set(at);
            await (await (body is null ? s.Client.PostEmpty($"/sessions/{session}/{action}") : s.Client.Post($"/sessions/{session}/{action}", body)))
                .Expect(HttpStatusCode.OK);
        }

        await Act(riley, "check-in", Tue(8, 55));
        await Act(riley, "start-infusion", Tue(9, 5));
        await Act(late, "cancel", Tue(9, 30), new { reason = "Feeling unwell", rebook = false });
        await Act(riley, "start-observation", Tue(9, 50));
        await Act(quinn, "no-show", Tue(10, 45), new { reason = "Did not come", rebook = false });
        await Act(riley, "complete", Tue(10, 50));
        s.App.Clock.Set(Tue(20));
        await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/closures", new { date = Wednesday, reason = "Snow" })).Expect(HttpStatusCode.OK);
        await s.WaitForRebooking();
        s.App.Clock.Set(Instant.FromUtc(2026, 11, 26, 17, 0)); // Thursday noon: both days are past
        return s;
    }

    [Fact]
    public async Task Utilisation_OfPastDays_PutsBookedAndActualSideBySide_WithAttendance()
    {
        await using var s = await BookAndRunTuesday();

        var report = await s.Client.Get($"/clinics/{s.Sample.ClinicId}/utilisation?from={Tuesday}&to={Wednesday}");

        var tuesday = report.Items("days").Single(d => d.Str("date") == Tuesday);
        // Booked: Riley and Quinn's no-show, 2 x (45 + 60 + 15) = 240 of 5,520 chair-minutes.
        Assert.Equal(5520, tuesday.GetProperty("openMinutes").GetDouble());
        Assert.Equal(90, tuesday.GetProperty("infusionMinutes").GetDouble());
        Assert.Equal(120, tuesday.GetProperty("observationMinutes").GetDouble());
        Assert.Equal(30, tuesday.GetProperty("turnoverMinutes").GetDouble());
        Assert.Equal(4.3, tuesday.GetProperty("utilisationPercent").GetDouble());
        Assert.Equal(2, tuesday.GetProperty("sessions").GetInt32());
        // Actual: Riley's 45 + 60 minutes and the turnover after: 120 of 5,520.
        Assert.Equal(45, tuesday.GetProperty("actualInfusionMinutes").GetDouble());
        Assert.Equal(60, tuesday.GetProperty("actualObservationMinutes").GetDouble());
        Assert.Equal(2.2, tuesday.GetProperty("actualUtilisationPercent").GetDouble());
        // Due: Riley, Quinn and the late cancel; the clinic's own closure is not the patient's late cancel.
        var clinic = report.GetProperty("clinic");
        Assert.Equal(3, clinic.GetProperty("due").GetInt32());
        Assert.Equal(1, clinic.GetProperty("noShows").GetInt32());
        Assert.Equal(1, clinic.GetProperty("lateCancellations").GetInt32());
        Assert.Equal(33.3, clinic.GetProperty("noShowPercent").GetDouble());
        Assert.Equal(33.3, clinic.GetProperty("lateCancellationPercent").GetDouble());
        var wednesday = report.Items("days").Single(d => d.Str("date") == Wednesday);
        Assert.Equal(0, wednesday.GetProperty("openMinutes").GetDouble()); // closed for snow

        var recliner1 = report.Items("chairs").Single(c => c.Str("chair") == "Recliner 1");
        Assert.Equal(17.4, recliner1.GetProperty("utilisationPercent").GetDouble()); // 120 of 690
        Assert.Equal(17.4, recliner1.GetProperty("actualUtilisationPercent").GetDouble());
        Assert.Equal(8, report.Items("chairs").Count);
        Assert.Equal(JsonValueKindNull, report.GetProperty("chairDays").ValueKind);
        Assert.Equal("2026-11-23", report.Items("weeks").Single().Str("week"));
        var nine = report.Items("heatmap").Single(h => h.Str("weekday") == "tuesday" && h.GetProperty("hour").GetInt32() == 9);
        Assert.Equal(480, nine.GetProperty("openMinutes").GetDouble());
        Assert.Equal(60, nine.GetProperty("occupiedMinutes").GetDouble());
        var peaks = report.Items("nursePeaks").Single(p => p.Str("date") == Tuesday);
        Assert.Equal(1, peaks.GetProperty("mostSetups").GetInt32());
        Assert.Equal("09:00", peaks.Str("mostSetupsAt"));
        Assert.Equal(2, peaks.GetProperty("mostInCare").GetInt32()); // Riley observing while Quinn's infusion was booked
        Assert.Equal("10:00", peaks.Str("mostInCareAt"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Utilisation_AsCsv_DownloadsEachTableWithAHeaderRow()
    {
        await using var s = await BookAndRunTuesday();
        var path = $"/clinics/{s.Sample.ClinicId}/utilisation?from={Tuesday}&to={Wednesday}&format=csv";

        var chairs = await Lines(s, path + "&table=chairs");
        var chairDays = await Lines(s, path);
        var heatmap = await Lines(s, path + "&table=heatmap");
        var forecast = await Lines(s, $"/clinics/{s.Sample.ClinicId}/forecast?weeks=3&format=csv");
        var slots = await Lines(s, $"/clinics/{s.Sample.ClinicId}/nurse-load?from={Tuesday}&to={Tuesday}&format=csv");

        Assert.StartsWith("chairId,chair,date,week,openMinutes,infusionMinutes,observationMinutes,turnoverMinutes,idleMinutes,utilisationPercent,sessions,", chairs[0]);
        Assert.Equal(9, chairs.Length); // header + 8 chairs
        var recliner1 = chairs.Single(l => l.Contains(",Recliner 1,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("690", recliner1[4]); // Tuesday; Wednesday was closed
        Assert.Equal(1 + 8 * 2, chairDays.Length);
        Assert.Equal("weekday,hour,openMinutes,occupiedMinutes,occupancyPercent", heatmap[0]);
        Assert.Contains("tuesday,9,480,60,12.5", heatmap);
        Assert.Equal(1 + 3, forecast.Length);
        Assert.Equal(1 + 46, slots.Length); // 07:30 to 19:00 in 15-minute slots
        Assert.Contains(slots, l => l.StartsWith("2026-11-24T09:00,1,1,1,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Capacity_AsCsv_DownloadsItsWeeksAndTheSessionsOfTheSeriesCounted()
    {
        await using var s = await Scenario.Start();
        var body = new { protocolId = s.Sample.ChronicPain, weekStart = "2026-12-07", weeks = 2 };

        var weeks = await Post(s, $"/clinics/{s.Sample.ClinicId}/capacity?format=csv", body);
        var sessions = await Post(s, $"/clinics/{s.Sample.ClinicId}/capacity?format=csv&table=sessions", body);
        var json = await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/capacity", body)).Expect(HttpStatusCode.OK);

        Assert.Equal("weekStart,weekEnd,moreSeries,stoppedBy,rule,reason", weeks[0]);
        Assert.Equal(3, weeks.Length);
        Assert.StartsWith("2026-12-07,2026-12-13,", weeks[1], StringComparison.Ordinal);
        Assert.Equal("week,series,ordinal,phase,chairId,chair,start,infusionEnd,observationEnd,turnoverEnd", sessions[0]);
        var counted = json.GetProperty("total").GetInt32();
        Assert.True(counted > 0);
        Assert.Equal(counted * json.GetProperty("sessionsPerSeries").GetInt32(), sessions.Length - 1);
    }

    private static async Task<string[]> Post(Scenario s, string path, object body)
    {
        var response = await s.Client.PostAsync(Api.Path(path), System.Net.Http.Json.JsonContent.Create(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<string[]> Lines(Scenario s, string path)
    {
        var response = await s.Client.GetAsync(Api.Path(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Forecast_AndNurseLoad_CoverTheComingWeeksAndTheSlotsOfADay()
    {
        await using var s = await Scenario.Start();
        await s.BookOne(s.Riley, s.Recliner(1), $"{Tuesday}T09:00");
        await s.BookOne(s.Quinn, s.Recliner(2), $"{Tuesday}T09:00");

        var forecast = await s.Client.Get($"/clinics/{s.Sample.ClinicId}/forecast?weeks=2");
        var load = await s.Client.Get($"/clinics/{s.Sample.ClinicId}/nurse-load?from={Tuesday}&to={Tuesday}");

        Assert.Equal(["2026-11-23", "2026-11-30"], forecast.Items("weeks").Select(w => w.Str("week")));
        Assert.Equal(2, forecast.Items("weeks")[0].GetProperty("sessions").GetInt32());
        Assert.Equal(0, forecast.GetProperty("leadTime").GetProperty("daysFull").GetInt32()); // today has room
        var nine = load.Items("slots").Single(x => x.Str("start") == "2026-11-24T09:00");
        Assert.Equal(2, nine.GetProperty("starts").GetInt32());
        Assert.Equal(2, nine.GetProperty("setupsRunning").GetInt32());
        Assert.Equal(2, nine.GetProperty("startLimit").GetInt32()); // two nurses on the morning shift
        Assert.True(nine.GetProperty("atStartLimit").GetBoolean());
        Assert.True(nine.GetProperty("peak").GetBoolean());
        Assert.Equal(8, nine.GetProperty("careLimit").GetInt32()); // 2 nurses x 4 patients
    }

    [Theory]
    [InlineData("/utilisation?from=yesterday", "from")]
    [InlineData("/utilisation?from=2026-12-10&to=2026-12-01", "to")]
    [InlineData("/utilisation?from=2026-01-01&to=2027-12-31", "to")]
    [InlineData("/utilisation?format=xml", "format")]
    [InlineData("/utilisation?format=csv&table=patients", "table")]
    [InlineData("/nurse-load?from=2026-11-01&to=2027-02-01", "to")]
    [InlineData("/forecast?weeks=0", "weeks")]
    [InlineData("/forecast?weeks=53", "weeks")]
    public async Task BadInput_IsA400NamingTheField(string path, string field)
    {
        await using var s = await Scenario.Start();

        var problem = await (await s.Client.GetAsync(Api.Path($"/clinics/{s.Sample.ClinicId}{path}"))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem.ErrorFields().Concat([problem.Detail()]).Select(x => x.ToLowerInvariant()).Aggregate((a, b) => a + " " + b), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownClinic_Is404()
    {
        await using var s = await Scenario.Start();

        await (await s.Client.GetAsync(Api.Path($"/clinics/{Guid.NewGuid()}/utilisation"))).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.GetAsync(Api.Path($"/clinics/{Guid.NewGuid()}/forecast"))).ExpectProblem(HttpStatusCode.NotFound);
    }
}
