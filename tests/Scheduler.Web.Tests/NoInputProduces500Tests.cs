using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// Takes a valid body for every write endpoint and breaks it every way it can: each value in turn
/// replaced by null, the wrong type, an empty or overlong string, an out-of-range number, an empty
/// object or array, an array of nulls; and whole bodies that are not the right JSON at all. No
/// answer may be a 500, every 4xx is a problem detail, and a 4xx leaves the database as it was.
/// </summary>
public sealed class NoInputProduces500Tests
{
    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(""), JsonValue.Create(new string('x', 5000)), JsonValue.Create(-1), JsonValue.Create(2147483648L),
        JsonValue.Create(true), new JsonObject(), new JsonArray(), new JsonArray(null, null),
    ];

    private static readonly string[] BrokenBodies = ["", "null", "[]", "{}", "{", "\"text\"", "42", "{\"a\":", "\u0000"];

    [Fact]
    public async Task EveryWriteEndpoint_WithBrokenInput_AnswersFourHundredsAndWritesNothing()
    {
        await using var app = new SchedulerApp();
        var client = app.CreateClient();
        var sample = await SampleClinic.Load(client);
        var patient = sample.Patients["Avery Sample"];
        var chair = sample.Chairs["Recliner 1"];
        var booked = await (await client.PostAsJsonAsync("/series", new { patientId = patient, protocolId = sample.Depression, earliestDate = "2026-12-01", boosters = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var seriesId = booked.GetProperty("id").GetGuid();
        var sessionId = booked.GetProperty("sessions")[1].GetProperty("id").GetGuid();
        var clinic = await client.GetFromJsonAsync<JsonElement>($"/clinics/{sample.ClinicId}");
        var protocol = await client.GetFromJsonAsync<JsonElement>($"/protocols/{sample.Depression}");
        var reminderPolicy = (await client.GetFromJsonAsync<JsonElement>($"/clinics/{sample.ClinicId}/reminder-policy")).GetProperty("policy");

        var endpoints = new (HttpMethod Method, string Url, string Body)[]
        {
            (HttpMethod.Post, "/clinics", clinic.GetRawText()),
            (HttpMethod.Put, $"/clinics/{sample.ClinicId}", clinic.GetRawText()),
            (HttpMethod.Post, $"/clinics/{sample.ClinicId}/chairs", """{"name":"Recliner 9","kind":"recliner","active":true}"""),
            (HttpMethod.Put, $"/chairs/{chair}", """{"name":"Recliner 1","kind":"recliner","active":true}"""),
            (HttpMethod.Post, $"/chairs/{chair}/out-of-service", """{"start":"2027-03-01T08:00","end":"2027-03-01T12:00","reason":"Service"}"""),
            (HttpMethod.Post, $"/clinics/{sample.ClinicId}/protocols", protocol.GetRawText()),
            (HttpMethod.Put, $"/protocols/{sample.Depression}", protocol.GetRawText()),
            (HttpMethod.Post, "/patients", $$"""{"clinicId":"{{sample.ClinicId}}","name":"New Patient","phone":"+16175550199","email":"new@example.org","preferredChannel":"sms","availability":{"days":["monday"],"earliestStart":"09:00","latestEnd":"15:00"} }"""),
            (HttpMethod.Put, $"/patients/{patient}", $$"""{"name":"Avery Sample","phone":"+16175550101","preferredChannel":"sms","availability":{"days":["monday"]} }"""),
            (HttpMethod.Post, "/series/proposals", $$"""{"patientId":"{{patient}}","protocolId":"{{sample.Depression}}","earliestDate":"2027-02-01","preferences":{"days":["tuesday"],"earliestStart":"09:00","latestEnd":"17:00"},"boosters":1,"maxProposals":2,"searchDays":14}"""),
            (HttpMethod.Post, "/series", $$"""{"patientId":"{{sample.Patients["Jordan Example"]}}","protocolId":"{{sample.Depression}}","sessions":[{"chairId":"{{chair}}","start":"2027-02-02T13:00"},{"chairId":"{{chair}}","start":"2027-02-04T13:00"}],"note":"x"}"""),
            (HttpMethod.Post, $"/series/{seriesId}/cancel", """{"reason":"Changed plans"}"""),
            (HttpMethod.Post, $"/sessions/{sessionId}/move", """{"start":"2026-12-04T13:00","chairId":null,"reason":"Asked"}"""),
            (HttpMethod.Post, $"/sessions/{sessionId}/cancel", """{"reason":"Sick"}"""),
            (HttpMethod.Post, $"/clinics/{sample.ClinicId}/capacity", $$"""{"protocolId":"{{sample.Depression}}","weekStart":"2026-12-07","weeks":1,"boosters":1,"preferences":{"days":["monday"],"earliestStart":"09:00","latestEnd":"17:00"} }"""),
            (HttpMethod.Post, $"/clinics/{sample.ClinicId}/what-if", $$"""{"scenario":{"addChairs":[{"kind":"recliner","count":1}],"removeChairs":["{{chair}}"],"openingHours":{"monday":[{"from":"08:00","to":"18:00"}]},"nurseShifts":[{"days":["monday"],"from":"08:00","to":"18:00","nurses":2}],"addNurses":1,"patientsPerNurse":5,"observation":{"place":"recoveryArea","capacity":4} },"forecastWeeks":2,"capacity":{"protocolId":"{{sample.Depression}}","weekStart":"2026-12-07","weeks":1} }"""),
            (HttpMethod.Put, $"/clinics/{sample.ClinicId}/reminder-policy", reminderPolicy.GetRawText()),
            (HttpMethod.Post, $"/clinics/{sample.ClinicId}/reminder-policy/preview", """{"senderName":"Riverside Care","reminders":[{"kind":"confirm","daysBefore":2,"minutesBefore":null}],"quietHours":{"sendFrom":"10:00","sendUntil":"19:00"},"smsCaps":{"perDay":1,"perWeek":3},"forbiddenWords":["ketamine"],"templates":[{"kind":"sameDay","channel":"email","body":"At {clinic} on {date} at {time}: {link}","subject":"See you {date}"}]}"""),
        };

        var failures = new List<string>();
        foreach (var (method, url, body) in endpoints)
        {
            foreach (var variant in Variants(body))
            {
                var before = await RowCounts(app.DatabasePath);
                using var request = new HttpRequestMessage(method, url) { Content = new StringContent(variant, Encoding.UTF8, "application/json") };
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    failures.Add($"{method} {url} {status} for {Shorten(variant)}");
                    continue;
                }
                if (status >= 400)
                {
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{method} {url} {status} without a problem detail for {Shorten(variant)}");
                    if (!before.SequenceEqual(await RowCounts(app.DatabasePath)))
                        failures.Add($"{method} {url} {status} but the database changed for {Shorten(variant)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IEnumerable<string> Variants(string body)
    {
        foreach (var broken in BrokenBodies)
            yield return broken;
        var root = JsonNode.Parse(body)!;
        foreach (var path in Paths(root, ""))
        {
            foreach (var replacement in Replacements)
            {
                var copy = JsonNode.Parse(body)!;
                Replace(copy, path, replacement?.DeepClone());
                yield return copy.ToJsonString();
            }
        }
    }

    private static IEnumerable<string> Paths(JsonNode node, string prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var path = $"{prefix}/{key}";
                    yield return path;
                    if (child is not null)
                        foreach (var p in Paths(child, path))
                            yield return p;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var path = $"{prefix}/{i}";
                    yield return path;
                    if (array[i] is { } child)
                        foreach (var p in Paths(child, path))
                            yield return p;
                }
                break;
        }
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Trim('/').Split('/');
        var parent = root;
        foreach (var part in parts[..^1])
            parent = parent is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : parent[part]!;
        if (parent is JsonArray array)
            array[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        else
            parent[parts[^1]] = value;
    }

    private static async Task<List<long>> RowCounts(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var counts = new List<long>();
        foreach (var table in new[] { "Clinics", "Chairs", "Protocols", "Patients", "Series", "Sessions", "AuditEntries", "ReminderMessages", "ReminderPolicies", "InboundSms", "SmsOptOuts" })
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT count(*) || ':' || coalesce(sum(length(CAST(t.rowid AS TEXT))), 0) FROM \"{table}\" t";
            counts.Add(Convert.ToInt64(((string)(await cmd.ExecuteScalarAsync())!).Split(':')[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        await using (var cmd = connection.CreateCommand())
        {
            // Changes to existing rows count too: a cheap fingerprint of the mutable columns.
            cmd.CommandText = "SELECT (SELECT group_concat(Name || Settings, '') FROM Clinics) || (SELECT group_concat(Name || Kind || Active || OutOfService, '') FROM Chairs)"
                + " || (SELECT group_concat(Name || InfusionMinutes || Induction, '') FROM Protocols) || (SELECT group_concat(Name || coalesce(Phone,'') || Availability, '') FROM Patients)"
                + " || (SELECT group_concat(Status || ChairId || Start, '') FROM Sessions) || (SELECT group_concat(Status, '') FROM Series)"
                + " || coalesce((SELECT group_concat(Policy || UpdatedAt, '') FROM ReminderPolicies), '') || coalesce((SELECT group_concat(Status || coalesce(DueAt, ''), '') FROM ReminderMessages), '')";
            counts.Add(((string?)await cmd.ExecuteScalarAsync() ?? "").GetHashCode(StringComparison.Ordinal));
        }
        return counts;
    }

    private static string Shorten(string s) => s.Length > 160 ? s[..160] + "…" : s;
}
