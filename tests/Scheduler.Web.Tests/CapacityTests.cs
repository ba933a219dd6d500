using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// <c>POST /clinics/{id}/capacity</c>: how many more series of a protocol can start in a week. The
/// answer is checked by booking that many series, one after another, on a copy of the database and
/// being refused one more; the question itself writes nothing.
/// </summary>
public sealed class CapacityTests
{
    /// <summary>Monday of the week asked about; the tests' clock says Monday 23 Nov 2026.</summary>
    private const string Week = "2026-12-07";

    private const string NextWeek = "2026-12-14";

    /// <summary>
    /// Two recliners open Monday, Wednesday and Friday 09:00–13:00 (two 2-hour visits a day each),
    /// a protocol of two sessions 2–3 days apart, and one series already booked in the week.
    /// </summary>
    private static async Task<(Guid Clinic, Guid Protocol)> SmallClinic(Scenario s)
    {
        var (clinic, _, protocol) = await Bodies.SmallClinic(s.Client,
            Bodies.Clinic("Capacity clinic", ["monday", "wednesday", "friday"], "09:00", "13:00"), Bodies.Protocol("Two visits", 2, 2, 3));
        await (await s.Client.Post($"/clinics/{clinic}/chairs", new { name = "Second chair", kind = "recliner" })).Expect(HttpStatusCode.Created);
        var booked = await s.CreatePatient("Already booked", clinic);
        await (await s.Client.Post("/series", new { patientId = booked, protocolId = protocol, earliestDate = Week, searchDays = 7 }))
            .Expect(HttpStatusCode.Created);
        return (clinic, protocol);
    }

    [Fact]
    public async Task Capacity_IsWhatBookingOneSeriesAfterAnotherGives_AndOneMoreIsRefused()
    {
        await using var s = await Scenario.Start();
        var (clinic, protocol) = await SmallClinic(s);
        var before = await Dump(s.App.DatabasePath);

        // Any day of the week will do: a Wednesday asks about the week from Monday.
        var answer = await (await s.Client.Post($"/clinics/{clinic}/capacity", new { protocolId = protocol, weekStart = "2026-12-09", weeks = 2 }))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(before, await Dump(s.App.DatabasePath));
        var weeks = answer.Items("weeks");
        Assert.Equal([Week, NextWeek], weeks.Select(w => w.Str("weekStart")));
        Assert.Equal(["2026-12-13", "2026-12-20"], weeks.Select(w => w.Str("weekEnd")));
        Assert.All(weeks, w => Assert.InRange(w.GetProperty("moreSeries").GetInt32(), 1, 10));
        Assert.All(weeks, w => Assert.Equal(w.GetProperty("moreSeries").GetInt32(), w.Items("series").Count));
        Assert.All(weeks, w => Assert.Equal("noRoom", w.Str("stoppedBy")));
        Assert.Equal(weeks.Sum(w => w.GetProperty("moreSeries").GetInt32()), answer.GetProperty("total").GetInt32());
        Assert.Equal(2, answer.GetProperty("sessionsPerSeries").GetInt32());

        // The same book in a second app, with the same clock: book series one after another, each the best proposal.
        var copy = Path.Combine(Path.GetDirectoryName(s.App.DatabasePath)!, $"{Guid.NewGuid():N}.db");
        await Copy(s.App.DatabasePath, copy);
        await using var app = new SchedulerApp(copy, loadSample: false, now: s.App.Clock.GetCurrentInstant());
        using var client = app.CreateClient();
        foreach (var (week, monday) in weeks.Zip([Week, NextWeek]))
        {
            var expected = week.Items("series");
            for (var i = 0; i <= expected.Count; i++)
            {
                var patient = (await (await client.Post("/patients", new { clinicId = clinic, name = $"Patient {monday} {i}", email = "p@example.org", preferredChannel = "email" }))
                    .Expect(HttpStatusCode.Created)).Id();
                var response = await client.Post("/series", new { patientId = patient, protocolId = protocol, earliestDate = monday, searchDays = 7 });
                if (i == expected.Count)
                {
                    var refusal = await response.ExpectProblem(HttpStatusCode.Conflict, week.Str("rule"));
                    Assert.Equal(week.Str("reason"), refusal.Detail());
                    break;
                }
                var series = await response.Expect(HttpStatusCode.Created);
                Assert.Equal(
                    expected[i].Items("sessions").Select(x => (x.GetProperty("chairId").GetGuid(), x.Str("start"))),
                    series.Items("sessions").Select(x => (x.GetProperty("chairId").GetGuid(), x.Str("start"))));
                var first = series.Items("sessions")[0].Str("start")[..10];
                Assert.InRange(string.CompareOrdinal(first, monday), 0, int.MaxValue);
                Assert.True(string.CompareOrdinal(first, week.Str("weekEnd")) <= 0, $"{first} is after the week of {monday}");
            }
        }
    }

    [Fact]
    public async Task Capacity_WithoutAWeek_AnswersForThisWeekAtTheClinic()
    {
        await using var s = await Scenario.Start();
        var (clinic, protocol) = await SmallClinic(s);

        var answer = await (await s.Client.Post($"/clinics/{clinic}/capacity", new { protocolId = protocol })).Expect(HttpStatusCode.OK);

        var week = Assert.Single(answer.Items("weeks"));
        Assert.Equal("2026-11-23", week.Str("weekStart"));
        Assert.True(week.GetProperty("moreSeries").GetInt32() > 0, week.GetRawText());
        Assert.Equal("2026-11-23T07:00:00-05:00", answer.Str("askedAt"));
    }

    [Fact]
    public async Task Capacity_ForBadInput_IsA4xxProblemNamingTheField_AndWritesNothing()
    {
        await using var s = await Scenario.Start();
        var (clinic, protocol) = await SmallClinic(s);
        var before = await Dump(s.App.DatabasePath);
        var path = $"/clinics/{clinic}/capacity";

        var invalid = new (object Body, string Field)[]
        {
            (new { weekStart = Week }, "protocolId"),
            (new { protocolId = protocol, weeks = 0 }, "weeks"),
            (new { protocolId = protocol, weeks = 13 }, "weeks"),
            (new { protocolId = protocol, weekStart = "next week" }, "weekStart"),
            (new { protocolId = protocol, weekStart = "2029-01-01" }, "weekStart"),
            (new { protocolId = protocol, boosters = 2 }, "boosters"),
            (new { protocolId = protocol, preferences = new { days = new[] { "funday" } } }, "preferences.days"),
            (new { protocolId = protocol, preferences = new { earliestStart = "9am" } }, "preferences.earliestStart"),
            (new { protocolId = s.Sample.Depression }, "protocolId"),
        };
        foreach (var (body, field) in invalid)
        {
            var problem = await (await s.Client.Post(path, body)).ExpectProblem(HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.ErrorFields());
        }
        var malformed = await (await s.Client.PostRaw(path, """{"protocolId": """)).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", malformed.Str("title"));

        var unknown = Guid.NewGuid();
        var noClinic = await (await s.Client.Post($"/clinics/{unknown}/capacity", new { protocolId = protocol })).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Contains(unknown.ToString(), noClinic.Detail(), StringComparison.Ordinal);
        var noProtocol = await (await s.Client.Post(path, new { protocolId = unknown })).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Contains(unknown.ToString(), noProtocol.Detail(), StringComparison.Ordinal);

        // Each field of a valid body in turn null, of the wrong type, empty, overlong or out of range: never a 500.
        var valid = new Dictionary<string, object?>
        {
            ["protocolId"] = protocol, ["weekStart"] = Week, ["weeks"] = 2, ["boosters"] = 0,
            ["preferences"] = new { days = new[] { "monday" }, earliestStart = "09:00", latestEnd = "13:00" },
        };
        object?[] replacements = [null, "", new string('x', 5000), -1, 2147483648L, true, new { }, Array.Empty<object>(), new object?[] { null }];
        foreach (var field in valid.Keys)
        {
            foreach (var replacement in replacements)
            {
                var body = new Dictionary<string, object?>(valid) { [field] = replacement };
                var response = await s.Client.Post(path, body);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500, $"{field} = {JsonSerializer.Serialize(replacement)[..Math.Min(40, JsonSerializer.Serialize(replacement).Length)]}: {text}");
                if ((int)response.StatusCode >= 400)
                    Assert.Equal(Api.ProblemJson, response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(before, await Dump(s.App.DatabasePath));
    }

    /// <summary>Every row of every table of the scheduler's database, as text in a fixed order: equal dumps mean nothing was written.</summary>
    private static async Task<string> Dump(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(JsonSerializer.Serialize(values.Select(v => v is byte[] b ? Convert.ToHexString(b) : v?.ToString())));
            }
            rows.Sort(StringComparer.Ordinal);
            dump.Append(table).Append(": ").Append(rows.Count).AppendLine();
            foreach (var row in rows)
                dump.AppendLine(row);
        }
        return dump.ToString();
    }

    /// <summary>A consistent copy of a live SQLite database (the backup API reads it with what its WAL holds).</summary>
    private static async Task Copy(string from, string to)
    {
        await using var source = new SqliteConnection($"Data Source={from};Mode=ReadOnly;Pooling=False");
        await using var target = new SqliteConnection($"Data Source={to};Pooling=False");
        await source.OpenAsync();
        await target.OpenAsync();
        source.BackupDatabase(target);
    }
}
