using NodaTime;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;
using Scheduler.Domain.Waitlist;

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

    /// <summary>
    /// What the utilisation figures read of every session of the clinic (any status) starting in
    /// [from, to), streamed in start order without tracking.
    /// </summary>
    IAsyncEnumerable<Domain.Capacity.SessionRecord> SessionRecords(ClinicId clinic, Instant from, Instant to, CancellationToken ct);

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

    /// <summary>A rebooking case, tracked.</summary>
    Task<RebookingCase?> RebookingCase(Guid id, CancellationToken ct);

    /// <summary>The case whose held time is <paramref name="session"/> and still waits for the patient, tracked.</summary>
    Task<RebookingCase?> HeldCaseOf(SessionId session, CancellationToken ct);

    /// <summary>The patient's open request for another time for <paramref name="session"/> (a case with the front desk), tracked; null when none.</summary>
    Task<RebookingCase?> OpenMoveRequestOf(SessionId session, CancellationToken ct);

    /// <summary>Ids of the clinic's cases the rebooking job has still to decide, earliest disrupted session first.</summary>
    Task<IReadOnlyList<Guid>> PendingRebookings(ClinicId clinic, CancellationToken ct);

    /// <summary>The clinic's cases, read-only, oldest first; of one status when <paramref name="status"/> is given.</summary>
    Task<IReadOnlyList<RebookingCase>> RebookingCases(ClinicId clinic, RebookingStatus? status, int take, CancellationToken ct);

    /// <summary>Held cases whose hold ran out at <paramref name="now"/>, read-only.</summary>
    Task<IReadOnlyList<RebookingCase>> ExpiredHolds(Instant now, CancellationToken ct);

    /// <summary>Clinics with cases still pending that were opened before <paramref name="openedBefore"/>.</summary>
    Task<IReadOnlyList<ClinicId>> ClinicsWithPendingRebookings(Instant openedBefore, CancellationToken ct);

    Task<WaitlistEntry?> WaitlistEntry(Guid id, CancellationToken ct);

    /// <summary>The waiting entry for a session, tracked; null when it is not on the waitlist.</summary>
    Task<WaitlistEntry?> WaitingEntryOf(SessionId session, CancellationToken ct);

    /// <summary>The clinic's waitlist, oldest first; only those still waiting when <paramref name="waitingOnly"/>.</summary>
    Task<IReadOnlyList<WaitlistEntry>> Waitlist(ClinicId clinic, bool waitingOnly, CancellationToken ct);

    /// <summary>An offer with its recipients, tracked.</summary>
    Task<SlotOffer?> SlotOffer(Guid id, CancellationToken ct);

    /// <summary>The clinic's offers with their recipients, read-only, newest first.</summary>
    Task<IReadOnlyList<SlotOffer>> SlotOffers(ClinicId clinic, int take, CancellationToken ct);

    /// <summary>Ids of offers still open whose time to answer ran out by <paramref name="expiredBy"/>.</summary>
    Task<IReadOnlyList<Guid>> OpenOfferIds(Instant expiredBy, CancellationToken ct);

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
