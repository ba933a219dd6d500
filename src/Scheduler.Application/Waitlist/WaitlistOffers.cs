using NodaTime;
using Scheduler.Application.Background;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Common;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;
using Scheduler.Domain.Waitlist;

namespace Scheduler.Application.Waitlist;

/// <summary>
/// Freed times and the waitlist. When a time comes free (a cancellation, a released hold) it is
/// offered to the best-matching waitlisted patients: their protocol's chair kind and whole footprint
/// fit the freed chair and time with every chair rule, their series spacing holds with the session
/// moved there, and it is earlier than what they have. The most days gained come first, then who
/// waited longest; <see cref="RebookingOptions.OffersPerSlot"/> of them get the offer at once by SMS or
/// email. The first to accept gets the time (under the clinic's booking lock, rules checked again);
/// the others who have not answered are told it is gone. An unanswered offer expires.
/// </summary>
public sealed class WaitlistOffers(ISchedulerStore store, IClock clock, RebookingOptions options, SessionReminders reminders)
    : IWorkHandler<OfferFreedTimeWork>
{
    public const string Actor = "waitlist";

    public async Task<string> Run(OfferFreedTimeWork work, WorkContext context, CancellationToken ct)
    {
        var clinicId = new ClinicId(work.ClinicId);
        return await store.InBookingTransaction(clinicId, async token =>
        {
            var now = clock.GetCurrentInstant();
            var start = Instant.FromUnixTimeTicks(work.StartTicks);
            if (start < now + options.Limits.Notice)
                return "The freed time is too soon to offer.";
            var clinic = (await store.Clinic(clinicId, token))!;
            var zone = clinic.Settings.Zone;
            var chairId = new ChairId(work.ChairId);
            if ((await store.SlotOffers(clinicId, 50, token)).Any(o => o.Status == OfferStatus.Open && o.ChairId == chairId && o.Start == start))
                return "This time is on offer already.";
            var waiting = await store.Waitlist(clinicId, waitingOnly: true, token);
            if (waiting.Count == 0)
                return "Nobody is on the waitlist.";
            var date = start.InZone(zone).Date;
            var book = await ClinicBook.Load(store, clinic, date, date, null, token);
            var chair = book.Chairs.FirstOrDefault(c => c.Id == chairId);
            if (chair is null)
                return "The chair is gone.";

            var matches = new List<(WaitlistEntry Entry, string Match, int Gain)>();
            foreach (var entry in waiting)
            {
                var series = await store.Series(entry.SeriesId, token);
                var session = series?.Sessions.SingleOrDefault(s => s.Id == entry.SessionId);
                if (series is null || session is null || !session.Status.IsUpcoming() || session.Footprint.Start <= start)
                    continue;
                var protocol = (await store.Protocol(series.ProtocolId, token))!;
                var prev = series.DateOf(session.Ordinal - 1, zone);
                var next = series.DateOf(session.Ordinal + 1, zone);
                if (SeriesSpacing.CheckNeighbours(protocol, session.Ordinal, date, prev, next) is not null)
                    continue;
                var index = session.Footprint.Start.InZone(zone).Date == date
                    ? (await ClinicBook.Load(store, clinic, date, date, session.Id, token)).Index
                    : book.Index;
                if (BookingRules.Check(index, chair, protocol, entry.PatientId, start, now, out _) is not null)
                    continue;
                var gain = Period.DaysBetween(date, session.Footprint.Start.InZone(zone).Date);
                matches.Add((entry, gain > 0 ? $"{gain} day(s) earlier than session {session.Ordinal}; spacing holds" : $"earlier the same day; spacing holds", gain));
            }
            if (matches.Count == 0)
                return $"Nobody on the waitlist ({waiting.Count}) fits {Formats.DayTime(start, zone)} on {chair.Name}.";

            var ranked = matches.OrderByDescending(m => m.Gain).ThenBy(m => m.Entry.AddedAt).Take(options.OffersPerSlot).ToList();
            var expires = options.AnswerBy(now, start, Duration.FromMinutes(options.OfferMinutes));
            var offer = SlotOffer.Make(clinicId, chairId, start, work.Cause, expires, now, ranked.Select(m => (m.Entry, m.Match)));
            store.Add(offer);
            foreach (var r in offer.Recipients)
                store.Add(ReminderMessage.Immediate(ReminderKind.WaitlistOffer, clinicId, r.SessionId, r.PatientId, start, offer.Id, ReminderLinks.NewCode(), now));
            store.Add(new AuditEntry(now, Actor, "offer", offer.Id, "offered",
                $"{Formats.DayTime(start, zone)} on {chair.Name} to {offer.Recipients.Count} of {matches.Count} matching patient(s) until {Formats.DayTime(offer.ExpiresAt, zone)}", work.Cause));
            await store.SaveChanges(token);
            return $"Offered {Formats.DayTime(start, zone)} on {chair.Name} to {offer.Recipients.Count} patient(s).";
        }, _ => true, ct);
    }

    /// <summary>The patient takes the offered time: their session moves there, confirmed, if the offer is still open and the time still fits.</summary>
    public async Task<Result<SlotOffer>> Accept(Guid offerId, PatientId patient, string actor, CancellationToken ct)
    {
        var probe = await store.SlotOffer(offerId, ct);
        if (probe is null)
            return Problem.NotFound("Offer", offerId);
        return await store.InBookingTransaction(probe.ClinicId, async token =>
        {
            var offer = (await store.SlotOffer(offerId, token))!;
            var recipient = offer.RecipientFor(patient);
            if (recipient is null)
                return (Result<SlotOffer>)Problem.NotFound("Offer", offerId);
            if (recipient.Answered == OfferAnswer.Accepted)
                return offer;
            var now = clock.GetCurrentInstant();
            var clinic = (await store.Clinic(offer.ClinicId, token))!;
            var zone = clinic.Settings.Zone;
            var series = (await store.SeriesOfSession(recipient.SessionId, token))!;
            var session = series.Sessions.Single(s => s.Id == recipient.SessionId);
            // A time that no longer fits (booked otherwise, chair out of service) is withdrawn for everyone.
            var fits = offer.IsOpenAt(now) ? await Fits(series, session, offer, clinic, now, token) : null;
            if (fits is not null)
                offer.Withdraw(now);
            var refusal = fits ?? offer.Take(recipient, now);
            if (refusal is not null)
            {
                if (fits is not null)
                    offer.Take(recipient, now);
                store.Add(new AuditEntry(now, actor, "offer", offer.Id, "too late", $"patient {patient}", refusal.Message));
                await store.SaveChanges(token);
                return Problem.Refused(refusal);
            }
            var was = Formats.DayTime(session.Footprint.Start, zone);
            session.MoveTo(offer.ChairId, SessionFootprint.Of(offer.Start, (await store.Protocol(series.ProtocolId, token))!, clinic.Settings));
            session.Confirm(now);
            await reminders.Replan(clinic, session, now, token);
            store.Add(new AuditEntry(now, actor, "session", session.Id.Value, "moved",
                $"from {was} to {Formats.DayTime(offer.Start, zone)} on {offer.ChairId}, confirmed", "took an earlier time from the waitlist"));
            store.Add(new AuditEntry(now, actor, "offer", offer.Id, "taken", $"by patient {patient}", null));
            if (await store.WaitingEntryOf(session.Id, token) is { } entry)
                entry.Moved($"Moved to {Formats.DayTime(offer.Start, zone)} from {was}", now);
            foreach (var other in offer.Recipients.Where(r => r.PatientId != patient && r.Answered == OfferAnswer.None))
                store.Add(ReminderMessage.Immediate(ReminderKind.OfferTaken, offer.ClinicId, other.SessionId, other.PatientId, offer.Start, offer.Id, ReminderLinks.NewCode(), now));
            await store.SaveChanges(token);
            return offer;
        }, r => true, ct);
    }

    public async Task<Result<SlotOffer>> Decline(Guid offerId, PatientId patient, string actor, CancellationToken ct)
    {
        var offer = await store.SlotOffer(offerId, ct);
        var recipient = offer?.RecipientFor(patient);
        if (offer is null || recipient is null)
            return Problem.NotFound("Offer", offerId);
        if (recipient.Answered != OfferAnswer.None)
            return offer;
        var now = clock.GetCurrentInstant();
        offer.Decline(recipient, now);
        store.Add(new AuditEntry(now, actor, "offer", offer.Id, "declined", $"by patient {patient}", null));
        await store.SaveChanges(ct);
        return offer;
    }

    /// <summary>Whether the session may move to the offered time now: still booked and later, spacing and every chair rule.</summary>
    private async Task<Refusal?> Fits(TreatmentSeries series, Session session, SlotOffer offer, Domain.Clinics.Clinic clinic, Instant now, CancellationToken ct)
    {
        var zone = clinic.Settings.Zone;
        if (!session.Status.IsUpcoming() || session.Footprint.Start <= offer.Start)
            return new Refusal(RuleCode.LifecycleTransition, "Your appointment has changed since the offer was made; please call the clinic.");
        var protocol = (await store.Protocol(series.ProtocolId, ct))!;
        var date = offer.Start.InZone(zone).Date;
        if (SeriesSpacing.CheckNeighbours(protocol, session.Ordinal, date, series.DateOf(session.Ordinal - 1, zone), series.DateOf(session.Ordinal + 1, zone)) is { } spacing)
            return spacing;
        var book = await ClinicBook.Load(store, clinic, date, date, session.Id, ct);
        var chair = book.Chairs.FirstOrDefault(c => c.Id == offer.ChairId);
        if (chair is null)
            return new Refusal(RuleCode.ChairInactive, "Sorry, this time is no longer available.");
        return BookingRules.Check(book.Index, chair, protocol, session.PatientId, offer.Start, now, out _) is { } rule
            ? rule with { Message = $"Sorry, this time is no longer available: {rule.Message}" }
            : null;
    }
}
