using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Chairs;

/// <summary>Creates, changes and lists chairs, and their out-of-service windows.</summary>
public sealed class ManageChairs(ISchedulerStore store, IClock clock, IActor actor, SessionReminders reminders, RebookingHolds holds, Disruptions disruptions)
{
    public async Task<Result<ChairView>> Create(Guid clinicId, ChairInput input, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        var chair = Chair.Create(clinic.Id, input.Name ?? "", new ChairKind(input.Kind ?? ""), input.Active ?? true);
        store.Add(chair);
        store.Add(new AuditEntry(clock.GetCurrentInstant(), actor.Name, "chair", chair.Id.Value, "created", $"{chair.Name} ({chair.Kind})", null));
        await store.SaveChanges(ct);
        return ChairView.Of(chair, clinic.Settings.Zone);
    }

    /// <summary>Renames, changes kind or (de)activates. A kind change is refused while sessions are booked on the chair.</summary>
    public async Task<Result<ChairView>> Update(Guid chairId, ChairInput input, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var chair = await store.Chair(new ChairId(chairId), ct);
        if (chair is null)
            return Problem.NotFound("Chair", chairId);
        return await store.InBookingTransaction(chair.ClinicId, async token =>
        {
            chair = (await store.Chair(chair.Id, token))!;
            var clinic = (await store.Clinic(chair.ClinicId, token))!;
            var kind = new ChairKind(input.Kind ?? chair.Kind.Value);
            if (kind != chair.Kind)
            {
                var booked = (await store.Occupying(chair.ClinicId, now, now + Duration.FromDays(3660), token)).Count(s => s.Chair == chair.Id);
                if (booked > 0)
                    return (Result<ChairView>)Problem.Refused(new Refusal(RuleCode.WrongChair,
                        $"{chair.Name} has {booked} session(s) booked ahead; its kind cannot change until they are moved or cancelled."));
            }
            chair.Update(input.Name ?? chair.Name, kind, input.Active ?? chair.Active);
            store.Add(new AuditEntry(now, actor.Name, "chair", chair.Id.Value, "updated", $"{chair.Name} ({chair.Kind}), active: {chair.Active}", null));
            await store.SaveChanges(token);
            return ChairView.Of(chair, clinic.Settings.Zone);
        }, r => r.Ok, ct);
    }

    public async Task<Result<ChairView>> Get(Guid chairId, CancellationToken ct)
    {
        var chair = await store.Chair(new ChairId(chairId), ct);
        if (chair is null)
            return Problem.NotFound("Chair", chairId);
        var clinic = (await store.Clinic(chair.ClinicId, ct))!;
        return ChairView.Of(chair, clinic.Settings.Zone);
    }

    public async Task<Result<IReadOnlyList<ChairView>>> List(Guid clinicId, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        return (await store.Chairs(clinic.Id, ct)).Select(c => ChairView.Of(c, clinic.Settings.Zone)).ToList();
    }

    /// <summary>
    /// Takes a chair out of service over [start, end). The booked or confirmed sessions on the chair in
    /// that window are cancelled with the reason and rebooked (the rebooking job looks first for the
    /// same start on another chair). Refused while a session on the chair in the window has begun.
    /// </summary>
    public async Task<Result<ChairView>> AddOutOfService(Guid chairId, OutOfServiceInput input, CancellationToken ct)
    {
        var taken = await TakeOutOfService(chairId, input, ct);
        return taken.Ok ? taken.Value!.Chair : taken.Problem!;
    }

    /// <summary>
    /// As <see cref="AddOutOfService"/>, and says what it did: <see cref="OutOfServiceAdded.Cancelled"/>
    /// booked sessions in the window were cancelled, <see cref="OutOfServiceAdded.ToRebook"/> of them
    /// went to rebooking (the others belonged to series no longer active).
    /// </summary>
    public async Task<Result<OutOfServiceAdded>> TakeOutOfService(Guid chairId, OutOfServiceInput input, CancellationToken ct)
    {
        var chair = await store.Chair(new ChairId(chairId), ct);
        if (chair is null)
            return Problem.NotFound("Chair", chairId);
        var zone = (await store.Clinic(chair.ClinicId, ct))!.Settings.Zone;
        var start = Parse.Moment(input.Start, zone, "start");
        var end = Parse.Moment(input.End, zone, "end");
        var reason = Text.Required(input.Reason, "reason", Text.ReasonMaxLength);
        if (end <= start)
            return Problem.Invalid("end", "The window must end after it starts.");
        if (end - start > Duration.FromDays(366))
            return Problem.Invalid("end", "An out-of-service window can last at most a year.");
        var rebook = 0;
        var result = await store.InBookingTransaction(chair.ClinicId, async token =>
        {
            rebook = 0;
            var now = clock.GetCurrentInstant();
            chair = (await store.Chair(chair.Id, token))!;
            var clashes = (await store.Occupying(chair.ClinicId, start, end, token))
                .Where(s => s.Chair == chair.Id && s.Footprint.Start < end && start < s.Footprint.TurnoverEnd)
                .OrderBy(s => s.Footprint.Start)
                .ToList();
            var affected = new List<Session>();
            foreach (var clash in clashes)
            {
                var series = (await store.SeriesOfSession(clash.Session, token))!;
                var session = series.Sessions.Single(s => s.Id == clash.Session);
                if (!session.Status.IsUpcoming() || session.Footprint.Start <= now)
                    return (Result<OutOfServiceAdded>)Problem.Refused(new Refusal(RuleCode.ChairTaken,
                        $"Session {session.Ordinal} on {chair.Name} at {Formats.DayTime(session.Footprint.Start, zone)} has begun; " +
                        $"start the window when its turnover ends ({Formats.DayTime(session.Footprint.TurnoverEnd, zone)})."));
                affected.Add(session);
            }
            var window = chair.AddOutOfService(start, end, reason);
            var cause = $"{chair.Name} is out of service from {Formats.DayTime(start, zone)} to {Formats.DayTime(end, zone)}: {window.Reason}";
            foreach (var session in affected)
            {
                session.Cancel(now, cause);
                store.Add(new AuditEntry(now, actor.Name, "session", session.Id.Value, "cancelled", "its chair went out of service", cause));
                await reminders.Cancel(session, cause, now, token);
                await AskForAnotherTime.Settle(store, session, $"The session was cancelled: {cause}.", actor.Name, now, token);
                if (await holds.Disrupted(session, cause, actor.Name, now, token))
                {
                    rebook++;
                }
                else if ((await store.Series(session.SeriesId, token))!.Status == SeriesStatus.Active)
                {
                    disruptions.Open(session, RebookingTrigger.ChairOutOfService, cause, actor.Name, now);
                    rebook++;
                }
            }
            store.Add(new AuditEntry(now, actor.Name, "chair", chair.Id.Value, "out-of-service added",
                $"{Formats.DayTime(start, zone)} to {Formats.DayTime(end, zone)}; {affected.Count} session(s) cancelled, {rebook} to rebook", window.Reason));
            await store.SaveChanges(token);
            return new OutOfServiceAdded(ChairView.Of(chair, zone), OutOfServiceView.Of(window, zone), affected.Count, rebook);
        }, r => r.Ok, ct);
        if (result.Ok && rebook > 0)
            await disruptions.RequestRebooking(chair.ClinicId, ct);
        return result;
    }

    public async Task<Result<ChairView>> RemoveOutOfService(Guid chairId, Guid windowId, CancellationToken ct)
    {
        var chair = await store.Chair(new ChairId(chairId), ct);
        if (chair is null)
            return Problem.NotFound("Chair", chairId);
        if (!chair.RemoveOutOfService(windowId))
            return Problem.NotFound("Out-of-service window", windowId);
        store.Add(new AuditEntry(clock.GetCurrentInstant(), actor.Name, "chair", chair.Id.Value, "out-of-service removed", windowId.ToString(), null));
        await store.SaveChanges(ct);
        return ChairView.Of(chair, (await store.Clinic(chair.ClinicId, ct))!.Settings.Zone);
    }
}
