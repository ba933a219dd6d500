using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Reminders;

/// <summary>
/// Keeps a session's reminder messages in step with the session, in the same save as the change:
/// booking plans them, moving suppresses the pending ones and plans new ones, cancelling (or a
/// no-show) suppresses them. <see cref="ReminderDispatcher"/> sends them when they fall due.
/// </summary>
public sealed class SessionReminders(ISchedulerStore store)
{
    public async Task Plan(Clinic clinic, IEnumerable<Session> sessions, Instant now, CancellationToken ct)
    {
        var policy = await store.ReminderPolicy(clinic.Id, ct);
        foreach (var session in sessions)
            Plan(clinic, policy, session, now);
    }

    public async Task Replan(Clinic clinic, Session session, Instant now, CancellationToken ct)
    {
        await Suppress(session, SuppressionReason.SessionMoved,
            $"The session moved to {Formatting.Local(session.Footprint.Start, clinic.Settings.Zone)}; its reminders were planned again.", now, ct);
        Plan(clinic, await store.ReminderPolicy(clinic.Id, ct), session, now);
    }

    public Task Cancel(Session session, string why, Instant now, CancellationToken ct) =>
        Suppress(session, SuppressionReason.SessionCancelled, why, now, ct);

    private void Plan(Clinic clinic, ReminderPolicy policy, Session session, Instant now)
    {
        foreach (var planned in ReminderPlanner.Plan(session.Footprint.Start, clinic.Settings.Zone, policy, now))
            store.Add(ReminderMessage.Plan(clinic.Id, session.Id, session.PatientId, session.Footprint.Start, planned, ReminderLinks.NewCode(), now));
    }

    private async Task Suppress(Session session, SuppressionReason reason, string text, Instant now, CancellationToken ct)
    {
        foreach (var message in await store.MessagesOfSession(session.Id, ct))
        {
            if (message.IsPending)
                message.Suppress(reason, text, now);
        }
    }
}
