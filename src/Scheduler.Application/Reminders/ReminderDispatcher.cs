using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Reminders;

/// <summary>How the dispatcher works; configuration section <c>Reminders:Dispatch</c>.</summary>
public sealed class DispatchOptions
{
    /// <summary>Messages claimed and recorded together.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a claim holds before another dispatcher may settle it as abandoned.</summary>
    public int ClaimLeaseSeconds { get; set; } = 600;

    /// <summary>Attempts before a failure is permanent.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failure; it doubles after each further one, up to <see cref="MaxRetryDelayMinutes"/>.</summary>
    public int FirstRetryDelaySeconds { get; set; } = 60;

    public int MaxRetryDelayMinutes { get; set; } = 60;
}

/// <summary>What one batch did.</summary>
public sealed record DispatchReport(int Claimed, int Sent, int Failed, int Suppressed, int PutOff, int Settled, int HandedBack)
{
    public static DispatchReport Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Both reports together, as for a run of several batches.</summary>
    public DispatchReport Plus(DispatchReport other) =>
        new(Claimed + other.Claimed, Sent + other.Sent, Failed + other.Failed, Suppressed + other.Suppressed,
            PutOff + other.PutOff, Settled + other.Settled, HandedBack + other.HandedBack);
}

/// <summary>
/// Sends the reminder messages that are due, one batch at a time. Each message is claimed before it
/// is sent, so no two dispatchers (two processes, or a retried job) send it twice; everything is
/// decided again at send time, because the world moved since planning:
/// <list type="number">
/// <item>the session must still be booked or confirmed and ahead (a confirmation request is not sent for a session already confirmed);</item>
/// <item>of several overdue reminders of one session (the app was down) only the latest goes;</item>
/// <item>inside quiet hours it is put off to when they end, if that is still before the session;</item>
/// <item>the channel follows the patient's preference and consent (an opted-out number gets no SMS);</item>
/// <item>an SMS over the daily or weekly cap goes by email when the patient has an address, else it is suppressed.</item>
/// </list>
/// A failed attempt is retried with a doubling delay until the attempts run out or the session is
/// near; then the failure is permanent and visible on the message.
/// </summary>
public sealed class ReminderDispatcher(IReminderOutbox outbox, MessageSenders senders, ReminderLinks links, IClock clock, DispatchOptions options)
{
    /// <summary>Said in every email where an SMS says "Reply STOP to opt out".</summary>
    public const string EmailStop = "You get these reminders because you have an appointment with us. To stop them, reply to this email or tell the front desk.";

    /// <summary>
    /// Claims and sends one batch. When <paramref name="ct"/> fires (the app is stopping), the
    /// messages not yet sent are handed back unsent and what was sent is recorded.
    /// </summary>
    public async Task<DispatchReport> DispatchBatch(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var settled = await outbox.SettleAbandonedClaims(now, senders.AllEmbedded, ct);
        var claimed = await outbox.ClaimDue(Guid.NewGuid(), now, now + Duration.FromSeconds(options.ClaimLeaseSeconds), options.BatchSize, ct);
        if (claimed.Count == 0)
            return DispatchReport.Empty with { Settled = settled };

        var facts = await outbox.Facts(claimed, now - Duration.FromDays(ContactCaps.DaysInWeek + 1), ct);
        // Only a session's timed reminders supersede each other; offers stand alone.
        var latestDue = claimed.Where(m => m.Kind.IsTimed()).GroupBy(m => m.SessionId).ToDictionary(g => g.Key, g => g.Max(m => m.Nominal));
        var tally = new Tally();
        foreach (var message in claimed.OrderBy(m => m.DueAt).ThenBy(m => m.Nominal))
        {
            if (ct.IsCancellationRequested)
            {
                message.Reschedule(message.DueAt ?? now, null, now);
                tally.HandedBack++;
                continue;
            }
            // Sends run to their end once begun: a half-sent batch is recorded, never lost.
            await Dispatch(message, facts, latestDue.TryGetValue(message.SessionId, out var latest) ? latest : message.Nominal, now, tally);
        }
        await outbox.Save(CancellationToken.None);
        return new DispatchReport(claimed.Count, tally.Sent, tally.Failed, tally.Suppressed, tally.PutOff, settled, tally.HandedBack);
    }

    private async Task Dispatch(ReminderMessage message, DispatchFacts facts, Instant latestNominal, Instant now, Tally tally)
    {
        var clinic = facts.Clinics[message.ClinicId];
        var zone = clinic.Settings.Zone;
        var policy = facts.Policies.TryGetValue(message.ClinicId, out var saved) ? saved : ReminderPolicy.Default;
        facts.Sessions.TryGetValue(message.SessionId, out var session);
        facts.Patients.TryGetValue(message.PatientId, out var patient);

        if (WhyNotNow(message, session, patient, latestNominal, now, zone, facts) is { } why)
        {
            Suppress(message, why, now, tally);
            return;
        }
        if (policy.QuietHours.IsQuiet(now, zone))
        {
            var next = policy.QuietHours.NextSendable(now, zone);
            if (next < message.SessionStart)
            {
                message.Reschedule(next, $"Put off to {Formats.DayTime(next, zone)}: it fell due in quiet hours ({policy.QuietHours}).", now);
                tally.PutOff++;
            }
            else
            {
                Suppress(message, new Suppression(SuppressionReason.QuietHours,
                    $"It fell due in quiet hours ({policy.QuietHours}) and they end only after the session starts."), now, tally);
            }
            return;
        }

        var optedOut = patient!.Phone is { } phone && facts.OptedOutPhones.Contains(phone.Value);
        var choice = ChannelChoice.For(patient, optedOut);
        if (choice.Suppression is { } noChannel)
        {
            Suppress(message, noChannel, now, tally);
            return;
        }
        var channel = choice.Channel!.Value;
        string? note = null;
        if (!facts.RecentSms.TryGetValue(patient.Id, out var recent))
        {
            recent = [];
            facts.RecentSms[patient.Id] = recent;
        }
        // A rebooking offer tells the patient their appointment could not go ahead: it is not held back by the caps.
        if (channel == ContactChannel.Sms && message.Kind != ReminderKind.Rebooking && policy.SmsCaps.Check(ContactChannel.Sms, now, recent, zone) is { } capped)
        {
            if (patient.Email is null)
            {
                Suppress(message, capped, now, tally);
                return;
            }
            channel = ContactChannel.Email;
            note = $"Sent by email instead of SMS: {capped.Message}";
        }

        var link = links.For(message.LinkCode);
        var values = channel == ContactChannel.Sms
            ? TemplateValues.ForSms(policy, message.SessionStart, zone, link)
            : TemplateValues.ForEmail(policy, message.SessionStart, zone, link, EmailStop);
        var template = message.Kind.IsTimed() ? policy.Templates.For(message.Kind, channel) : OfferTemplates.For(message.Kind, channel);
        var rendered = template.Render(values);
        var to = channel == ContactChannel.Sms ? patient.Phone!.Value.Value : patient.Email!.Value.Value;
        var sender = senders.For(channel);
        SendResult result;
        try
        {
            result = await sender.Send(new OutgoingMessage(message.Id, channel, to, policy.SenderName, rendered.Subject, rendered.Body), CancellationToken.None);
        }
#pragma warning disable CA1031 // A sender that throws is a failed attempt like any other; the batch goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = SendResult.TryAgain($"{sender.Name}: {ex.GetType().Name}: {ex.Message}");
        }
        switch (result.Status)
        {
            case SendStatus.Sent:
                message.MarkSent(channel, to, rendered, result.ProviderId, note, now);
                if (channel == ContactChannel.Sms)
                    recent.Add(now);
                tally.Sent++;
                break;
            default:
                var retryAt = result.Status == SendStatus.TryAgain ? RetryAt(message.Attempts + 1, now, message.SessionStart) : null;
                var error = Shorten(result.Error ?? "The provider gave no reason.");
                message.MarkFailed(channel, to, retryAt is null && result.Status == SendStatus.TryAgain
                    ? Shorten($"Gave up after {message.Attempts + 1} attempt(s): {error}")
                    : error, retryAt, now);
                tally.Failed++;
                break;
        }
    }

    /// <summary>Why the message must not go at all, whatever the channel; null when it may.</summary>
    private static Suppression? WhyNotNow(ReminderMessage message, Session? session, Patient? patient, Instant latestNominal, Instant now, DateTimeZone zone,
        DispatchFacts facts)
    {
        switch (message.Kind)
        {
            case ReminderKind.WaitlistOffer:
                if (message.RelatedId is not { } offer || !facts.OpenOffers.TryGetValue(offer, out var expires) || expires <= now || message.SessionStart <= now)
                    return new(SuppressionReason.OfferClosed, "The offer was taken, withdrawn or expired before it went out.");
                return patient is null ? new(SuppressionReason.NoContact, "The patient record is gone.") : null;
            case ReminderKind.OfferTaken:
                return patient is null ? new(SuppressionReason.NoContact, "The patient record is gone.") : null;
        }
        if (session is null || session.Status is SessionStatus.Cancelled or SessionStatus.NoShow)
            return new(SuppressionReason.SessionCancelled, "The session was cancelled before the reminder went out.");
        if (session.Footprint.Start != message.SessionStart)
            return new(SuppressionReason.SessionMoved, $"The session moved to {Formats.DayTime(session.Footprint.Start, zone)}.");
        if (session.Footprint.Start <= now || session.Status is not (SessionStatus.Booked or SessionStatus.Confirmed))
            return new(SuppressionReason.InThePast, $"The session started at {Formats.DayTime(session.Footprint.Start, zone)} (or the patient has arrived).");
        if (message.Nominal < latestNominal)
            return new(SuppressionReason.Superseded, "A later reminder of the same session is due as well; only that one is sent.");
        if (message.Kind is ReminderKind.Confirm or ReminderKind.Rebooking && session.Status == SessionStatus.Confirmed)
            return new(SuppressionReason.AlreadyConfirmed, "The session is already confirmed.");
        if (patient is null)
            return new(SuppressionReason.NoContact, "The patient record is gone.");
        return null;
    }

    private Instant? RetryAt(int attemptsMade, Instant now, Instant sessionStart)
    {
        if (attemptsMade >= options.MaxAttempts)
            return null;
        var delay = Duration.FromSeconds(options.FirstRetryDelaySeconds * Math.Pow(2, attemptsMade - 1));
        var max = Duration.FromMinutes(options.MaxRetryDelayMinutes);
        var at = now + (delay > max ? max : delay);
        return at < sessionStart ? at : null;
    }

    private static void Suppress(ReminderMessage message, Suppression why, Instant now, Tally tally)
    {
        message.Suppress(why.Reason, why.Message, now);
        tally.Suppressed++;
    }

    private static string Shorten(string text) => text.Length <= Text.ReasonMaxLength ? text : text[..(Text.ReasonMaxLength - 1)] + "…";

    private sealed class Tally
    {
        public int Sent { get; set; }
        public int Failed { get; set; }
        public int Suppressed { get; set; }
        public int PutOff { get; set; }
        public int HandedBack { get; set; }
    }
}
