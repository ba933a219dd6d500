using NodaTime;
using Scheduler.Application.Reminders;
using Scheduler.Application.Common;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Rebooking;

/// <summary>
/// What confirming or cancelling a session means when it is the held time of a rebooking: confirming
/// takes the hold (the reminders of the new time are planned); cancelling declines it (the time is
/// released and the case goes to the front desk, instead of a new rebooking). Called by
/// <see cref="Sessions.Lifecycle.ChangeSessionStatus"/> inside its transaction, so the patient's link,
/// an SMS reply and the front desk all go the same way.
/// </summary>
public sealed class RebookingHolds(ISchedulerStore store, SessionReminders reminders)
{
    /// <summary>After <paramref name="session"/> was confirmed: takes its hold, if it is one.</summary>
    public async Task Confirmed(Clinic clinic, Session session, string actor, Instant now, CancellationToken ct)
    {
        if (await store.HeldCaseOf(session.Id, ct) is not { } held || held.Accept(now) is not null)
            return;
        store.Add(new AuditEntry(now, actor, "rebooking", held.Id, "rebooked", $"the patient took {Formats.DayTime(session.Footprint.Start, clinic.Settings.Zone)}", null));
        await reminders.Plan(clinic, [session], now, ct);
    }

    /// <summary>
    /// After <paramref name="session"/> was cancelled by a closure or an outage: true when it was a held
    /// time, whose case then waits for the rebooking job again (instead of a second case opening).
    /// </summary>
    public async Task<bool> Disrupted(Session session, string cause, string actor, Instant now, CancellationToken ct)
    {
        if (await store.HeldCaseOf(session.Id, ct) is not { } held)
            return false;
        held.Requeue(now);
        store.Add(new AuditEntry(now, actor, "rebooking", held.Id, "requeued", "the held time was cancelled; another will be looked for", cause));
        return true;
    }

    /// <summary>After <paramref name="session"/> was cancelled or marked a no-show: true when it was a hold, now released.</summary>
    public async Task<bool> Ended(Clinic clinic, Session session, string actor, Instant now, CancellationToken ct)
    {
        if (await store.HeldCaseOf(session.Id, ct) is not { } held)
            return false;
        var when = Formats.DayTime(session.Footprint.Start, clinic.Settings.Zone);
        var reason = session.Status == SessionStatus.NoShow
            ? $"The patient did not come to the held time ({when})."
            : $"The held time ({when}) was declined: {session.EndReason}";
        held.Release(reason, now);
        store.Add(new AuditEntry(now, actor, "rebooking", held.Id, "declined", reason, null));
        return true;
    }
}
