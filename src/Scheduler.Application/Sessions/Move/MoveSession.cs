using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Application.Series;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Sessions.Move;

/// <summary>Where to: a start (clinic-local "2027-01-14T09:00", or a moment) and optionally another chair.</summary>
public sealed record MoveSessionInput(string? Start, Guid? ChairId, string? Reason);

/// <summary>
/// Moves an upcoming session, under the clinic's booking lock. Every chair rule is checked against
/// the book without the session itself, and the spacing to its neighbours in the series still holds.
/// The moved session must be confirmed again.
/// </summary>
public sealed class MoveSession(ISchedulerStore store, IClock clock, IActor actor, SessionReminders reminders)
{
    public async Task<Result<SessionView>> Handle(Guid sessionId, MoveSessionInput input, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var reason = Text.Optional(input.Reason, "reason", Text.ReasonMaxLength);
        var probe = await store.SeriesOfSession(new SessionId(sessionId), ct);
        if (probe is null)
            return Problem.NotFound("Session", sessionId);

        return await store.InBookingTransaction(probe.ClinicId, async token =>
        {
            var series = (await store.SeriesOfSession(new SessionId(sessionId), token))!;
            var clinic = (await store.Clinic(series.ClinicId, token))!;
            var zone = clinic.Settings.Zone;
            var start = Parse.Moment(input.Start, zone, "start");
            var session = series.Sessions.Single(s => s.Id.Value == sessionId);
            var protocol = await store.Protocol(series.ProtocolId, token);
            if (protocol is null)
                return (Result<SessionView>)Problem.NotFound("Protocol", series.ProtocolId);
            if (!session.Status.IsUpcoming())
                return Problem.Refused(new Refusal(RuleCode.LifecycleTransition, $"Session {session.Ordinal} is {SessionView.Name(session.Status)}; only booked or confirmed sessions can be moved."));
            if (session.Footprint.Start < now)
                return Problem.Refused(new Refusal(RuleCode.InThePast, $"Session {session.Ordinal} has already started; it cannot be moved."));

            var date = start.InZone(zone).Date;
            var previous = series.DateOf(session.Ordinal - 1, zone);
            var next = series.DateOf(session.Ordinal + 1, zone);
            if (SeriesSpacing.CheckNeighbours(protocol, session.Ordinal, date, previous, next) is { } spacing)
                return Problem.Refused(spacing);

            var book = await ClinicBook.Load(store, clinic, date, date, session.Id, token);
            var chairId = input.ChairId is { } c ? new ChairId(c) : session.ChairId;
            var chair = book.Chairs.FirstOrDefault(x => x.Id == chairId);
            if (chair is null)
                return Problem.Invalid("chairId", $"There is no chair {chairId} in this clinic.");
            if (BookingRules.Check(book.Index, chair, protocol, session.PatientId, start, now, out var footprint) is { } refusal)
                return Problem.Refused(refusal);

            var from = $"{Formatting.Local(session.Footprint.Start, zone)} on {session.ChairId}";
            if (session.MoveTo(chair.Id, footprint) is { } lifecycle)
                return Problem.Refused(lifecycle);
            store.Add(new AuditEntry(now, actor.Name, "session", session.Id.Value, "moved",
                $"from {from} to {Formatting.Local(start, zone)} on {chair.Id} ({chair.Name})", reason));
            await reminders.Replan(clinic, session, now, token);
            await AskForAnotherTime.Settle(store, session, $"The session was moved to {Formats.DayTime(start, zone)} on {chair.Name}.", actor.Name, now, token);
            await store.SaveChanges(token);
            return SessionView.Of(session, zone);
        }, r => r.Ok, ct);
    }
}
