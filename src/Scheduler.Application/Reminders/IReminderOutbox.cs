using NodaTime;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Reminders;

/// <summary>
/// What a dispatcher needs to decide about a batch of claimed messages, read in a few queries.
/// <see cref="RecentSms"/> grows as the batch sends, so the caps see the batch's own SMS too.
/// </summary>
public sealed record DispatchFacts(
    IReadOnlyDictionary<ClinicId, Clinic> Clinics,
    IReadOnlyDictionary<ClinicId, ReminderPolicy> Policies,
    IReadOnlyDictionary<PatientId, Patient> Patients,
    IReadOnlyDictionary<SessionId, Session> Sessions,
    IReadOnlySet<string> OptedOutPhones,
    Dictionary<PatientId, List<Instant>> RecentSms,
    IReadOnlyDictionary<Guid, Instant> OpenOffers);

/// <summary>
/// The reminder messages as a queue: claim what is due, read what deciding needs, record the outcome.
/// One instance per batch; claimed messages are tracked until <see cref="Save"/>.
/// </summary>
public interface IReminderOutbox
{
    /// <summary>
    /// Settles claims whose lease ran out (a dispatcher died mid-batch): handed back to be sent when
    /// <paramref name="resendSafe"/> (nothing can have left the process), otherwise failed as
    /// interrupted, so nothing is sent twice. Returns how many.
    /// </summary>
    Task<int> SettleAbandonedClaims(Instant now, bool resendSafe, CancellationToken ct);

    /// <summary>
    /// Claims up to <paramref name="max"/> messages due at <paramref name="now"/> (scheduled and due,
    /// or failed with a retry due), earliest first, in one atomic step: each message is claimed by
    /// one caller only, however many dispatchers run. Returns them tracked.
    /// </summary>
    Task<IReadOnlyList<ReminderMessage>> ClaimDue(Guid claimId, Instant now, Instant leaseUntil, int max, CancellationToken ct);

    /// <summary>
    /// Patients, sessions, clinics and policies of the messages; opt-outs; each patient's SMS sent since
    /// <paramref name="smsSince"/>; the waitlist offers they are about that are still open, with when each expires.
    /// </summary>
    Task<DispatchFacts> Facts(IReadOnlyList<ReminderMessage> messages, Instant smsSince, CancellationToken ct);

    /// <summary>Records the outcome of the batch in one transaction.</summary>
    Task Save(CancellationToken ct);
}
