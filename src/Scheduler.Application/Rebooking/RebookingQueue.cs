using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Reminders;
using Scheduler.Application.Series;
using Scheduler.Application.Sessions.Lifecycle;
using Scheduler.Application.Sessions.Move;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Rebooking;

/// <summary>A rebooking case as the front desk sees it; moments in the clinic's zone.</summary>
public sealed record RebookingView(
    Guid Id, Guid ClinicId, Guid SeriesId, Guid PatientId, Guid SessionId, int Ordinal, string Trigger, string Cause,
    string OriginalStart, Guid OriginalChairId, string Status, int Attempts, Guid? HeldSessionId, Guid? HeldChairId, string? HeldStart,
    string? HoldExpiresAt, string? Shifted, string? FrontDeskReason, string? ResolvedBy, string? ResolvedAt, string? Resolution,
    string CreatedAt, string UpdatedAt, IReadOnlyList<AuditView>? History)
{
    public static RebookingView Of(RebookingCase c, DateTimeZone zone, IReadOnlyList<AuditView>? history = null) =>
        new(c.Id, c.ClinicId.Value, c.SeriesId.Value, c.PatientId.Value, c.SessionId.Value, c.Ordinal, SessionView.Name(c.Trigger), c.Cause,
            Formatting.Local(c.OriginalStart, zone), c.OriginalChairId.Value, SessionView.Name(c.Status), c.Attempts, c.HeldSessionId?.Value,
            c.HeldChairId?.Value, Formatting.Local(c.HeldStart, zone), Formatting.Local(c.HoldExpiresAt, zone), c.Shifted, c.FrontDeskReason,
            c.ResolvedBy, Formatting.Local(c.ResolvedAt, zone), c.Resolution, Formatting.Local(c.CreatedAt, zone), Formatting.Local(c.UpdatedAt, zone), history);
}

/// <summary>
/// Resolving a case by hand: with <see cref="Start"/> (and optionally <see cref="ChairId"/>) the front
/// desk books the session at that time, checked like any booking; without, the case is closed with
/// the <see cref="Note"/> (the patient will call back, stops treatment…). For a patient's request for
/// another time the session still stands, so a start moves it there (the note is the move's reason).
/// </summary>
public sealed record ResolveRebookingInput(string? Note, string? Start, Guid? ChairId);

/// <summary>The rebooking queue: list and read cases, resolve them by hand, confirm or decline a hold for the patient.</summary>
public sealed class RebookingQueue(ISchedulerStore store, IClock clock, IActor actor, SessionReminders reminders, ChangeSessionStatus change, MoveSession move)
{
    public const int MaxList = 500;

    public async Task<Result<IReadOnlyList<RebookingView>>> List(Guid clinicId, string? status, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        RebookingStatus? wanted = status is null ? null : Parse.Named<RebookingStatus>(status, "status");
        return (await store.RebookingCases(clinic.Id, wanted, MaxList, ct)).Select(c => RebookingView.Of(c, clinic.Settings.Zone)).ToList();
    }

    /// <summary>One case with its history: every step the job and people took, oldest first.</summary>
    public async Task<Result<RebookingView>> Get(Guid id, CancellationToken ct)
    {
        var c = await store.RebookingCase(id, ct);
        if (c is null)
            return Problem.NotFound("Rebooking", id);
        var zone = (await store.Clinic(c.ClinicId, ct))!.Settings.Zone;
        var history = (await store.Audit(c.Id, ct))
            .Select(a => new AuditView(Formatting.Local(a.At, zone), a.Actor, a.EntityType, a.EntityId, a.Action, a.Details, a.Reason)).ToList();
        return RebookingView.Of(c, zone, history);
    }

    /// <summary>Takes the held time for the patient (who said yes on the phone): the same as the patient's own link.</summary>
    public async Task<Result<RebookingView>> Confirm(Guid id, CancellationToken ct) => await OnHold(id, SessionAction.Confirm, null, ct);

    /// <summary>Declines the held time for the patient: the time is released and the case stays with the front desk.</summary>
    public async Task<Result<RebookingView>> Decline(Guid id, string? reason, CancellationToken ct) =>
        await OnHold(id, SessionAction.Cancel, Text.Optional(reason, "reason", Text.ReasonMaxLength) ?? "The patient declined the held time", ct);

    public async Task<Result<RebookingView>> Resolve(Guid id, ResolveRebookingInput input, CancellationToken ct)
    {
        var note = Text.Required(input.Note, "note", Text.ReasonMaxLength);
        var probe = await store.RebookingCase(id, ct);
        if (probe is null)
            return Problem.NotFound("Rebooking", id);
        if (probe is { Trigger: RebookingTrigger.PatientAskedToMove, Status: RebookingStatus.FrontDesk } && input.Start is not null)
        {
            // The session still stands: it is moved (every rule checked), which closes the request.
            var moved = await move.Handle(probe.SessionId.Value, new MoveSessionInput(input.Start, input.ChairId, note), ct);
            return moved.Ok ? await Get(id, ct) : moved.Problem!;
        }
        var result = await store.InBookingTransaction(probe.ClinicId, async token =>
        {
            var c = (await store.RebookingCase(id, token))!;
            var now = clock.GetCurrentInstant();
            if (c.Status is not (RebookingStatus.Pending or RebookingStatus.FrontDesk))
                return (Result<string>)Problem.Refused(new Refusal(RuleCode.LifecycleTransition,
                    $"The rebooking is {RebookingCase.Name(c.Status)}; only a pending one or one with the front desk is resolved by hand" +
                    (c.Status == RebookingStatus.Held ? " (confirm or decline the hold instead)." : ".")));
            var resolution = note;
            if (input.Start is not null)
            {
                var booked = await BookByHand(c, input, now, token);
                if (!booked.Ok)
                    return booked.Problem!;
                resolution = $"{booked.Value} {note}";
            }
            c.Resolve(actor.Name, resolution, now);
            store.Add(new AuditEntry(now, actor.Name, "rebooking", c.Id, "resolved", resolution, null));
            await store.SaveChanges(token);
            return resolution;
        }, r => r.Ok, ct);
        return result.Ok ? await Get(id, ct) : result.Problem!;
    }

    /// <summary>Books the case's session at the front desk's time, as a make-up session, with every chair and spacing rule checked.</summary>
    private async Task<Result<string>> BookByHand(RebookingCase c, ResolveRebookingInput input, Instant now, CancellationToken ct)
    {
        var series = (await store.Series(c.SeriesId, ct))!;
        var clinic = (await store.Clinic(c.ClinicId, ct))!;
        var zone = clinic.Settings.Zone;
        var start = Parse.Moment(input.Start, zone, "start");
        if (series.Status != SeriesStatus.Active)
            return Problem.Refused(new Refusal(RuleCode.LifecycleTransition, "The series was cancelled; book a new series instead."));
        if (series.Sessions.Any(s => s.Ordinal == c.Ordinal && s.Status.Occupies()))
            return Problem.Refused(new Refusal(RuleCode.PatientAlreadyBooked, $"Session {c.Ordinal} of the series is booked already; move that session instead."));
        var protocol = (await store.Protocol(series.ProtocolId, ct))!;
        var date = start.InZone(zone).Date;
        if (SeriesSpacing.CheckNeighbours(protocol, c.Ordinal, date, series.DateOf(c.Ordinal - 1, zone), series.DateOf(c.Ordinal + 1, zone)) is { } spacing)
            return Problem.Refused(spacing);
        var book = await ClinicBook.Load(store, clinic, date, date, null, ct);
        var chairId = input.ChairId is { } given ? new ChairId(given) : c.OriginalChairId;
        var chair = book.Chairs.FirstOrDefault(x => x.Id == chairId);
        if (chair is null)
            return Problem.Invalid("chairId", $"There is no chair {chairId} in this clinic.");
        if (BookingRules.Check(book.Index, chair, protocol, series.PatientId, start, now, out var footprint) is { } refusal)
            return Problem.Refused(refusal);
        var ended = series.Sessions.Single(s => s.Id == c.SessionId);
        var makeUp = series.AddMakeUp(ended, chair.Id, footprint);
        store.Add(makeUp);
        store.Add(new AuditEntry(now, actor.Name, "session", makeUp.Id.Value, "booked",
            $"session {makeUp.Ordinal} on {chair.Id} at {Formatting.Local(start, zone)}, in place of {ended.Id}", c.Cause));
        await reminders.Plan(clinic, [makeUp], now, ct);
        return $"Booked {Formats.DayTime(start, zone)} on {chair.Name}.";
    }

    private async Task<Result<RebookingView>> OnHold(Guid id, SessionAction action, string? reason, CancellationToken ct)
    {
        var c = await store.RebookingCase(id, ct);
        if (c is null)
            return Problem.NotFound("Rebooking", id);
        if (c.Status != RebookingStatus.Held || c.HeldSessionId is not { } held)
            return Problem.Refused(new Refusal(RuleCode.LifecycleTransition, $"The rebooking is {RebookingCase.Name(c.Status)}; there is no held time to {(action == SessionAction.Confirm ? "confirm" : "decline")}."));
        var done = await change.Handle(held.Value, action, new SessionActionInput(reason, Rebook: false), ct);
        return done.Ok ? await Get(id, ct) : done.Problem!;
    }
}
