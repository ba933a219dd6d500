using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Series;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;
using Scheduler.Domain.Waitlist;

namespace Scheduler.Application.Waitlist;

public sealed record WaitlistInput(Guid? SessionId, string? Note);

public sealed record WaitlistEntryView(Guid Id, Guid ClinicId, Guid PatientId, Guid SeriesId, Guid SessionId, string? Note, string AddedAt, string AddedBy,
    string Status, string? EndedAt, string? EndReason)
{
    public static WaitlistEntryView Of(WaitlistEntry e, DateTimeZone zone) =>
        new(e.Id, e.ClinicId.Value, e.PatientId.Value, e.SeriesId.Value, e.SessionId.Value, e.Note, Formatting.Local(e.AddedAt, zone), e.AddedBy,
            SessionView.Name(e.Status), Formatting.Local(e.EndedAt, zone), e.EndReason);
}

public sealed record OfferRecipientView(Guid PatientId, Guid SessionId, int Rank, string Match, string Answer, string? AnsweredAt);

public sealed record SlotOfferView(Guid Id, Guid ClinicId, Guid ChairId, string Start, string Cause, string CreatedAt, string ExpiresAt, string Status,
    Guid? TakenBy, string? ClosedAt, IReadOnlyList<OfferRecipientView> Recipients)
{
    public static SlotOfferView Of(SlotOffer o, DateTimeZone zone) =>
        new(o.Id, o.ClinicId.Value, o.ChairId.Value, Formatting.Local(o.Start, zone), o.Cause, Formatting.Local(o.CreatedAt, zone),
            Formatting.Local(o.ExpiresAt, zone), SessionView.Name(o.Status), o.TakenBy?.Value, Formatting.Local(o.ClosedAt, zone),
            o.Recipients.OrderBy(r => r.Rank).Select(r => new OfferRecipientView(r.PatientId.Value, r.SessionId.Value, r.Rank, r.Match,
                SessionView.Name(r.Answered), Formatting.Local(r.AnsweredAt, zone))).ToList());
}

/// <summary>
/// The waitlist: a booked session is put on it when the patient would take an earlier time. One entry
/// per session; it ends when the session moves earlier (an accepted offer), is removed, or the
/// session is no longer booked.
/// </summary>
public sealed class ManageWaitlist(ISchedulerStore store, IClock clock, IActor actor)
{
    public async Task<Result<WaitlistEntryView>> Add(WaitlistInput input, CancellationToken ct)
    {
        var sessionId = new SessionId(Parse.Id(input.SessionId, "sessionId"));
        var note = Text.Optional(input.Note, "note", Text.ReasonMaxLength);
        var probe = await store.SeriesOfSession(sessionId, ct);
        if (probe is null)
            return Problem.NotFound("Session", sessionId.Value);
        return await store.InBookingTransaction(probe.ClinicId, async token =>
        {
            var series = (await store.SeriesOfSession(sessionId, token))!;
            var session = series.Sessions.Single(s => s.Id == sessionId);
            var now = clock.GetCurrentInstant();
            var zone = (await store.Clinic(series.ClinicId, token))!.Settings.Zone;
            if (!session.Status.IsUpcoming() || session.Footprint.Start <= now)
                return (Result<WaitlistEntryView>)Problem.Refused(new Refusal(RuleCode.LifecycleTransition,
                    $"Session {session.Ordinal} is {SessionView.Name(session.Status)}{(session.Footprint.Start <= now ? " and has started" : "")}; only a booked session ahead can wait for an earlier time."));
            if (await store.WaitingEntryOf(session.Id, token) is { } already)
                return WaitlistEntryView.Of(already, zone);
            var entry = WaitlistEntry.Add(series.ClinicId, series.PatientId, series.Id, session.Id, note, actor.Name, now);
            store.Add(entry);
            store.Add(new AuditEntry(now, actor.Name, "waitlist", entry.Id, "added", $"session {session.Ordinal} ({session.Id}) at {Formats.DayTime(session.Footprint.Start, zone)}", note));
            await store.SaveChanges(token);
            return WaitlistEntryView.Of(entry, zone);
        }, r => r.Ok, ct);
    }

    public async Task<Result<WaitlistEntryView>> Remove(Guid id, string? reason, CancellationToken ct)
    {
        var entry = await store.WaitlistEntry(id, ct);
        if (entry is null)
            return Problem.NotFound("Waitlist entry", id);
        var why = Text.Optional(reason, "reason", Text.ReasonMaxLength) ?? "Taken off the waitlist";
        var now = clock.GetCurrentInstant();
        var zone = (await store.Clinic(entry.ClinicId, ct))!.Settings.Zone;
        if (entry.Status != WaitlistStatus.Waiting)
            return WaitlistEntryView.Of(entry, zone);
        entry.Remove(why, now);
        store.Add(new AuditEntry(now, actor.Name, "waitlist", entry.Id, "removed", why, null));
        await store.SaveChanges(ct);
        return WaitlistEntryView.Of(entry, zone);
    }

    public async Task<Result<IReadOnlyList<WaitlistEntryView>>> List(Guid clinicId, bool all, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        return (await store.Waitlist(clinic.Id, !all, ct)).Select(e => WaitlistEntryView.Of(e, clinic.Settings.Zone)).ToList();
    }

    public async Task<Result<IReadOnlyList<SlotOfferView>>> Offers(Guid clinicId, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        return (await store.SlotOffers(clinic.Id, 200, ct)).Select(o => SlotOfferView.Of(o, clinic.Settings.Zone)).ToList();
    }

    public async Task<Result<SlotOfferView>> Offer(Guid id, CancellationToken ct)
    {
        var offer = await store.SlotOffer(id, ct);
        if (offer is null)
            return Problem.NotFound("Offer", id);
        return SlotOfferView.Of(offer, (await store.Clinic(offer.ClinicId, ct))!.Settings.Zone);
    }
}
