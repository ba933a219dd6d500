using System.Net;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// Input the API must refuse: each answer is a 4xx RFC 7807 problem (title, status, detail; the field
/// under <c>errors</c> where there is one), never a 500, and nothing is written.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task BookSeries_WithMalformedJson_Is400_AndWritesNothing()
    {
        await using var s = await Scenario.Start();

        var response = await s.Client.PostRaw("/series", $$"""{"patientId": "{{s.Riley}}", "protocolId": """);

        await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Empty(await s.SeriesOf(s.Riley));
    }

    [Fact]
    public async Task BookSeries_WithAWrongJsonType_Is400_NamingTheField()
    {
        await using var s = await Scenario.Start();

        var response = await s.Client.PostRaw("/series", $$"""{"patientId": "abc", "protocolId": "{{s.Sample.Depression}}"}""");

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("patientId", problem.ErrorFields());
        Assert.Empty(await s.SeriesOf(s.Riley));
    }

    [Fact]
    public async Task Requests_ForUnknownIds_Are404Problems()
    {
        await using var s = await Scenario.Start();
        var unknown = Guid.NewGuid();
        var c = s.Client;

        var responses = new[]
        {
            await c.GetAsync(Api.Path($"/patients/{unknown}")),
            await c.GetAsync(Api.Path($"/patients/{unknown}/series")),
            await c.Post("/series/proposals", new { patientId = unknown, protocolId = s.Sample.Depression }),
            await c.Post("/series", new { patientId = unknown, protocolId = s.Sample.Depression }),
            await c.GetAsync(Api.Path($"/protocols/{unknown}")),
            await c.Post("/series/proposals", new { patientId = s.Riley, protocolId = unknown }),
            await c.Post("/series", new { patientId = s.Riley, protocolId = unknown }),
            await c.GetAsync(Api.Path($"/series/{unknown}")),
            await c.Post($"/series/{unknown}/cancel", new { reason = "Moved away" }),
            await c.GetAsync(Api.Path($"/sessions/{unknown}")),
            await c.PostEmpty($"/sessions/{unknown}/confirm"),
            await c.Post($"/sessions/{unknown}/move", new { start = "2026-12-08T09:00" }),
            await c.GetAsync(Api.Path($"/chairs/{unknown}")),
            await c.Put($"/chairs/{unknown}", new { name = "Recliner 9", kind = "recliner" }),
            await c.Post($"/chairs/{unknown}/out-of-service", new { start = "2026-12-08T08:00", end = "2026-12-08T12:00", reason = "Repair" }),
            await c.GetAsync(Api.Path($"/clinics/{unknown}")),
            await c.GetAsync(Api.Path($"/clinics/{unknown}/schedule?from=2026-12-08")),
            await c.Post($"/clinics/{unknown}/chairs", new { name = "Recliner 9", kind = "recliner" }),
        };

        foreach (var response in responses)
        {
            var problem = await response.ExpectProblem(HttpStatusCode.NotFound);
            Assert.Contains(unknown.ToString(), problem.Detail(), StringComparison.Ordinal);
        }
        Assert.Empty(await s.SeriesOf(s.Riley));
    }

    [Fact]
    public async Task BookSeries_WithAnUnknownChairInTheChosenSessions_Is400_NamingTheSession()
    {
        await using var s = await Scenario.Start();

        var response = await s.PostSeries(s.Riley, s.Sample.Depression, new Choice(Guid.NewGuid(), "2026-12-08T09:00"));

        // The chair is a field of the request, not the resource addressed: a 400 naming it.
        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("sessions[0].chairId", problem.ErrorFields());
        Assert.Empty(await s.SeriesOf(s.Riley));
    }

    [Theory]
    [InlineData(44)]
    [InlineData(301)]
    public async Task CreateProtocol_WithAnInfusionOutside45MinutesTo5Hours_Is400_NamingInfusionMinutes(int minutes)
    {
        await using var s = await Scenario.Start();

        var response = await s.Client.Post($"/clinics/{s.Sample.ClinicId}/protocols",
            Bodies.Protocol("Too short or too long", count: 1, minGap: 1, maxGap: 1, infusion: minutes));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["infusionMinutes"], problem.ErrorFields());
        Assert.Equal(3, (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/protocols")).GetArrayLength());
    }

    [Fact]
    public async Task CreateProtocol_WithAnObservationOf59Minutes_Is400_NamingObservationMinutes()
    {
        await using var s = await Scenario.Start();

        var response = await s.Client.Post($"/clinics/{s.Sample.ClinicId}/protocols",
            Bodies.Protocol("Short observation", count: 1, minGap: 1, maxGap: 1, observation: 59));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["observationMinutes"], problem.ErrorFields());
        Assert.Equal(3, (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/protocols")).GetArrayLength());
    }

    [Fact]
    public async Task CreatePatientOrProtocol_WithA201CharacterName_Is400_NamingTheName()
    {
        await using var s = await Scenario.Start();
        var name = new string('n', 201);

        var patient = await s.Client.Post("/patients", new { clinicId = s.Sample.ClinicId, name, email = "long@example.org" });
        var protocol = await s.Client.Post($"/clinics/{s.Sample.ClinicId}/protocols", Bodies.Protocol(name, count: 1, minGap: 1, maxGap: 1));

        Assert.Equal(["name"], (await patient.ExpectProblem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["name"], (await protocol.ExpectProblem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(6, (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/patients")).GetArrayLength());
        Assert.Equal(3, (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/protocols")).GetArrayLength());
        // 200 characters is the limit, not below it.
        await (await s.Client.Post("/patients", new { clinicId = s.Sample.ClinicId, name = name[..200], email = "long@example.org" }))
            .Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task CreateClinic_WithAnUnknownTimeZone_Is400_NamingTimeZone()
    {
        await using var s = await Scenario.Start();

        var response = await s.Client.Post("/clinics", Bodies.Clinic("Nowhere", ["monday"], "08:00", "18:00", timeZone: "Mars/Olympus_Mons"));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["timeZone"], problem.ErrorFields());
        Assert.Contains("Mars/Olympus_Mons", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(1, (await s.Client.Get("/clinics")).GetArrayLength());
    }

    [Fact]
    public async Task CreateClinic_WithOverlappingOpeningHours_Is400_NamingOpeningHours()
    {
        await using var s = await Scenario.Start();
        var body = new
        {
            name = "Overlap clinic",
            timeZone = "America/New_York",
            openingHours = new Dictionary<string, object[]> { ["monday"] = [new { from = "08:00", to = "13:00" }, new { from = "12:00", to = "18:00" }] },
            nurseShifts = new[] { new { days = new[] { "monday" }, from = "08:00", to = "18:00", nurses = 2 } },
        };

        var response = await s.Client.Post("/clinics", body);

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["openingHours"], problem.ErrorFields());
        Assert.Contains("overlap", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(1, (await s.Client.Get("/clinics")).GetArrayLength());
    }

    [Fact]
    public async Task ProposeOrBook_WithAnEarliestDateInThePast_Is400_NamingEarliestDate()
    {
        await using var s = await Scenario.Start();
        var request = new { patientId = s.Riley, protocolId = s.Sample.Depression, earliestDate = "2026-11-20" };

        var propose = await s.Client.Post("/series/proposals", request);
        var book = await s.Client.Post("/series", request);

        Assert.Equal(["earliestDate"], (await propose.ExpectProblem(HttpStatusCode.BadRequest)).ErrorFields());
        var problem = await book.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["earliestDate"], problem.ErrorFields());
        Assert.Contains("in the past", problem.Detail(), StringComparison.Ordinal);
        Assert.Empty(await s.SeriesOf(s.Riley));
    }

    [Fact]
    public async Task BookOrMove_ToAStartInTheSpringForwardGap_Is400_NamingTheField()
    {
        await using var s = await Scenario.Start();
        var session = await s.BookOne(s.Quinn, s.Recliner(1), "2027-03-12T09:00");

        // 02:00–03:00 on Sun 14 Mar 2027 does not exist in New York.
        var book = await s.PostSeries(s.Riley, s.Sample.Depression, new Choice(s.Recliner(1), "2027-03-14T02:30"));
        var move = await s.Client.Post($"/sessions/{session.Id()}/move", new { start = "2027-03-14T02:30" });

        var problem = await book.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["sessions[0].start"], problem.ErrorFields());
        Assert.Contains("does not exist", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(["start"], (await move.ExpectProblem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Empty(await s.SeriesOf(s.Riley));
        Assert.Equal(session.Str("start"), (await s.Session(session.Id())).Str("start"));
    }

    [Fact]
    public async Task BookSeries_AtAnAmbiguousFallBackTimeWithoutOffset_Is400_MentioningBothOffsets()
    {
        await using var s = await Scenario.Start();

        // 01:00–02:00 on Sun 7 Nov 2027 happens twice in New York: first at -04:00, then at -05:00.
        var response = await s.PostSeries(s.Riley, s.Sample.Depression, new Choice(s.Recliner(1), "2027-11-07T01:30"));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["sessions[0].start"], problem.ErrorFields());
        Assert.Contains("happens twice", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("-04", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("-05", problem.Detail(), StringComparison.Ordinal);
        Assert.Empty(await s.SeriesOf(s.Riley));
    }

    [Fact]
    public async Task BookSeries_AtAnAmbiguousFallBackTimeWithItsOffset_IsBookedAtThatReading()
    {
        await using var s = await Scenario.Start();
        var (clinic, chair, protocol) = await Bodies.SmallClinic(s.Client,
            Bodies.Clinic("Night clinic", ["sunday"], "00:00", "06:00"),
            Bodies.Protocol("Night single", count: 1, minGap: 1, maxGap: 1));
        var first = await s.CreatePatient("Pat Early", clinic);
        var second = await s.CreatePatient("Pat Late", clinic);

        var session = (await s.Book(first, protocol, new Choice(chair, "2027-11-07T01:30-04:00"))).Items("sessions").Single();

        Assert.Equal("2027-11-07T01:30:00-04:00", session.Str("start"));
        Assert.Equal("2027-11-07T02:30:00-05:00", session.Str("turnoverEnd"));
        // The second 01:30 (-05:00) is an hour later, inside the first visit's two hours on the one chair.
        var clash = await (await s.PostSeries(second, protocol, new Choice(chair, "2027-11-07T01:30-05:00"))).ExpectProblem(HttpStatusCode.Conflict, "chairTaken");
        Assert.DoesNotContain("happens twice", clash.Detail(), StringComparison.Ordinal);
        var wrong = await (await s.PostSeries(second, protocol, new Choice(chair, "2027-11-07T01:30-06:00"))).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("-06", wrong.Detail(), StringComparison.Ordinal);
        Assert.Empty(await s.SeriesOf(second));
    }

    [Fact]
    public async Task Post_WithTheWrongContentType_Is415()
    {
        await using var s = await Scenario.Start();
        var session = await s.BookOne(s.Quinn, s.Recliner(1), "2026-12-08T09:00");
        var json = $$"""{"patientId": "{{s.Riley}}", "protocolId": "{{s.Sample.Depression}}"}""";

        var book = await s.Client.PostRaw("/series", json, "text/plain");
        var cancel = await s.Client.PostRaw($"/sessions/{session.Id()}/cancel", """{"reason": "Flu"}""", "text/plain");

        Assert.Contains("application/json", (await book.ExpectProblem(HttpStatusCode.UnsupportedMediaType)).Detail(), StringComparison.Ordinal);
        Assert.Contains("application/json", (await cancel.ExpectProblem(HttpStatusCode.UnsupportedMediaType)).Detail(), StringComparison.Ordinal);
        Assert.Empty(await s.SeriesOf(s.Riley));
        Assert.Equal("booked", (await s.Session(session.Id())).Str("status"));
    }

    [Fact]
    public async Task Post_WithAnEmptyBody_Is400()
    {
        await using var s = await Scenario.Start();

        var empty = await s.Client.PostRaw("/series", "");
        var none = await s.Client.PostEmpty("/series/proposals");
        var clinic = await s.Client.PostRaw("/clinics", "");

        await empty.ExpectProblem(HttpStatusCode.BadRequest);
        await none.ExpectProblem(HttpStatusCode.BadRequest);
        await clinic.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Empty(await s.SeriesOf(s.Riley));
        Assert.Equal(1, (await s.Client.Get("/clinics")).GetArrayLength());
    }

    [Fact]
    public async Task Request_ToAnUnknownAddressOrWithTheWrongMethod_IsAProblemWithADetail()
    {
        await using var s = await Scenario.Start();

        var nowhere = await s.Client.GetAsync(Api.Path("/nowhere"));
        var wrongMethod = await s.Client.DeleteAsync(Api.Path($"/patients/{s.Riley}"));

        await nowhere.ExpectProblem(HttpStatusCode.NotFound);
        await wrongMethod.ExpectProblem(HttpStatusCode.MethodNotAllowed);
        await s.Client.Get($"/patients/{s.Riley}");
    }
}
