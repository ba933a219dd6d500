using System.Net.Http.Json;
using System.Text.Json;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>Ids of the sample clinic loaded from samples/sample-clinic.json, looked up through the API.</summary>
public sealed record SampleClinic(Guid ClinicId, IReadOnlyDictionary<string, Guid> Chairs, IReadOnlyDictionary<string, Guid> Protocols, IReadOnlyDictionary<string, Guid> Patients)
{
    public Guid Depression => Protocols.First(p => p.Key.StartsWith("Depression", StringComparison.Ordinal)).Value;
    public Guid ChronicPain => Protocols.First(p => p.Key.StartsWith("Chronic pain", StringComparison.Ordinal)).Value;
    public Guid Extended => Protocols.First(p => p.Key.StartsWith("Extended", StringComparison.Ordinal)).Value;

    public static async Task<SampleClinic> Load(HttpClient client)
    {
        var clinics = await client.GetFromJsonAsync<JsonElement>("/clinics");
        var id = clinics[0].GetProperty("id").GetGuid();
        return new SampleClinic(
            id,
            await Names(client, $"/clinics/{id}/chairs"),
            await Names(client, $"/clinics/{id}/protocols"),
            await Names(client, $"/clinics/{id}/patients"));
    }

    private static async Task<IReadOnlyDictionary<string, Guid>> Names(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonElement>(url)).EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("id").GetGuid());
}
