using Scheduler.Domain.Common;

namespace Scheduler.Application.Common;

/// <summary>Patient and chair names looked up once each per request.</summary>
internal sealed class NameLookup(ISchedulerStore store, ClinicId clinic)
{
    private readonly Dictionary<PatientId, string> patients = [];
    private Dictionary<ChairId, string>? chairs;

    public async Task<string> Patient(PatientId id, CancellationToken ct)
    {
        if (!patients.TryGetValue(id, out var name))
            patients[id] = name = (await store.Patient(id, ct))?.Name ?? "(patient removed)";
        return name;
    }

    public async Task<string> Chair(ChairId id, CancellationToken ct)
    {
        chairs ??= (await store.Chairs(clinic, ct)).ToDictionary(c => c.Id, c => c.Name);
        return chairs.TryGetValue(id, out var name) ? name : "(chair removed)";
    }
}
