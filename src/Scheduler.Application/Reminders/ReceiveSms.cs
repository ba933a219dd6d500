using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Series;
using Scheduler.Application.Sessions.Lifecycle;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Reminders;

/// <summary>An SMS received from a provider's webhook: its message id (Twilio's MessageSid), sender and recipient numbers, and text.</summary>
public sealed record ReceiveSmsInput(string? MessageSid, string? From, string? To, string? Body);

/// <summary>An inbound SMS as the front desk sees it; <see cref="ReceivedAt"/> and <see cref="HandledAt"/> in the clinic's zone (UTC when no clinic was matched).</summary>
public sealed record InboundSmsView(Guid Id, string ProviderId, string ReceivedAt, string From, string? To, string Body, string Intent,
    Guid? PatientId, Guid? ClinicId, string Outcome, bool NeedsFrontDesk, string? HandledAt, string? HandledBy)
{
    public static InboundSmsView Of(InboundSms m, DateTimeZone zone) =>
        new(m.Id, m.ProviderId, Formatting.Local(m.ReceivedAt, zone), m.From, m.To, m.Body, SessionView.Name(m.Intent),
            m.PatientId?.Value, m.ClinicId?.Value, m.Outcome, m.NeedsFrontDesk, Formatting.Local(m.HandledAt, zone), m.HandledBy);
}

/// <summary>What receiving did; <see cref="Repeat"/> when the provider delivered a message already received, and nothing was done again.</summary>
public sealed record ReceivedSms(InboundSmsView Sms, bool Repeat);

/// <summary>
/// Handles an SMS a patient sent to the clinic's number, once per provider message id (providers
/// retry webhooks). The number is matched to patients (of any clinic) and the reply read:
/// <list type="bullet">
/// <item>an opt-out is stored at once, before anything is sent, and answered with one confirmation; an opted-out number gets nothing else from here;</item>
/// <item>START undoes an opt-out and is answered with one confirmation;</item>
/// <item>"C" or "YES" confirms the earliest booked session ahead of the patients with that number, and says so in one SMS;</item>
/// <item>anything else, or a confirmation with nothing to confirm, is left for the front desk.</item>
/// </list>
/// Every SMS received is recorded with what was done. A confirmation is recorded as left for the
/// front desk until the session is confirmed, so a crash in between leaves it to a person, never lost.
/// Replies are not reminders: they go at once, whatever the quiet hours and daily caps.
/// </summary>
public sealed class ReceiveSms(ISchedulerStore store, MessageSenders senders, ChangeSessionStatus change, IClock clock)
{
    /// <summary>Who acts in the audit trail when a reply confirms a session.</summary>
    public const string Actor = "patient (SMS reply)";

    public const string LeftForFrontDesk = "Left for the front desk";

    public async Task<Result<ReceivedSms>> Handle(ReceiveSmsInput input, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (Read(input, now) is not { } read)
            return Invalid(input);
        var (sms, phone) = read;
        if (await store.InboundSms(sms.ProviderId, ct) is { } earlier)
            return new ReceivedSms(await View(earlier, ct), Repeat: true);

        var patients = await store.PatientsByPhone(phone, ct);
        var ahead = await SessionsAhead(patients, now, ct);
        var lead = ahead.Count > 0 ? ahead[0].Patient : patients.Count == 1 ? patients[0] : null;
        var clinic = lead?.ClinicId ?? (patients.Count > 0 ? patients[0].ClinicId : null);
        var optOut = await store.SmsOptOut(phone, ct);

        switch (sms.Intent)
        {
            case ReplyIntent.OptOut when optOut is null:
                store.Add(SmsOptOut.Of(phone, Clean(sms.Body), now));
                sms.Record(lead?.Id, clinic, "Opted out of SMS", needsFrontDesk: false);
                store.Add(sms);
                await store.SaveChanges(ct);
                var sender = await SenderName(clinic, ct);
                await Reply(sms, phone, sender, "Opted out of SMS",
                    OneSms($"{sender}: you will get no more text messages from us. Reply START to receive them again.",
                        $"{sender}: no more texts from us. Reply START to get them again.",
                        "You will get no more text messages from us. Reply START to receive them again."));
                break;
            case ReplyIntent.OptOut:
                sms.Record(lead?.Id, clinic, "Already opted out of SMS; nothing sent", needsFrontDesk: false);
                store.Add(sms);
                await store.SaveChanges(ct);
                break;
            case ReplyIntent.OptIn when optOut is not null:
                store.Remove(optOut);
                sms.Record(lead?.Id, clinic, "Opted in to SMS again", needsFrontDesk: false);
                store.Add(sms);
                await store.SaveChanges(ct);
                var name = await SenderName(clinic, ct);
                await Reply(sms, phone, name, "Opted in to SMS again",
                    OneSms($"{name}: you will get our text messages again. Reply STOP to opt out.",
                        "You will get our text messages again. Reply STOP to opt out."));
                break;
            case ReplyIntent.OptIn:
                sms.Record(lead?.Id, clinic, "Asked to receive SMS, but the number had not opted out; nothing sent", needsFrontDesk: false);
                store.Add(sms);
                await store.SaveChanges(ct);
                break;
            case ReplyIntent.Confirm:
                sms = await Confirm(sms, phone, ahead.FirstOrDefault(a => a.Session.Status == SessionStatus.Booked), lead, clinic, optOut is not null, ct);
                break;
            default:
                sms.Record(lead?.Id, clinic, LeftForFrontDesk, needsFrontDesk: true);
                store.Add(sms);
                await store.SaveChanges(ct);
                break;
        }
        return new ReceivedSms(await View(sms, ct), Repeat: false);
    }

    private async Task<InboundSms> Confirm(InboundSms sms, PhoneNumber phone, Ahead? target, Patient? lead, ClinicId? clinic, bool optedOut, CancellationToken ct)
    {
        if (target is null)
        {
            sms.Record(lead?.Id, clinic, "Asked to confirm, but there is no booked session ahead to confirm; left for the front desk", needsFrontDesk: true);
            store.Add(sms);
            await store.SaveChanges(ct);
            return sms;
        }
        var (patient, session) = target;
        var zone = (await store.Clinic(session.ClinicId, ct))!.Settings.Zone;
        var when = Formats.DayTime(session.Footprint.Start, zone);
        sms.Record(patient.Id, session.ClinicId, $"Confirming the session on {when} (if this stays, it did not finish: check the session)", needsFrontDesk: true);
        store.Add(sms);
        await store.SaveChanges(ct);

        // The change runs under the clinic's booking lock, which forgets what this store tracked.
        var done = await change.Handle(session.Id.Value, SessionAction.Confirm, null, Actor, ct);
        sms = (await store.InboundSms(sms.ProviderId, ct))!;
        if (!done.Ok)
        {
            sms.Record(patient.Id, session.ClinicId, Shorten($"Asked to confirm the session on {when}, which was refused: {done.Problem!.Detail}"), needsFrontDesk: true);
            await store.SaveChanges(CancellationToken.None);
            return sms;
        }
        var outcome = $"Confirmed the session on {when}";
        sms.Record(patient.Id, session.ClinicId, optedOut ? outcome + "; no SMS sent: the number opted out" : outcome, needsFrontDesk: false);
        await store.SaveChanges(CancellationToken.None);
        if (optedOut)
            return sms;
        var local = session.Footprint.Start.InZone(zone).LocalDateTime;
        var (date, time) = (TemplateValues.FormatDate(local.Date), TemplateValues.FormatTime(local.TimeOfDay));
        var sender = await SenderName(session.ClinicId, ct);
        await Reply(sms, phone, sender, outcome, OneSms($"{sender}: thank you, {date} at {time} is confirmed.", $"Thank you, {date} at {time} is confirmed."));
        return sms;
    }

    /// <summary>
    /// Sends one SMS answering <paramref name="sms"/> and records how it went after <paramref name="outcome"/>.
    /// What was decided is saved before; this runs to its end even when the request is given up.
    /// </summary>
    private async Task Reply(InboundSms sms, PhoneNumber to, string senderName, string outcome, string text)
    {
        var sender = senders.For(ContactChannel.Sms);
        string how;
        try
        {
            var result = await sender.Send(new OutgoingMessage(Guid.NewGuid(), ContactChannel.Sms, to.Value, senderName, null, text), CancellationToken.None);
            how = result.Status == SendStatus.Sent
                ? "; a confirmation SMS was sent"
                : $"; the confirmation SMS could not be sent: {result.Error ?? "the provider gave no reason"}";
        }
#pragma warning disable CA1031 // A sender that throws is a failed reply; what was decided stays recorded.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            how = $"; the confirmation SMS could not be sent: {sender.Name}: {ex.GetType().Name}";
        }
        sms.Record(sms.PatientId, sms.ClinicId, Shorten(outcome + how), sms.NeedsFrontDesk);
        await store.SaveChanges(CancellationToken.None);
    }

    /// <summary>The first text that fits one SMS; the last is short and plain enough to always fit.</summary>
    private static string OneSms(params string[] texts) => texts.FirstOrDefault(SmsText.FitsOneSms) ?? texts[^1];

    private async Task<string> SenderName(ClinicId? clinic, CancellationToken ct) =>
        clinic is { } id ? (await store.ReminderPolicy(id, ct)).SenderName : ReminderPolicy.DefaultSenderName;

    /// <summary>The booked or confirmed sessions ahead of <paramref name="now"/> of these patients, earliest first.</summary>
    private async Task<IReadOnlyList<Ahead>> SessionsAhead(IReadOnlyList<Patient> patients, Instant now, CancellationToken ct)
    {
        var ahead = new List<Ahead>();
        foreach (var patient in patients)
        {
            foreach (var series in await store.SeriesOfPatient(patient.Id, ct))
            {
                ahead.AddRange(series.Sessions
                    .Where(s => s.Footprint.Start > now && s.Status is (SessionStatus.Booked or SessionStatus.Confirmed))
                    .Select(s => new Ahead(patient, s)));
            }
        }
        return ahead.OrderBy(a => a.Session.Footprint.Start).ThenBy(a => a.Session.Id.Value).ToList();
    }

    private async Task<InboundSmsView> View(InboundSms sms, CancellationToken ct) =>
        InboundSmsView.Of(sms, sms.ClinicId is { } id && await store.Clinic(id, ct) is { } clinic ? clinic.Settings.Zone : DateTimeZone.Utc);

    /// <summary>The message and its sender's number, or null when a field is missing or malformed (see <see cref="Invalid"/>).</summary>
    private static (InboundSms Sms, PhoneNumber Phone)? Read(ReceiveSmsInput input, Instant now)
    {
        if (input.Body is null || string.IsNullOrWhiteSpace(input.MessageSid) || !TryPhone(input.From, out var phone))
            return null;
        try
        {
            return (InboundSms.Receive(input.MessageSid, phone.Value, input.To, input.Body, now), phone);
        }
        catch (InvalidValueException)
        {
            return null;
        }
    }

    private static Problem Invalid(ReceiveSmsInput input)
    {
        if (string.IsNullOrWhiteSpace(input.MessageSid))
            return Problem.Invalid("MessageSid", "MessageSid is required: the provider's id of the message.");
        if (input.From is null)
            return Problem.Invalid("From", "From is required: the number the message came from.");
        if (!TryPhone(input.From, out _))
            return Problem.Invalid("From", $"From must be a phone number in E.164 form, such as +16175550123, not '{Shorten(input.From, 30)}'.");
        if (input.Body is null)
            return Problem.Invalid("Body", "Body is required (it may be empty).");
        try
        {
            InboundSms.Receive(input.MessageSid, input.From, input.To, input.Body, Instant.MinValue);
        }
        catch (InvalidValueException e)
        {
            return Problem.Invalid(e.Field, e.Message);
        }
        return Problem.Invalid("body", "The message could not be read.");
    }

    private static bool TryPhone(string? text, out PhoneNumber phone)
    {
        try
        {
            phone = new PhoneNumber(text ?? "");
            return true;
        }
        catch (InvalidValueException)
        {
            phone = default;
            return false;
        }
    }

    /// <summary>The reply as stored with an opt-out: control characters made spaces, at most 160 characters.</summary>
    private static string Clean(string body) => Shorten(new string(body.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim(), 160);

    private static string Shorten(string text, int max = Text.ReasonMaxLength) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private sealed record Ahead(Patient Patient, Session Session);
}

/// <summary>The front desk's view of inbound SMS: a clinic's (or unmatched) replies, newest first, and marking one handled.</summary>
public sealed class InboundSmsQueries(ISchedulerStore store, IActor actor, IClock clock)
{
    public const int MaxTake = 500;

    public async Task<Result<IReadOnlyList<InboundSmsView>>> OfClinic(Guid clinicId, bool onlyNeedingFrontDesk, int? take, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        if (Take(take) is not { } count)
            return Problem.Invalid("take", $"take must be from 1 to {MaxTake}.");
        return (await store.InboundSmsOf(clinic.Id, onlyNeedingFrontDesk, count, ct)).Select(m => InboundSmsView.Of(m, clinic.Settings.Zone)).ToList();
    }

    /// <summary>Replies from numbers that match no patient; times in UTC.</summary>
    public async Task<Result<IReadOnlyList<InboundSmsView>>> Unmatched(bool onlyNeedingFrontDesk, int? take, CancellationToken ct)
    {
        if (Take(take) is not { } count)
            return Problem.Invalid("take", $"take must be from 1 to {MaxTake}.");
        return (await store.InboundSmsOf(null, onlyNeedingFrontDesk, count, ct)).Select(m => InboundSmsView.Of(m, DateTimeZone.Utc)).ToList();
    }

    /// <summary>Takes a reply off the front desk's list, naming who did; one already handled is left as it was.</summary>
    public async Task<Result<InboundSmsView>> MarkHandled(Guid id, CancellationToken ct)
    {
        var sms = await store.InboundSms(id, ct);
        if (sms is null)
            return Problem.NotFound("Inbound SMS", id);
        var zone = sms.ClinicId is { } clinicId && await store.Clinic(clinicId, ct) is { } clinic ? clinic.Settings.Zone : DateTimeZone.Utc;
        if (sms.HandledAt is not null)
            return InboundSmsView.Of(sms, zone);
        var now = clock.GetCurrentInstant();
        var by = actor.Name;
        sms.MarkHandled(by, now);
        store.Add(new AuditEntry(now, by, "inboundSms", sms.Id, "handled", "no longer needs the front desk", null));
        await store.SaveChanges(ct);
        return InboundSmsView.Of(sms, zone);
    }

    private static int? Take(int? take) => take is null ? 100 : take is >= 1 and <= MaxTake ? take : null;
}
