using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// POST /clinics/{id}/what-if on the sample clinic (6 recliners open 07:30–19:00 Monday to Friday,
/// 08:00–14:00 Saturday; 2 beds): today's setup and the what-if answer the same questions side by
/// side, and the live database is byte-for-byte the same afterwards.
/// </summary>
public sealed class WhatIfTests
{
    private const string Week = "2026-12-07";

    /// <summary>The sample clinic with a few depression sessions in the week of 7 Dec 2026.</summary>
    private static async Task<Scenario> WithSomeBookings()
    {
        var s = await Scenario.Start();
        await s.BookOne(s.Riley, s.Recliner(1), "2026-12-07T09:00");
        await s.BookOne(s.Quinn, s.Recliner(6), "2026-12-08T17:00");
        await s.BookOne(await s.CreatePatient("Saturday Patient"), s.Recliner(2), "2026-12-12T12:00");
        return s;
    }

    private static object Capacity(Scenario s) => new { protocolId = s.Sample.Depression, weekStart = Week, weeks = 1 };

    [Fact]
    public async Task WhatIf_NeverWritesToTheLiveBook_ByteForByte()
    {
        await using var s = await WithSomeBookings();
        var before = await Fingerprint(s.App.DatabasePath);

        var response = await s.Client.Post($"/clinics/{s.Sample.ClinicId}/what-if", new
        {
            scenario = new
            {
                addChairs = new[] { new { kind = "recliner", count = 2 } },
                removeChairs = new[] { s.Recliner(6) },
                addNurses = 1,
                observation = new { place = "recoveryArea", capacity = 6 },
                openingHours = new Dictionary<string, object[]>
                {
                    ["monday"] = [new { from = "07:00", to = "20:00" }],
                    ["tuesday"] = [new { from = "07:00", to = "16:00" }],
                },
            },
            forecastWeeks = 4,
            capacity = Capacity(s),
        });
        var view = await response.Expect(HttpStatusCode.OK);
        var csv = await s.Client.PostAsync(Api.Path($"/clinics/{s.Sample.ClinicId}/what-if?format=csv"),
            JsonContent.Create(new { scenario = new { addNurses = 1 } }));
        var after = await Fingerprint(s.App.DatabasePath);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.True(view.GetProperty("conflicts").GetInt32() >= 2); // Quinn's chair is gone; the Saturday session is outside the hours
        Assert.Equal(before, after);
        // The live book still has its chairs and sessions as they were.
        Assert.Equal(8, (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/chairs")).Items().Count);
        Assert.Single(await s.SeriesOf(s.Quinn));
    }

    [Fact]
    public async Task WhatIf_TwoMoreRecliners_AddOpenTimeAndCapacity_SideBySideWithToday()
    {
        await using var s = await WithSomeBookings();

        var view = await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/what-if", new
        {
            scenario = new { addChairs = new[] { new { kind = "recliner", count = 2 } } },
            forecastWeeks = 4,
            capacity = Capacity(s),
        })).Expect(HttpStatusCode.OK);

        var today = view.GetProperty("today");
        var whatIf = view.GetProperty("whatIf");
        Assert.Equal(8, today.GetProperty("chairs").GetInt32());
        Assert.Equal(10, whatIf.GetProperty("chairs").GetInt32());
        Assert.Equal(8, whatIf.GetProperty("chairsByKind").GetProperty("recliner").GetInt32());
        var week = view.Items("sideBySide").Single(w => w.Str("week") == Week);
        // A recliner's week: 5 x 690 + 360 (Saturday) = 3,810 minutes; two more add 7,620.
        Assert.Equal(7620, week.GetProperty("whatIfOpenMinutes").GetDouble() - week.GetProperty("todayOpenMinutes").GetDouble());
        Assert.True(week.GetProperty("whatIfUtilisationPercent").GetDouble() < week.GetProperty("todayUtilisationPercent").GetDouble());
        var todayMore = week.GetProperty("todayMoreSeries").GetInt32();
        var whatIfMore = week.GetProperty("whatIfMoreSeries").GetInt32();
        Assert.True(todayMore > 0);
        Assert.True(whatIfMore > todayMore, $"two more recliners should take more series than {todayMore}; the what-if says {whatIfMore}");
        Assert.Equal(0, view.GetProperty("conflicts").GetInt32());
        Assert.Equal(todayMore, today.GetProperty("capacity").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task WhatIf_ObservationInARecoveryArea_FreesTheChairsAfterInfusionAndTurnover()
    {
        await using var s = await WithSomeBookings();

        var view = await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/what-if", new
        {
            scenario = new { observation = new { place = "recoveryArea", capacity = 4 } },
            forecastWeeks = 3,
        })).Expect(HttpStatusCode.OK);

        var today = view.GetProperty("today").Items("weeks").Single(w => w.Str("week") == Week);
        var whatIf = view.GetProperty("whatIf").Items("weeks").Single(w => w.Str("week") == Week);
        // Three 45 + 60 + 15 minute sessions: 360 chair-minutes today, 3 x (45 + 15) = 180 with a recovery area.
        Assert.Equal(360, Occupied(today));
        Assert.Equal(180, Occupied(whatIf));
        Assert.Equal(0, whatIf.GetProperty("observationMinutes").GetDouble());
        Assert.Equal("recoveryArea", view.GetProperty("whatIf").GetProperty("settings").GetProperty("observation").Str("place"));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("today").GetProperty("capacity").ValueKind);
    }

    private static double Occupied(JsonElement week) =>
        week.GetProperty("infusionMinutes").GetDouble() + week.GetProperty("observationMinutes").GetDouble() + week.GetProperty("turnoverMinutes").GetDouble();

    [Fact]
    public async Task WhatIf_ShorterHoursAndARemovedChair_ListTheSessionsTheyWouldBreak()
    {
        await using var s = await WithSomeBookings();

        var view = await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/what-if", new
        {
            scenario = new
            {
                removeChairs = new[] { s.Recliner(1) },
                openingHours = new Dictionary<string, object[]>
                {
                    ["monday"] = [new { from = "08:00", to = "16:00" }],
                    ["tuesday"] = [new { from = "08:00", to = "16:00" }],
                    ["wednesday"] = [new { from = "08:00", to = "16:00" }],
                    ["thursday"] = [new { from = "08:00", to = "16:00" }],
                    ["friday"] = [new { from = "08:00", to = "16:00" }],
                },
            },
        })).Expect(HttpStatusCode.OK);

        var reasons = view.Items("conflictingSessions").Select(c => c.Str("reason")).ToList();
        var csv = await s.Client.PostAsync(Api.Path($"/clinics/{s.Sample.ClinicId}/what-if?format=csv&table=conflicts"),
            JsonContent.Create(new { scenario = new { removeChairs = new[] { s.Recliner(1) } } }));
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["sessionId,chairId,start,reason", $"{lines[1].Split(',')[0]},{s.Recliner(1)},2026-12-07T09:00:00-05:00,Its chair is taken away in the what-if."], lines);
        Assert.Equal(3, view.GetProperty("conflicts").GetInt32());
        Assert.Contains(reasons, r => r.Contains("chair is taken away", StringComparison.Ordinal)); // Riley, Recliner 1
        Assert.Contains(reasons, r => r.StartsWith("Tue 8 Dec 2026 17:00", StringComparison.Ordinal)); // Quinn after 16:00
        Assert.Contains(reasons, r => r.StartsWith("Sat 12 Dec 2026 12:00", StringComparison.Ordinal)); // no Saturday any more
        Assert.Contains("Recliner 1 taken away.", view.Items("changes").Select(c => c.GetString()));
        Assert.Contains("Opening hours replaced.", view.Items("changes").Select(c => c.GetString()));
    }

    [Theory]
    [InlineData("""{ }""", "scenario")]
    [InlineData("""{ "scenario": { } }""", "scenario")]
    [InlineData("""{ "scenario": { "addChairs": [ { "kind": "recliner", "count": 0 } ] } }""", "scenario.addChairs[0].count")]
    [InlineData("""{ "scenario": { "addChairs": [ { "count": 2 } ] } }""", "scenario.addChairs[0].kind")]
    [InlineData("""{ "scenario": { "removeChairs": [ "5d3b7f3e-0000-4000-8000-000000000001" ] } }""", "scenario.removeChairs")]
    [InlineData("""{ "scenario": { "addNurses": -5 } }""", "scenario.addNurses")]
    [InlineData("""{ "scenario": { "observation": { "place": "recoveryArea", "capacity": 0 } } }""", "observation.capacity")]
    [InlineData("""{ "scenario": { "openingHours": { "someday": [] } } }""", "openingHours")]
    [InlineData("""{ "scenario": { "addNurses": 1 }, "forecastWeeks": 99 }""", "forecastWeeks")]
    [InlineData("""{ "scenario": { "addNurses": 1 }, "capacity": { "weeks": 1 } }""", "protocolId")]
    public async Task BadInput_IsA400NamingTheField_AndWritesNothing(string body, string field)
    {
        await using var s = await WithSomeBookings();
        var before = await Fingerprint(s.App.DatabasePath);

        var problem = await (await s.Client.PostRaw($"/clinics/{s.Sample.ClinicId}/what-if", body)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(before, await Fingerprint(s.App.DatabasePath));
    }

    [Fact]
    public async Task AnUnknownClinicOrProtocol_Is404()
    {
        await using var s = await Scenario.Start();

        await (await s.Client.Post($"/clinics/{Guid.NewGuid()}/what-if", new { scenario = new { addNurses = 1 } })).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/what-if",
            new { scenario = new { addNurses = 1 }, capacity = new { protocolId = Guid.NewGuid() } })).ExpectProblem(HttpStatusCode.NotFound);
    }

    /// <summary>The database file's bytes after writing the WAL back into it: equal fingerprints, equal data.</summary>
    private static async Task<string> Fingerprint(string path)
    {
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(0, reader.GetInt32(0)); // not blocked: every page is in the main file
        }
        var bytes = await File.ReadAllBytesAsync(path);
        var wal = path + "-wal";
        Assert.True(!File.Exists(wal) || new FileInfo(wal).Length == 0);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }
}
