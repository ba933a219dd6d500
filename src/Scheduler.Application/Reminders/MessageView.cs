using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Series;
using Scheduler.Domain.Reminders;

namespace Scheduler.Application.Reminders;

/// <summary>
/// A reminder message as the front desk sees it; moments in the clinic's zone. A failed message with
/// a <see cref="NextAttemptAt"/> will be tried again; one without has failed for good.
/// </summary>
public sealed record MessageView(Guid Id, Guid SessionId, string Kind, string Status, string? Reason, string? ReasonText,
    string? DueAt, string Nominal, string SessionStart, int Attempts, string? NextAttemptAt, string? LastError,
    string? SentAt, string? Channel, string? SentTo, string? Subject, string? Body, string? ProviderId, string? Note)
{
    public static MessageView Of(ReminderMessage m, DateTimeZone zone) =>
        new(m.Id, m.SessionId.Value, SessionView.Name(m.Kind), SessionView.Name(m.Status), m.Reason is { } r ? SessionView.Name(r) : null,
            m.ReasonText, Formatting.Local(m.DueAt, zone), Formatting.Local(m.Nominal, zone), Formatting.Local(m.SessionStart, zone),
            m.Attempts, Formatting.Local(m.NextAttemptAt, zone), m.LastError, Formatting.Local(m.SentAt, zone),
            m.Channel is { } c ? SessionView.Name(c) : null, m.SentTo, m.Subject, m.Body, m.ProviderId, m.Note);
}

/// <summary>Reads reminder messages per session and per patient.</summary>
public sealed class MessageQueries(ISchedulerStore store)
{
    public async Task<Result<IReadOnlyList<MessageView>>> OfSession(Guid sessionId, CancellationToken ct)
    {
        var series = await store.SeriesOfSession(new Domain.Common.SessionId(sessionId), ct);
        if (series is null)
            return Problem.NotFound("Session", sessionId);
        var zone = (await store.Clinic(series.ClinicId, ct))!.Settings.Zone;
        return (await store.MessagesOfSession(new Domain.Common.SessionId(sessionId), ct))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Nominal).Select(m => MessageView.Of(m, zone)).ToList();
    }

    public async Task<Result<IReadOnlyList<MessageView>>> OfPatient(Guid patientId, CancellationToken ct)
    {
        var patient = await store.Patient(new Domain.Common.PatientId(patientId), ct);
        if (patient is null)
            return Problem.NotFound("Patient", patientId);
        var zone = (await store.Clinic(patient.ClinicId, ct))!.Settings.Zone;
        return (await store.MessagesOfPatient(patient.Id, ct)).Select(m => MessageView.Of(m, zone)).ToList();
    }
}
