using NodaTime;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Common;

/// <summary>The persistence port. One instance per request; entities it returns are tracked until <see cref="SaveChanges"/>.</summary>
public interface ISchedulerStore
{
    Task<Clinic?> Clinic(ClinicId id, CancellationToken ct);
    Task<IReadOnlyList<Clinic>> Clinics(CancellationToken ct);
    Task<Chair?> Chair(ChairId id, CancellationToken ct);
    Task<IReadOnlyList<Chair>> Chairs(ClinicId clinic, CancellationToken ct);
    Task<Protocol?> Protocol(ProtocolId id, CancellationToken ct);
    Task<IReadOnlyList<Protocol>> Protocols(ClinicId clinic, CancellationToken ct);
    Task<Patient?> Patient(PatientId id, CancellationToken ct);
    Task<IReadOnlyList<Patient>> Patients(ClinicId clinic, string? search, int skip, int take, CancellationToken ct);
    Task<TreatmentSeries?> Series(SeriesId id, CancellationToken ct);
    Task<TreatmentSeries?> SeriesOfSession(SessionId id, CancellationToken ct);
    Task<IReadOnlyList<TreatmentSeries>> SeriesOfPatient(PatientId id, CancellationToken ct);

    /// <summary>Sessions of the clinic that hold time (not cancelled, not no-show) and overlap [from, to).</summary>
    Task<IReadOnlyList<BookedSession>> Occupying(ClinicId clinic, Instant from, Instant to, CancellationToken ct);

    /// <summary>All sessions of the clinic, any status, starting in [from, to).</summary>
    Task<IReadOnlyList<Session>> SessionsStarting(ClinicId clinic, Instant from, Instant to, CancellationToken ct);

    Task<IReadOnlyList<AuditEntry>> Audit(Guid entityId, CancellationToken ct);

    /// <summary>A session's reminder messages, tracked, oldest first.</summary>
    Task<IReadOnlyList<ReminderMessage>> MessagesOfSession(SessionId session, CancellationToken ct);

    /// <summary>A patient's reminder messages, read-only, by due time.</summary>
    Task<IReadOnlyList<ReminderMessage>> MessagesOfPatient(PatientId patient, CancellationToken ct);

    /// <summary>The clinic's saved reminder policy, or the default.</summary>
    Task<ReminderPolicy> ReminderPolicy(ClinicId clinic, CancellationToken ct);

    /// <summary>The clinic's saved policy record, tracked; null when it uses the default.</summary>
    Task<ClinicReminderPolicy?> SavedReminderPolicy(ClinicId clinic, CancellationToken ct);

    /// <summary>The message whose link carries <paramref name="linkCode"/>, read-only.</summary>
    Task<ReminderMessage?> MessageByLinkCode(string linkCode, CancellationToken ct);

    /// <summary>Patients (of any clinic) with this phone number.</summary>
    Task<IReadOnlyList<Patient>> PatientsByPhone(PhoneNumber phone, CancellationToken ct);

    /// <summary>The number's opt-out, tracked; null when it has none.</summary>
    Task<SmsOptOut?> SmsOptOut(PhoneNumber phone, CancellationToken ct);

    Task<InboundSms?> InboundSms(string providerId, CancellationToken ct);

    Task<InboundSms?> InboundSms(Guid id, CancellationToken ct);

    /// <summary>Replies received for a clinic (or not matched to any clinic when <paramref name="clinic"/> is null), newest first.</summary>
    Task<IReadOnlyList<InboundSms>> InboundSmsOf(ClinicId? clinic, bool onlyNeedingFrontDesk, int take, CancellationToken ct);

    /// <summary>Runs of background work, newest first: of one clinic when <paramref name="clinic"/> is given, of one kind when <paramref name="kind"/> is.</summary>
    Task<IReadOnlyList<WorkRun>> WorkRuns(ClinicId? clinic, string? kind, int take, CancellationToken ct);

    Task<WorkRun?> WorkRun(Guid id, CancellationToken ct);

    void Add(object entity);

    void Remove(object entity);

    Task SaveChanges(CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="work"/> holding the clinic's booking lock, so that no other booking in
    /// the clinic can check and write between this one's reads and its commit. Entities loaded before
    /// are forgotten when the lock is taken: <paramref name="work"/> must load what it changes. Commits
    /// when <paramref name="commit"/> says so for the result, otherwise rolls back and forgets changes.
    /// </summary>
    Task<T> InBookingTransaction<T>(ClinicId clinic, Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken ct);
}
