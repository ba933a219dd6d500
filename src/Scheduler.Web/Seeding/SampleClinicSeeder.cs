using System.Text.Json;
using Scheduler.Application.Chairs;
using Scheduler.Application.Clinics;
using Scheduler.Application.Common;
using Scheduler.Application.Patients;
using Scheduler.Application.Protocols;

namespace Scheduler.Web.Seeding;

/// <summary>The sample clinic file: a clinic, its chairs, protocols and patients, in the API's own input shapes.</summary>
public sealed record SampleClinic(ClinicInput Clinic, List<ChairInput> Chairs, List<ProtocolInput> Protocols, List<PatientInput> Patients);

/// <summary>Loads the sample clinic through the same use cases the API calls, when the database has no clinic yet.</summary>
public static class SampleClinicSeeder
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task SeedIfEmpty(IServiceProvider services, string path, ILogger logger, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        if ((await sp.GetRequiredService<ClinicQueries>().List(ct)).Count > 0)
            return;
        if (!File.Exists(path))
        {
            logger.LogWarning("Sample clinic file {Path} not found; starting with an empty database", path);
            return;
        }
        await using var stream = File.OpenRead(path);
        var sample = await JsonSerializer.DeserializeAsync<SampleClinic>(stream, Options, ct)
            ?? throw new InvalidOperationException($"{path} is empty.");
        var clinic = Must(await sp.GetRequiredService<SaveClinic>().Create(sample.Clinic, ct));
        foreach (var chair in sample.Chairs)
            Must(await sp.GetRequiredService<ManageChairs>().Create(clinic.Id, chair, ct));
        foreach (var protocol in sample.Protocols)
            Must(await sp.GetRequiredService<ManageProtocols>().Create(clinic.Id, protocol, ct));
        foreach (var patient in sample.Patients)
            Must(await sp.GetRequiredService<ManagePatients>().Create(patient with { ClinicId = clinic.Id }, ct));
        logger.LogInformation("Loaded the sample clinic {Name} from {Path}", clinic.Name, path);
    }

    private static T Must<T>(Result<T> result) =>
        result.Ok ? result.Value! : throw new InvalidOperationException($"The sample clinic is not valid: {result.Problem!.Detail}");
}
