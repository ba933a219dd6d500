using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Application.Series;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Sessions.Lifecycle;

public enum SessionAction
{
    Confirm,
    CheckIn,
    StartInfusion,
    StartObservation,
    Complete,
    MarkNoShow,
    Cancel,
}

/// <summary>
/// Why (needed to cancel). <see cref="Rebook"/>: whether a cancelled or missed session is rebooked
/// (default yes; no when the patient is stopping treatment or will call back).
/// </summary>
public sealed record SessionActionInput(string? Reason, bool? Rebook = null);

/// <summary>Settings of the session lifecycle from configuration.</summary>
public sealed class LifecycleOptions
{
    /// <summary>How long after the start a session that was not checked in may be marked a no-show.</summary>
    public int NoShowGraceMinutes { get; set; } = 30;
}

/// <summary>
/// Moves a session along its lifecycle (Booked → Confirmed → CheckedIn → Infusing → Observing →
/// Completed; Cancelled and NoShow as exits). Anything else is refused and nothing changes.
/// </summary>
public sealed class ChangeSessionStatus(ISchedulerStore store, IClock clock, IActor actor, LifecycleOptions options, SessionReminders reminders,
    RebookingHolds holds, Disruptions disruptions)
{
    public Task<Result<SessionView>> Handle(Guid sessionId, SessionAction action, SessionActionInput? input, CancellationToken ct) =>
        Handle(sessionId, action, input, actor.Name, ct);

    /// <summary>The same, with who acts named by the caller: a patient's own link or reply rather than the request's actor.</summary>
    public async Task<Result<SessionView>> Handle(Guid sessionId, SessionAction action, SessionActionInput? input, string actorName, CancellationToken ct)
    {
        var probe = await store.SeriesOfSession(new SessionId(sessionId), ct);
        if (probe is null)
            return Problem.NotFound("Session", sessionId);
        var reason = Text.Optional(input?.Reason, "reason", Text.ReasonMaxLength);
        if (action == SessionAction.Cancel && reason is null)
            throw new InvalidValueException("reason", "Say why the session is cancelled.");
        // Under the clinic's lock and re-read inside it: of a cancel and a check-in racing, the
        // second sees the first's result and is refused, instead of overwriting it.
        RebookingCase? opened = null;
        Session? freed = null;
        var result = await store.InBookingTransaction(probe.ClinicId, async token =>
        {
            opened = null;
            freed = null;
            var series = (await store.SeriesOfSession(new SessionId(sessionId), token))!;
            var session = series.Sessions.Single(s => s.Id.Value == sessionId);
            var now = clock.GetCurrentInstant();
            var refusal = action switch
            {
                SessionAction.Confirm => session.Confirm(now),
                SessionAction.CheckIn => session.CheckIn(now),
                SessionAction.StartInfusion => session.StartInfusion(now),
                SessionAction.StartObservation => session.StartObservation(now),
                SessionAction.Complete => session.Complete(now),
                SessionAction.MarkNoShow => session.MarkNoShow(now, Duration.FromMinutes(options.NoShowGraceMinutes), reason ?? "Did not arrive"),
                SessionAction.Cancel => session.Cancel(now, reason!),
                _ => throw new ArgumentOutOfRangeException(nameof(action)),
            };
            if (refusal is not null)
                return (Result<SessionView>)Problem.Refused(refusal);
            store.Add(new AuditEntry(now, actorName, "session", session.Id.Value, SessionView.Name(action), $"now {SessionView.Name(session.Status)}", reason));
            var clinic = (await store.Clinic(series.ClinicId, token))!;
            if (session.Status == SessionStatus.Confirmed)
                await holds.Confirmed(clinic, session, actorName, now, token);
            if (session.Status is SessionStatus.Cancelled or SessionStatus.NoShow)
            {
                await reminders.Cancel(session, $"The session was {(session.Status == SessionStatus.NoShow ? "marked a no-show" : "cancelled")}: {session.EndReason}", now, token);
                await AskForAnotherTime.Settle(store, session,
                    $"The session was {(session.Status == SessionStatus.NoShow ? "marked a no-show" : "cancelled")}, so it is not moved.", actorName, now, token);
                var wasHold = await holds.Ended(clinic, session, actorName, now, token);
                if (!wasHold && input?.Rebook != false && series.Status == SeriesStatus.Active)
                {
                    opened = disruptions.Open(session, session.Status == SessionStatus.NoShow ? RebookingTrigger.NoShow : RebookingTrigger.PatientCancelled,
                        session.EndReason!, actorName, now);
                }
                if (session.Status == SessionStatus.Cancelled && session.Footprint.Start > now)
                    freed = session;
            }
            await store.SaveChanges(token);
            return SessionView.Of(session, clinic.Settings.Zone);
        }, r => r.Ok, ct);

        if (result.Ok)
        {
            var key = opened is null ? null : await disruptions.RequestRebooking(opened.ClinicId, ct);
            if (freed is not null)
                await disruptions.OfferFreedTime(key, freed, $"Session cancelled: {freed.EndReason}", ct);
        }
        return result;
    }
}
