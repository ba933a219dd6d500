using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Series;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Rebooking;

/// <summary>A patient's request for another time: the case in the front desk's queue, and whether it was asked before.</summary>
public sealed record MoveRequest(RebookingCase Case, bool AskedBefore);

/// <summary>
/// The patient asks for another time for an upcoming session (with the link in a reminder). Unlike a
/// cancel nothing is given up: the session stays booked, so the patient keeps a time until a better
/// one is found, and a case (<see cref="RebookingTrigger.PatientAskedToMove"/>) goes straight to the
/// front desk's rebooking queue with the patient's note, because only a person can weigh "Tuesdays
/// after 2 pm" against the book and call the patient. One open request per session: asking again
/// answers with the first. Moving the session (or it ending: cancelled, missed) closes the request
/// (<see cref="Settle"/>).
/// </summary>
public sealed class AskForAnotherTime(ISchedulerStore store, IClock clock)
{
    public async Task<Result<MoveRequest>> Handle(SessionId sessionId, string? note, string actorName, CancellationToken ct)
    {
        var probe = await store.SeriesOfSession(sessionId, ct);
        if (probe is null)
            return Problem.NotFound("Session", sessionId.Value);
        var said = Text.Optional(note, "note", RebookingCase.MoveNoteMaxLength);
        return await store.InBookingTransaction(probe.ClinicId, async token =>
        {
            var series = (await store.SeriesOfSession(sessionId, token))!;
            var session = series.Sessions.Single(s => s.Id == sessionId);
            var now = clock.GetCurrentInstant();
            if (!session.Status.IsUpcoming())
                return (Result<MoveRequest>)Problem.Refused(new Refusal(RuleCode.LifecycleTransition,
                    $"Session {session.Ordinal} is {SessionView.Name(session.Status)}; another time can be asked for booked or confirmed sessions only."));
            if (session.Footprint.Start <= now)
                return Problem.Refused(new Refusal(RuleCode.InThePast, $"Session {session.Ordinal} has already started; it cannot be moved."));
            if (await store.OpenMoveRequestOf(session.Id, token) is { } open)
                return new MoveRequest(open, AskedBefore: true);
            var asked = RebookingCase.AskedToMove(session.ClinicId, session.SeriesId, session.PatientId, session.Id, session.Ordinal, said,
                session.Footprint.Start, session.ChairId, now);
            store.Add(asked);
            store.Add(new AuditEntry(now, actorName, "rebooking", asked.Id, "opened",
                $"for session {session.Ordinal} ({session.Id}): {Disruptions.Describe(asked.Trigger)}", said));
            store.Add(new AuditEntry(now, actorName, "session", session.Id.Value, "another time asked for", asked.Id.ToString(), said));
            await store.SaveChanges(token);
            return new MoveRequest(asked, AskedBefore: false);
        }, r => r.Ok, ct);
    }

    /// <summary>
    /// Closes the open request for another time of <paramref name="session"/>, if there is one, because
    /// the session was moved or ended (<paramref name="how"/> says which, in words). Called inside the
    /// transaction that moves or ends it; the caller saves.
    /// </summary>
    public static async Task Settle(ISchedulerStore store, Session session, string how, string actorName, Instant now, CancellationToken ct)
    {
        if (await store.OpenMoveRequestOf(session.Id, ct) is not { } open || open.Resolve(actorName, how, now) is not null)
            return;
        store.Add(new AuditEntry(now, actorName, "rebooking", open.Id, "resolved", how, null));
    }
}
