using System.Net;
using System.Text.Json;
using NodaTime.Text;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>A chosen session of a series: a chair and a start as the API takes it (clinic-local "2026-12-08T09:00" or with an offset).</summary>
public sealed record Choice(Guid ChairId, string Start);

/// <summary>
/// A running app with the sample clinic and the steps the tests take through its API: booking
/// chosen sessions, creating patients and small clinics, reading the schedule.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    private Scenario(SchedulerApp app, HttpClient client, SampleClinic sample)
    {
        App = app;
        Client = client;
        Sample = sample;
    }

    public SchedulerApp App { get; }
    public HttpClient Client { get; }
    public SampleClinic Sample { get; }

    public Guid Recliner(int n) => Sample.Chairs[$"Recliner {n}"];
    public Guid Riley => Sample.Patients["Riley Demo"];
    public Guid Quinn => Sample.Patients["Quinn Fictional"];

    /// <summary>Starts the app (a new one on a fresh database unless given); <paramref name="keepDatabase"/> leaves the file for a restart.</summary>
    public static async Task<Scenario> Start(SchedulerApp? app = null, bool keepDatabase = false)
    {
        app ??= new SchedulerApp();
        app.KeepDatabase = keepDatabase;
        var client = app.CreateClient();
        return new Scenario(app, client, await SampleClinic.Load(client));
    }

    /// <summary>A scenario over a client of the caller's (e.g. one signed in with a bearer token).</summary>
    public static async Task<Scenario> Start(SchedulerApp app, HttpClient client) =>
        new(app, client, await SampleClinic.Load(client));

    public Task<HttpResponseMessage> PostSeries(Guid patient, Guid protocol, params Choice[] sessions) =>
        Client.Post("/series", new { patientId = patient, protocolId = protocol, sessions = sessions.Select(s => new { chairId = s.ChairId, start = s.Start }) });

    /// <summary>Books exactly the chosen sessions and expects 201; returns the series.</summary>
    public async Task<JsonElement> Book(Guid patient, Guid protocol, params Choice[] sessions) =>
        await (await PostSeries(patient, protocol, sessions)).Expect(HttpStatusCode.Created);

    /// <summary>Books one Depression session (45 min infusion, 60 min observation, 15 min turnover) and returns it.</summary>
    public async Task<JsonElement> BookOne(Guid patient, Guid chair, string start) =>
        (await Book(patient, Sample.Depression, new Choice(chair, start))).Items("sessions").Single();

    public async Task<Guid> CreatePatient(string name, Guid? clinicId = null) =>
        (await (await Client.Post("/patients", new { clinicId = clinicId ?? Sample.ClinicId, name, email = "patient@example.org", preferredChannel = "email" }))
            .Expect(HttpStatusCode.Created)).Id();

    public async Task<JsonElement> Session(Guid sessionId) => await Client.Get($"/sessions/{sessionId}");

    public async Task<JsonElement> Schedule(string from, string to, Guid? clinicId = null) =>
        await Client.Get($"/clinics/{clinicId ?? Sample.ClinicId}/schedule?from={from}&to={to}");

    /// <summary>Every block on every chair of the sample clinic over local days [from, to], read in spans the API allows.</summary>
    public async Task<IReadOnlyList<JsonElement>> Blocks(string from, string to)
    {
        var blocks = new List<JsonElement>();
        var last = LocalDatePattern.Iso.Parse(to).Value;
        for (var day = LocalDatePattern.Iso.Parse(from).Value; day <= last; day = day.PlusDays(60))
        {
            var end = day.PlusDays(59) < last ? day.PlusDays(59) : last;
            var schedule = await Schedule(LocalDatePattern.Iso.Format(day), LocalDatePattern.Iso.Format(end));
            blocks.AddRange(schedule.Items("chairs").SelectMany(c => c.Items("blocks")));
        }
        return blocks;
    }

    /// <summary>
    /// Waits (up to 60 s) until the rebooking job has decided every case of the clinic (none pending),
    /// then returns the case opened for <paramref name="disrupted"/>, if one is given.
    /// </summary>
    public async Task<JsonElement> WaitForRebooking(Guid? disrupted = null, Guid? clinicId = null)
    {
        var clinic = clinicId ?? Sample.ClinicId;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await Client.Get($"/clinics/{clinic}/rebooking?status=pending")).Items().Count > 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException("The rebooking job did not decide every case within 60 s.");
            await Task.Delay(100);
        }
        if (disrupted is not { } id)
            return default;
        return (await Client.Get($"/clinics/{clinic}/rebooking")).Items().Single(c => c.GetProperty("sessionId").GetGuid() == id);
    }

    public async Task<IReadOnlyList<JsonElement>> SeriesOf(Guid patient) => (await Client.Get($"/patients/{patient}/series")).Items();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>Request bodies for small clinics of the tests' own (the sample clinic is in samples/sample-clinic.json).</summary>
public static class Bodies
{
    /// <summary>A clinic open on the given days over one range, one nurse per open hour range, observation in the chair.</summary>
    public static object Clinic(string name, string[] days, string from, string to, string timeZone = "America/New_York", object[]? closures = null) => new
    {
        name,
        timeZone,
        openingHours = days.ToDictionary(d => d, _ => new[] { new { from, to } }),
        closures = closures ?? [],
        slotMinutes = 15,
        turnoverMinutes = 15,
        nurseSetupMinutes = 15,
        nurseShifts = new[] { new { days, from, to, nurses = 2 } },
        patientsPerNurse = 4,
        observation = new { place = "chair" },
    };

    /// <summary>A recliner protocol of 45 min infusion and 60 min observation: a 2 h footprint with the 15 min turnover.</summary>
    public static object Protocol(string name, int count, int minGap, int maxGap, string[]? allowedDays = null, int infusion = 45, int observation = 60) => new
    {
        name,
        chairKind = "recliner",
        infusionMinutes = infusion,
        observationMinutes = observation,
        induction = new { count, minGapDays = minGap, maxGapDays = maxGap, allowedDays = allowedDays ?? [] },
    };

    /// <summary>Creates a clinic with one recliner and one protocol through the API; returns their ids.</summary>
    public static async Task<(Guid Clinic, Guid Chair, Guid Protocol)> SmallClinic(HttpClient client, object clinic, object protocol)
    {
        var clinicId = (await (await client.Post("/clinics", clinic)).Expect(HttpStatusCode.Created)).Id();
        var chairId = (await (await client.Post($"/clinics/{clinicId}/chairs", new { name = "Only chair", kind = "recliner" })).Expect(HttpStatusCode.Created)).Id();
        var protocolId = (await (await client.Post($"/clinics/{clinicId}/protocols", protocol)).Expect(HttpStatusCode.Created)).Id();
        return (clinicId, chairId, protocolId);
    }
}
