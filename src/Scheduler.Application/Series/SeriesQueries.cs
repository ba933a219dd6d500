using Scheduler.Application.Common;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Series;

public sealed record AuditView(string At, string Actor, string EntityType, Guid EntityId, string Action, string Details, string? Reason);

public sealed class SeriesQueries(ISchedulerStore store)
{
    public async Task<Result<SeriesView>> Get(Guid id, CancellationToken ct)
    {
        var series = await store.Series(new SeriesId(id), ct);
        if (series is null)
            return Problem.NotFound("Series", id);
        return SeriesView.Of(series, (await store.Clinic(series.ClinicId, ct))!.Settings.Zone);
    }

    public async Task<Result<IReadOnlyList<SeriesView>>> OfPatient(Guid patientId, CancellationToken ct)
    {
        var patient = await store.Patient(new PatientId(patientId), ct);
        if (patient is null)
            return Problem.NotFound("Patient", patientId);
        var zone = (await store.Clinic(patient.ClinicId, ct))!.Settings.Zone;
        return (await store.SeriesOfPatient(patient.Id, ct)).Select(s => SeriesView.Of(s, zone)).ToList();
    }

    public async Task<Result<SessionView>> Session(Guid sessionId, CancellationToken ct)
    {
        var series = await store.SeriesOfSession(new SessionId(sessionId), ct);
        if (series is null)
            return Problem.NotFound("Session", sessionId);
        var zone = (await store.Clinic(series.ClinicId, ct))!.Settings.Zone;
        return SessionView.Of(series.Sessions.Single(s => s.Id.Value == sessionId), zone);
    }

    /// <summary>The audit trail of a series, session, chair, clinic, protocol or patient, oldest first.</summary>
    public async Task<IReadOnlyList<AuditView>> Audit(Guid entityId, CancellationToken ct) =>
        (await store.Audit(entityId, ct))
            .Select(a => new AuditView(a.At.ToString(), a.Actor, a.EntityType, a.EntityId, a.Action, a.Details, a.Reason))
            .ToList();
}
