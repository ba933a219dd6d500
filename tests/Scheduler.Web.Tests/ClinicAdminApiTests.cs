using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>Clinics, chairs, protocols and patients through the API: what is written reads back the same.</summary>
public sealed class ClinicAdminApiTests
{
    [Fact]
    public async Task Clinic_CreateThenUpdate_ReadsBackWhatWasSent()
    {
        await using var s = await Scenario.Start();
        var created = new JsonObject
        {
            ["name"] = "Harbor Infusion",
            ["timeZone"] = "America/Chicago",
            ["openingHours"] = new JsonObject
            {
                ["monday"] = new JsonArray(Range("08:00", "12:00"), Range("13:00", "17:00")),
                ["wednesday"] = new JsonArray(Range("08:00", "17:00")),
            },
            ["closures"] = new JsonArray(new JsonObject { ["date"] = "2027-01-01", ["reason"] = "New Year" }),
            ["slotMinutes"] = 15,
            ["turnoverMinutes"] = 10,
            ["nurseSetupMinutes"] = 20,
            ["nurseShifts"] = new JsonArray(new JsonObject { ["days"] = new JsonArray("monday", "wednesday"), ["from"] = "08:00", ["to"] = "17:00", ["nurses"] = 3 }),
            ["patientsPerNurse"] = 5,
            ["observation"] = new JsonObject { ["place"] = "recoveryArea", ["capacity"] = 3 },
        };

        var response = await s.Client.PostRaw("/clinics", created.ToJsonString());

        var view = await response.Expect(HttpStatusCode.Created);
        var id = view.Id();
        Assert.Equal($"/clinics/{id}", response.Headers.Location?.OriginalString);
        AssertSame(created, await s.Client.Get($"/clinics/{id}"));

        var updated = created.DeepClone().AsObject();
        updated["name"] = "Harbor Infusion Center";
        updated["openingHours"]!["friday"] = new JsonArray(Range("09:00", "15:00"));
        updated["closures"]!.AsArray().Add(new JsonObject { ["date"] = "2027-07-05", ["reason"] = "Independence Day (observed)" });
        updated["nurseShifts"]![0]!["days"]!.AsArray().Add("friday");
        updated["observation"] = new JsonObject { ["place"] = "chair", ["capacity"] = null };
        await (await s.Client.PutAsync(Api.Path($"/clinics/{id}"), Json(updated))).Expect(HttpStatusCode.OK);

        AssertSame(updated, await s.Client.Get($"/clinics/{id}"));
        Assert.Equal(2, (await s.Client.Get("/clinics")).GetArrayLength());
    }

    [Fact]
    public async Task Chair_CreateThenUpdate_ReadsBackWhatWasSent()
    {
        await using var s = await Scenario.Start();

        var response = await s.Client.Post($"/clinics/{s.Sample.ClinicId}/chairs", new { name = "Private Room 1", kind = "Private Room", active = true });

        var created = await response.Expect(HttpStatusCode.Created);
        var id = created.Id();
        Assert.Equal($"/chairs/{id}", response.Headers.Location?.OriginalString);
        var read = await s.Client.Get($"/chairs/{id}");
        Assert.Equal(("Private Room 1", "private room", true, s.Sample.ClinicId),
            (read.Str("name"), read.Str("kind"), read.GetProperty("active").GetBoolean(), read.GetProperty("clinicId").GetGuid()));
        Assert.Contains((await s.Client.Get($"/clinics/{s.Sample.ClinicId}/chairs")).Items(), c => c.Id() == id);

        await (await s.Client.Put($"/chairs/{id}", new { name = "Private Room 2", kind = "private room", active = false })).Expect(HttpStatusCode.OK);

        read = await s.Client.Get($"/chairs/{id}");
        Assert.Equal(("Private Room 2", "private room", false), (read.Str("name"), read.Str("kind"), read.GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task Chair_KindChangeWhileSessionsAreBookedOnIt_IsRefused_AndChangesNothing()
    {
        await using var s = await Scenario.Start();
        await s.BookOne(s.Riley, s.Recliner(5), "2026-12-08T10:00");
        var before = await s.Client.Get($"/chairs/{s.Recliner(5)}");

        var response = await s.Client.Put($"/chairs/{s.Recliner(5)}", new { name = "Recliner 5", kind = "bed" });

        await response.ExpectProblem(HttpStatusCode.Conflict, "wrongChair");
        Assert.Equal(before.GetRawText(), (await s.Client.Get($"/chairs/{s.Recliner(5)}")).GetRawText());
    }

    [Fact]
    public async Task Protocol_CreateThenUpdate_ReadsBackWhatWasSent()
    {
        await using var s = await Scenario.Start();
        var created = new JsonObject
        {
            ["name"] = "CRPS: 2 h, four sessions",
            ["chairKind"] = "bed",
            ["infusionMinutes"] = 120,
            ["observationMinutes"] = 90,
            ["induction"] = new JsonObject { ["count"] = 4, ["minGapDays"] = 2, ["maxGapDays"] = 3, ["allowedDays"] = new JsonArray("monday", "wednesday", "friday") },
            ["maintenance"] = new JsonObject { ["minIntervalDays"] = 30, ["maxIntervalDays"] = 45, ["count"] = 2 },
            ["preparation"] = "Fast for 4 hours.\nBring a driver.",
        };

        var response = await s.Client.PostRaw($"/clinics/{s.Sample.ClinicId}/protocols", created.ToJsonString());

        var id = (await response.Expect(HttpStatusCode.Created)).Id();
        Assert.Equal($"/protocols/{id}", response.Headers.Location?.OriginalString);
        AssertSame(created, await s.Client.Get($"/protocols/{id}"), "id", "clinicId");

        var updated = created.DeepClone().AsObject();
        updated["name"] = "CRPS: 3 h, five sessions";
        updated["infusionMinutes"] = 180;
        updated["observationMinutes"] = 120;
        updated["induction"]!["count"] = 5;
        updated["maintenance"] = null;
        updated["preparation"] = null;
        await (await s.Client.PutAsync(Api.Path($"/protocols/{id}"), Json(updated))).Expect(HttpStatusCode.OK);

        AssertSame(updated, await s.Client.Get($"/protocols/{id}"), "id", "clinicId");
        Assert.Equal(4, (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/protocols")).GetArrayLength());
    }

    [Fact]
    public async Task Patient_CreateThenUpdate_ReadsBackWhatWasSent()
    {
        await using var s = await Scenario.Start();
        var created = new JsonObject
        {
            ["clinicId"] = s.Sample.ClinicId.ToString(),
            ["name"] = "Sam Roundtrip",
            ["phone"] = "+16175550199",
            ["email"] = "sam@example.org",
            ["preferredChannel"] = "sms",
            ["availability"] = new JsonObject { ["days"] = new JsonArray("tuesday", "thursday"), ["earliestStart"] = "10:00", ["latestEnd"] = "16:00" },
        };

        var response = await s.Client.PostRaw("/patients", created.ToJsonString());

        var id = (await response.Expect(HttpStatusCode.Created)).Id();
        Assert.Equal($"/patients/{id}", response.Headers.Location?.OriginalString);
        AssertSame(created, await s.Client.Get($"/patients/{id}"), "id");

        var updated = created.DeepClone().AsObject();
        updated["name"] = "Sam Round-Trip";
        updated["phone"] = null;
        updated["preferredChannel"] = "email";
        updated["availability"] = new JsonObject { ["days"] = new JsonArray("monday"), ["earliestStart"] = null, ["latestEnd"] = "12:00" };
        await (await s.Client.PutAsync(Api.Path($"/patients/{id}"), Json(updated))).Expect(HttpStatusCode.OK);

        AssertSame(updated, await s.Client.Get($"/patients/{id}"), "id");
    }

    [Fact]
    public async Task UpdateClinic_AddingAClosureOnADayWithABookedSession_IsRefusedNamingTheSession_AndChangesNothing()
    {
        await using var s = await Scenario.Start();
        await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00");
        var before = await s.Client.Get($"/clinics/{s.Sample.ClinicId}");
        var body = JsonNode.Parse(before.GetRawText())!.AsObject();
        body.Remove("id");
        body["closures"]!.AsArray().Add(new JsonObject { ["date"] = "2026-12-08", ["reason"] = "Snow day" });

        var response = await s.Client.PutAsync(Api.Path($"/clinics/{s.Sample.ClinicId}"), Json(body));

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict, "conflictsWithBookedSessions");
        Assert.Contains("Tue 8 Dec 2026 10:00", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(before.GetRawText(), (await s.Client.Get($"/clinics/{s.Sample.ClinicId}")).GetRawText());
        Assert.DoesNotContain((await s.Client.Get($"/audit/{s.Sample.ClinicId}")).Items(), a => a.Str("action") == "updated");

        // The same closure a day later touches no session and is accepted.
        var closures = body["closures"]!.AsArray();
        closures[closures.Count - 1]!["date"] = "2026-12-09";
        await (await s.Client.PutAsync(Api.Path($"/clinics/{s.Sample.ClinicId}"), Json(body))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UpdateClinic_CuttingNursesBelowWhatTheBookNeeds_IsRefusedNamingTheSessions_AndChangesNothing()
    {
        await using var s = await Scenario.Start();
        // Two infusions start together at 10:00: the two morning nurses set them up side by side.
        await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00");
        await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-08T10:00");
        var before = await s.Client.Get($"/clinics/{s.Sample.ClinicId}");
        var body = JsonNode.Parse(before.GetRawText())!.AsObject();
        body.Remove("id");
        body["nurseShifts"]![0]!["nurses"] = 1;

        var response = await s.Client.PutAsync(Api.Path($"/clinics/{s.Sample.ClinicId}"), Json(body));

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict, "conflictsWithBookedSessions");
        Assert.Contains("2 booked session(s)", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("Tue 8 Dec 2026 10:00", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(before.GetRawText(), (await s.Client.Get($"/clinics/{s.Sample.ClinicId}")).GetRawText());
    }

    [Theory]
    [InlineData("avery", new[] { "Avery Sample" })]
    [InlineData("TESTCASE", new[] { "Morgan Testcase" })]
    [InlineData("ey", new[] { "Casey Placeholder", "Riley Demo" })]
    [InlineData("zzz", new string[0])]
    [InlineData("%", new string[0])]
    [InlineData("_", new string[0])]
    public async Task Patients_Search_FindsByPartOfTheName(string search, string[] expected)
    {
        await using var s = await Scenario.Start();

        var found = await s.Client.Get($"/clinics/{s.Sample.ClinicId}/patients?search={Uri.EscapeDataString(search)}");

        Assert.Equal(expected, found.Items().Select(p => p.Str("name")));
    }

    [Fact]
    public async Task Patients_List_IsOrderedByName_AndPages()
    {
        await using var s = await Scenario.Start();

        var all = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/patients")).Items().Select(p => p.Str("name")).ToList();
        var page = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/patients?skip=1&take=2")).Items().Select(p => p.Str("name")).ToList();

        Assert.Equal(6, all.Count);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(all.Skip(1).Take(2), page);
    }

    private static JsonObject Range(string from, string to) => new() { ["from"] = from, ["to"] = to };

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    /// <summary>The view holds exactly what was sent, apart from the server-assigned properties named.</summary>
    private static void AssertSame(JsonObject sent, JsonElement view, params string[] assigned)
    {
        var read = JsonNode.Parse(view.GetRawText())!.AsObject();
        foreach (var property in assigned.Append("id"))
            read.Remove(property);
        Assert.True(JsonNode.DeepEquals(sent, read), $"sent {sent.ToJsonString()}\nread {read.ToJsonString()}");
    }
}
