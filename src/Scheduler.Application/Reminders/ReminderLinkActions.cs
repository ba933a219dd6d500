using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Series;
using Scheduler.Application.Sessions.Lifecycle;
using Scheduler.Application.Waitlist;
using Scheduler.Domain.Common;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;
using Scheduler.Domain.Waitlist;

namespace Scheduler.Application.Reminders;

/// <summary>
/// A session as the patient sees it through a reminder link. It shows only what the reminder
/// itself showed: the policy's sender name (never the clinic's real name or the protocol, which can
/// reveal the treatment), and the date and time in the clinic's wall-clock time written as in the
/// reminders ("Tue 8 Dec", "10:00 AM"). <see cref="Start"/> is the same moment with its offset,
/// for programs. <see cref="Message"/> says what the last action did, when there was one.
/// </summary>
public sealed record PatientLinkView(string SenderName, string Date, string Time, string Start, string Status, string StatusText,
    bool CanConfirm, bool CanCancel, string? Message, PatientOfferView? Offer = null)
{
    /// <summary>The link's session and the patient's other upcoming sessions at the clinic, earliest first, with their preparation.</summary>
    public IReadOnlyList<PatientSessionView> Sessions { get; init; } = [];

    /// <summary>Whether the patient may ask for another time for the link's session (it stays booked meanwhile).</summary>
    public bool CanAskForAnotherTime { get; init; }

    /// <summary>The patient's open request for another time for this session, in words; null when there is none.</summary>
    public string? AnotherTimeAsked { get; init; }
}

/// <summary>
/// One of the patient's sessions: <see cref="Date"/>, <see cref="Time"/> and <see cref="Ends"/> on the
/// clinic's wall clock as in the reminders; <see cref="Start"/> and <see cref="End"/> with their offset.
/// The visit ends when observation ends (turnover is the clinic's time, not the patient's).
/// <see cref="Preparation"/> is the protocol's, or general advice when <see cref="GeneralPreparation"/>.
/// </summary>
public sealed record PatientSessionView(string Date, string Time, string Ends, string Start, string End, int VisitMinutes,
    string Status, string StatusText, bool ThisLink, string Preparation, bool GeneralPreparation);

/// <summary>A calendar file to download: its name and its RFC 5545 text.</summary>
public sealed record CalendarDownload(string FileName, string Content);

/// <summary>An earlier time offered from the waitlist, as the patient sees it: the appointment above is the one that would move.</summary>
public sealed record PatientOfferView(string Date, string Time, string Start, string Status, bool CanAccept, bool CanDecline);

/// <summary>
/// What a patient can do with the link in a reminder: look at the session, confirm it, cancel it.
/// Looking changes nothing (mail and message scanners open links); confirming and cancelling go
/// through <see cref="ChangeSessionStatus"/> like the front desk's actions, with the patient named
/// in the audit trail. Both stop at the session's start. Asking for what is already so (confirming
/// a confirmed session, cancelling a cancelled one) is answered as done, because people tap twice.
/// </summary>
public sealed class ReminderLinkActions(ISchedulerStore store, ReminderLinks links, ChangeSessionStatus change, WaitlistOffers offers,
    AskForAnotherTime anotherTime, IClock clock)
{
    /// <summary>Who acts in the audit trail when a patient uses a link.</summary>
    public const string Actor = "patient (reminder link)";

    public const string CancelReason = "Cancelled by the patient with the link in a reminder";

    /// <summary>Shown when a protocol has no preparation instructions of its own.</summary>
    public const string GeneralPreparation =
        "Follow any instructions the clinic gave you about eating, drinking and your usual medicines. " +
        "Arrange for someone to take you home, and plan to rest for the rest of the day. If you are unsure, call the clinic.";

    public static readonly Problem InvalidLink = new(ProblemKind.NotFound, "Link not valid",
        "This link is not valid. Check that the whole link was opened (some apps cut long links), or call the clinic.");

    public async Task<Result<PatientLinkView>> View(string? token, CancellationToken ct)
    {
        var found = await Find(token, ct);
        return found.Ok ? await Describe(found.Value!, null, ct) : found.Problem!;
    }

    /// <summary>The patient takes the earlier time of a waitlist offer.</summary>
    public async Task<Result<PatientLinkView>> Accept(string? token, CancellationToken ct)
    {
        var found = await Find(token, ct);
        if (!found.Ok)
            return found.Problem!;
        if (found.Value!.Message.Kind != ReminderKind.WaitlistOffer || found.Value.Message.RelatedId is not { } offer)
            return Refused(RuleCode.LifecycleTransition, "This link is not an offer of an earlier time.");
        var taken = await offers.Accept(offer, found.Value.Message.PatientId, Actor, ct);
        if (!taken.Ok)
            return taken.Problem! with { Title = "This cannot be done online" };
        return await Reload(found.Value.Message, "Thank you: the earlier time is yours, and it is confirmed.", ct);
    }

    /// <summary>The patient says no thanks to a waitlist offer; their appointment stays.</summary>
    public async Task<Result<PatientLinkView>> Decline(string? token, CancellationToken ct)
    {
        var found = await Find(token, ct);
        if (!found.Ok)
            return found.Problem!;
        if (found.Value!.Message.Kind != ReminderKind.WaitlistOffer || found.Value.Message.RelatedId is not { } offer)
            return Refused(RuleCode.LifecycleTransition, "This link is not an offer of an earlier time.");
        var declined = await offers.Decline(offer, found.Value.Message.PatientId, Actor, ct);
        if (!declined.Ok)
            return declined.Problem!;
        return await Reload(found.Value.Message, "No problem: you keep your appointment.", ct);
    }

    public async Task<Result<PatientLinkView>> Confirm(string? token, CancellationToken ct)
    {
        var found = await Find(token, ct);
        if (!found.Ok)
            return found.Problem!;
        var session = found.Value!.Session;
        if (session.Status == SessionStatus.Confirmed)
            return await Describe(found.Value, "Your appointment was already confirmed. Thank you.", ct);
        if (found.Value.Message.Kind is ReminderKind.WaitlistOffer or ReminderKind.OfferTaken)
            return Refused(RuleCode.LifecycleTransition, "This link is about an earlier time on offer; your appointment is confirmed from its own reminder.");
        if (Refusal(session, SessionAction.Confirm) is { } refusal)
            return refusal;
        var done = await change.Handle(session.Id.Value, SessionAction.Confirm, null, Actor, ct);
        if (!done.Ok)
            return done.Problem!;
        return await Reload(found.Value.Message, "Thank you: your appointment is confirmed.", ct);
    }

    public async Task<Result<PatientLinkView>> Cancel(string? token, CancellationToken ct)
    {
        var found = await Find(token, ct);
        if (!found.Ok)
            return found.Problem!;
        var session = found.Value!.Session;
        if (session.Status == SessionStatus.Cancelled)
            return await Describe(found.Value, "This appointment was already cancelled.", ct);
        if (found.Value.Message.Kind is ReminderKind.WaitlistOffer or ReminderKind.OfferTaken)
            return Refused(RuleCode.LifecycleTransition, "This link is about an earlier time on offer; to cancel your appointment, use its own reminder or call the clinic.");
        if (Refusal(session, SessionAction.Cancel) is { } refusal)
            return refusal;
        var done = await change.Handle(session.Id.Value, SessionAction.Cancel, new SessionActionInput(CancelReason), Actor, ct);
        if (!done.Ok)
            return done.Problem!;
        return await Reload(found.Value.Message, "Your appointment is cancelled. To book another time, please call the clinic.", ct);
    }

    /// <summary>
    /// The patient asks for another time (<paramref name="note"/>: preferred days and times, optional).
    /// The session stays booked; the front desk gets the request in its rebooking queue.
    /// </summary>
    public async Task<Result<PatientLinkView>> RequestAnotherTime(string? token, string? note, CancellationToken ct)
    {
        var found = await Find(token, ct);
        if (!found.Ok)
            return found.Problem!;
        var session = found.Value!.Session;
        var kind = found.Value.Message.Kind;
        if (kind is ReminderKind.WaitlistOffer or ReminderKind.OfferTaken)
            return Refused(RuleCode.LifecycleTransition, "This link is about an earlier time on offer; to move your appointment, use its own reminder or call the clinic.");
        if (clock.GetCurrentInstant() >= session.Footprint.Start)
            return Refused(RuleCode.InThePast, "This appointment has already started or passed, so it cannot be moved online. Please call the clinic.");
        if (!session.Status.IsUpcoming())
            return Refused(RuleCode.LifecycleTransition, $"This appointment is {StatusText(session.Status).ToLowerInvariant()}, so another time cannot be asked for online. Please call the clinic.");
        if (kind == ReminderKind.Rebooking && await store.HeldCaseOf(session.Id, ct) is not null)
            return Refused(RuleCode.LifecycleTransition, "This time is held for you while we rebook your appointment. If it does not suit you, cancel it and the clinic will find you another.");
        var asked = await anotherTime.Handle(session.Id, note, Actor, ct);
        if (!asked.Ok)
            return asked.Problem!;
        return await Reload(found.Value.Message, asked.Value!.AskedBefore
            ? "You had already asked for another time for this appointment: the clinic will contact you. It stays booked until it is moved."
            : "Thank you: the clinic will contact you about another time. Your appointment stays booked until it is moved.", ct);
    }

    /// <summary>
    /// The patient's upcoming sessions as a calendar file (the link's own session too when it was
    /// cancelled and was still ahead, marked cancelled, so that importing the file again updates the
    /// calendar). Changes nothing.
    /// </summary>
    public async Task<Result<CalendarDownload>> Calendar(string? token, CancellationToken ct)
    {
        var found = await Find(token, ct);
        if (!found.Ok)
            return found.Problem!;
        var clinic = await store.Clinic(found.Value!.Message.ClinicId, ct);
        if (clinic is null)
            return InvalidLink;
        var policy = await store.ReminderPolicy(clinic.Id, ct);
        var now = clock.GetCurrentInstant();
        var events = (await SessionsToCome(found.Value.Session, now, ct))
            .Where(u => u.Session.Footprint.Start > now && (u.Session.Status.IsUpcoming() || u.Session.Status == SessionStatus.Cancelled))
            .Select(u => new CalendarEvent($"{u.Session.Id.Value:N}@infusion-scheduler", u.Session.Footprint.Start, u.Session.Footprint.ObservationEnd,
                $"Appointment: {policy.SenderName}", policy.SenderName,
                (u.Preparation ?? GeneralPreparation) + "\n\nTo confirm, cancel or ask for another time, use the link in your reminder or call the clinic.",
                u.Session.Status.IsUpcoming() ? CalendarEventStatus.Confirmed : CalendarEventStatus.Cancelled))
            .ToList();
        return new CalendarDownload("appointments.ics", CalendarFile.Write(events, now));
    }

    /// <summary>Why the patient cannot confirm or cancel online, in the patient's words; null when they can.</summary>
    private Problem? Refusal(Session session, SessionAction action)
    {
        var done = action == SessionAction.Confirm ? "confirmed" : "cancelled";
        if (clock.GetCurrentInstant() >= session.Footprint.Start)
            return Refused(RuleCode.InThePast, $"This appointment has already started or passed, so it cannot be {done} online. Please call the clinic.");
        return (session.Status, action) switch
        {
            (SessionStatus.Booked, _) or (SessionStatus.Confirmed, SessionAction.Cancel) => null,
            (SessionStatus.Cancelled, _) => Refused(RuleCode.LifecycleTransition,
                "This appointment was cancelled, so it cannot be confirmed. To book another time, please call the clinic."),
            (SessionStatus.CheckedIn, _) => Refused(RuleCode.LifecycleTransition,
                $"You have checked in for this appointment already, so it cannot be {done} online. Please speak to the front desk."),
            _ => Refused(RuleCode.LifecycleTransition, $"This appointment cannot be {done} online any more. Please call the clinic."),
        };
    }

    private static Problem Refused(RuleCode rule, string detail) => new(ProblemKind.Refused, "This cannot be done online", detail, rule);

    private async Task<Result<Found>> Find(string? token, CancellationToken ct)
    {
        if (links.Verify(token) is not { } code)
            return InvalidLink;
        var message = await store.MessageByLinkCode(code, ct);
        if (message is null)
            return InvalidLink;
        var series = await store.SeriesOfSession(message.SessionId, ct);
        var session = series?.Sessions.SingleOrDefault(s => s.Id == message.SessionId);
        return session is null ? InvalidLink : new Found(message, session);
    }

    /// <summary>Reads the session again after a change, which ran under the booking lock and may have left this store's copies behind.</summary>
    private async Task<Result<PatientLinkView>> Reload(ReminderMessage message, string said, CancellationToken ct)
    {
        var series = await store.SeriesOfSession(message.SessionId, ct);
        var session = series?.Sessions.SingleOrDefault(s => s.Id == message.SessionId);
        return session is null ? InvalidLink : await Describe(new Found(message, session), said, ct);
    }

    private async Task<Result<PatientLinkView>> Describe(Found found, string? said, CancellationToken ct)
    {
        var clinic = await store.Clinic(found.Message.ClinicId, ct);
        if (clinic is null)
            return InvalidLink;
        var policy = await store.ReminderPolicy(clinic.Id, ct);
        var zone = clinic.Settings.Zone;
        var session = found.Session;
        var local = session.Footprint.Start.InZone(zone).LocalDateTime;
        var now = clock.GetCurrentInstant();
        var ahead = now < session.Footprint.Start;
        var kind = found.Message.Kind;
        PatientOfferView? offerView = null;
        if (kind is ReminderKind.WaitlistOffer or ReminderKind.OfferTaken && found.Message.RelatedId is { } offerId
            && await store.SlotOffer(offerId, ct) is { } offer)
        {
            var at = offer.Start.InZone(zone).LocalDateTime;
            var answered = offer.RecipientFor(found.Message.PatientId)?.Answered ?? OfferAnswer.None;
            var open = kind == ReminderKind.WaitlistOffer && offer.IsOpenAt(now) && answered == OfferAnswer.None;
            offerView = new PatientOfferView(TemplateValues.FormatDate(at.Date), TemplateValues.FormatTime(at.TimeOfDay), Formatting.Local(offer.Start, zone),
                OfferText(offer, answered, found.Message.PatientId, now), open, open);
        }
        if (said is null && kind == ReminderKind.Rebooking && session.Status == SessionStatus.Booked && ahead)
            said = "We had to move your appointment and are holding this new time for you. Please confirm it, or cancel it if it does not suit you.";
        // On an offer's page the appointment shown is the patient's own: it is confirmed or cancelled with its own reminders.
        var isOffer = offerView is not null;
        var sessions = (await SessionsToCome(session, now, ct)).Select(u => SessionOf(u, zone)).ToList();
        var asked = await store.OpenMoveRequestOf(session.Id, ct);
        var held = kind == ReminderKind.Rebooking && await store.HeldCaseOf(session.Id, ct) is not null;
        return new PatientLinkView(policy.SenderName, TemplateValues.FormatDate(local.Date), TemplateValues.FormatTime(local.TimeOfDay),
            Formatting.Local(session.Footprint.Start, zone), SessionView.Name(session.Status), StatusText(session.Status),
            CanConfirm: !isOffer && ahead && session.Status == SessionStatus.Booked,
            CanCancel: !isOffer && ahead && session.Status is (SessionStatus.Booked or SessionStatus.Confirmed),
            said, offerView)
        {
            Sessions = sessions,
            CanAskForAnotherTime = !isOffer && !held && ahead && session.Status.IsUpcoming() && asked is null,
            AnotherTimeAsked = asked is null ? null
                : $"You asked for another time on {TemplateValues.FormatDate(asked.CreatedAt.InZone(zone).Date)}. The clinic will contact you; this appointment stays booked until it is moved.",
        };
    }

    /// <summary>
    /// The link's session and the patient's other sessions at the clinic that are still to come
    /// (booked or confirmed, not started), earliest first, each with its protocol's preparation.
    /// </summary>
    private async Task<List<Upcoming>> SessionsToCome(Session linked, Instant now, CancellationToken ct)
    {
        var protocols = new Dictionary<ProtocolId, string?>();
        var list = new List<Upcoming>();
        foreach (var series in await store.SeriesOfPatient(linked.PatientId, ct))
        {
            if (series.ClinicId != linked.ClinicId)
                continue;
            foreach (var s in series.Sessions.Where(s => s.Id == linked.Id || (s.Status.IsUpcoming() && s.Footprint.Start > now)))
            {
                if (!protocols.TryGetValue(series.ProtocolId, out var preparation))
                    protocols[series.ProtocolId] = preparation = (await store.Protocol(series.ProtocolId, ct))?.Preparation;
                list.Add(new Upcoming(s, s.Id == linked.Id, preparation));
            }
        }
        return list.OrderBy(u => u.Session.Footprint.Start).ToList();
    }

    private static PatientSessionView SessionOf(Upcoming u, DateTimeZone zone)
    {
        var start = u.Session.Footprint.Start.InZone(zone).LocalDateTime;
        var end = u.Session.Footprint.ObservationEnd;
        return new PatientSessionView(TemplateValues.FormatDate(start.Date), TemplateValues.FormatTime(start.TimeOfDay),
            TemplateValues.FormatTime(end.InZone(zone).TimeOfDay), Formatting.Local(u.Session.Footprint.Start, zone), Formatting.Local(end, zone),
            (int)(end - u.Session.Footprint.Start).TotalMinutes, SessionView.Name(u.Session.Status), StatusText(u.Session.Status), u.ThisLink,
            u.Preparation ?? GeneralPreparation, u.Preparation is null);
    }

    private static string OfferText(SlotOffer offer, OfferAnswer answered, PatientId patient, Instant now) => answered switch
    {
        OfferAnswer.Accepted => "You took this time.",
        OfferAnswer.Declined => "You said no thanks to this time.",
        _ when offer.Status == OfferStatus.Taken && offer.TakenBy != patient => "Someone else took this time first.",
        _ when !offer.IsOpenAt(now) => "This offer has ended.",
        _ => "Offered to you and a few others: the first to accept gets it.",
    };

    private static string StatusText(SessionStatus status) => status switch
    {
        SessionStatus.Booked => "Booked, not yet confirmed",
        SessionStatus.Confirmed => "Confirmed",
        SessionStatus.CheckedIn or SessionStatus.Infusing or SessionStatus.Observing => "You are checked in",
        SessionStatus.Completed => "Completed",
        SessionStatus.Cancelled => "Cancelled",
        SessionStatus.NoShow => "Missed",
        _ => status.ToString(),
    };

    private sealed record Found(ReminderMessage Message, Session Session);

    private sealed record Upcoming(Session Session, bool ThisLink, string? Preparation);
}
