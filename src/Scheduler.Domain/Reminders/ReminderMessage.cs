using NodaTime;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// One reminder of one session, from planning to sending: the record a patient's messages are read
/// from. Planned from a <see cref="PlannedReminder"/>; its status follows <see cref="MessageState"/>.
/// A moved or cancelled session's pending messages are suppressed (a moved one gets new messages),
/// so the history of what was planned stays.
/// <para>
/// Sending: a dispatcher claims due messages (<see cref="MessageStatus.Sending"/> with its
/// <see cref="ClaimId"/>, in one statement, so no two dispatchers hold the same one), decides at
/// send time (the session may have gone, the patient may have opted out or reached a cap, quiet
/// hours may have begun), sends, and records the outcome. What was sent is kept here: channel,
/// address, subject, body, provider id. A failed attempt is retried at <see cref="NextAttemptAt"/>
/// until the attempts run out; then the failure is permanent and stays visible.
/// </para>
/// </summary>
public sealed class ReminderMessage
{
    private ReminderMessage()
    {
    }

    public Guid Id { get; private set; }
    public ClinicId ClinicId { get; private set; }
    public SessionId SessionId { get; private set; }
    public PatientId PatientId { get; private set; }
    public ReminderKind Kind { get; private set; }

    /// <summary>The rebooking case or offer an offer message is about; null for a timed reminder.</summary>
    public Guid? RelatedId { get; private set; }

    /// <summary>The session start this message was planned for (for an offer: the time offered).</summary>
    public Instant SessionStart { get; private set; }

    /// <summary>When the policy alone puts it, before quiet hours or a late booking moved it.</summary>
    public Instant Nominal { get; private set; }

    /// <summary>When it goes out; null when it was suppressed at planning.</summary>
    public Instant? DueAt { get; private set; }

    public MessageStatus Status { get; private set; }
    public SuppressionReason? Reason { get; private set; }

    /// <summary>The suppression's sentence for the front desk.</summary>
    public string? ReasonText { get; private set; }

    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }

    /// <summary>The code in this message's confirm/cancel link; unique, random, and signed in the link.</summary>
    public string LinkCode { get; private set; } = "";

    /// <summary>The dispatcher run holding the message while it is <see cref="MessageStatus.Sending"/>; null otherwise.</summary>
    public Guid? ClaimId { get; private set; }

    /// <summary>Until when the claim holds; a claim left behind by a process that died is settled after it.</summary>
    public Instant? ClaimedUntil { get; private set; }

    /// <summary>Sending attempts made (successful or not).</summary>
    public int Attempts { get; private set; }

    /// <summary>When a failed message is tried again; null when it is not (sent, suppressed, or failed for good).</summary>
    public Instant? NextAttemptAt { get; private set; }

    /// <summary>The provider's words for the last failure.</summary>
    public string? LastError { get; private set; }

    public Instant? SentAt { get; private set; }
    public ContactChannel? Channel { get; private set; }

    /// <summary>The phone number or email address it was sent to.</summary>
    public string? SentTo { get; private set; }

    public string? Subject { get; private set; }
    public string? Body { get; private set; }

    /// <summary>The provider's id for the sent message (an SMS API's message id, the SMTP Message-ID).</summary>
    public string? ProviderId { get; private set; }

    /// <summary>Anything the front desk should know about how it went: sent by email because the SMS cap was reached, put off past quiet hours.</summary>
    public string? Note { get; private set; }

    /// <summary>Still to be sent: scheduled, or failed with another attempt to come. A message being sent is not: its sender decides.</summary>
    public bool IsPending => Status == MessageStatus.Scheduled || (Status == MessageStatus.Failed && NextAttemptAt is not null);

    /// <summary>Failed with no attempt left.</summary>
    public bool HasFailedForGood => Status == MessageStatus.Failed && NextAttemptAt is null;

    public static ReminderMessage Plan(ClinicId clinic, SessionId session, PatientId patient, Instant sessionStart, PlannedReminder planned,
        string linkCode, Instant now) =>
        new()
        {
            Id = Guid.NewGuid(),
            ClinicId = clinic,
            SessionId = session,
            PatientId = patient,
            Kind = planned.Kind,
            SessionStart = sessionStart,
            Nominal = planned.Nominal,
            DueAt = planned.Due,
            Status = planned.IsScheduled ? MessageStatus.Scheduled : MessageStatus.Suppressed,
            Reason = planned.Suppression?.Reason,
            ReasonText = planned.Suppression?.Message,
            LinkCode = Text.Required(linkCode, "linkCode", 40),
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>
    /// A message that goes out at once (a rebooking or waitlist offer), about the time
    /// <paramref name="start"/>; <paramref name="relatedId"/> names the rebooking case or offer it is about.
    /// </summary>
    public static ReminderMessage Immediate(ReminderKind kind, ClinicId clinic, SessionId session, PatientId patient, Instant start,
        Guid relatedId, string linkCode, Instant now)
    {
        if (kind.IsTimed())
            throw new ArgumentException("Timed reminders are planned from the policy.", nameof(kind));
        var message = Plan(clinic, session, patient, start, PlannedReminder.Scheduled(kind, now, now), linkCode, now);
        message.RelatedId = relatedId;
        return message;
    }

    /// <summary>
    /// Stops a message from going out: a pending one (by the application), or a claimed one (by its
    /// dispatcher, deciding at send time). Refused for one already sent or suppressed.
    /// </summary>
    public Refusal? Suppress(SuppressionReason reason, string text, Instant now)
    {
        if (Status == MessageStatus.Failed && NextAttemptAt is null)
            return new Refusal(RuleCode.LifecycleTransition, "The message failed for good; it is not sent again.");
        if (State.TrySuppressed(reason, out var next) is { } refusal)
            return refusal;
        Move(next, now);
        Reason = next.Reason;
        ReasonText = Text.Required(text, "reason", Text.ReasonMaxLength);
        NextAttemptAt = null;
        return null;
    }

    /// <summary>
    /// Taken by one dispatcher until <paramref name="until"/>. The store does the same in one SQL
    /// statement over many rows (so two dispatchers cannot both take one); this is its meaning.
    /// </summary>
    public Refusal? Claim(Guid claimId, Instant until, Instant now)
    {
        if (!IsPending)
            return new Refusal(RuleCode.LifecycleTransition, $"The message is {Status.ToString().ToLowerInvariant()}; only a pending one can be claimed.");
        if (State.TrySending(out var next) is { } refusal)
            return refusal;
        Move(next, now);
        ClaimId = claimId;
        ClaimedUntil = until;
        return null;
    }

    /// <summary>Sent by the claiming dispatcher: what went, where, and the provider's id.</summary>
    public Refusal? MarkSent(ContactChannel channel, string to, RenderedMessage message, string? providerId, string? note, Instant now)
    {
        if (State.TrySent(out var next) is { } refusal)
            return refusal;
        Move(next, now);
        Attempts++;
        SentAt = now;
        Channel = channel;
        SentTo = to;
        Subject = message.Subject;
        Body = message.Body;
        ProviderId = providerId;
        Note = note;
        NextAttemptAt = null;
        return null;
    }

    /// <summary>
    /// An attempt failed: tried again at <paramref name="retryAt"/>, or never again when it is null
    /// (a permanent failure, or no attempt left).
    /// </summary>
    public Refusal? MarkFailed(ContactChannel? channel, string? to, string error, Instant? retryAt, Instant now)
    {
        if (State.TryFailed(out var next) is { } refusal)
            return refusal;
        Move(next, now);
        Attempts++;
        Channel = channel;
        SentTo = to;
        LastError = Text.Required(error, "error", Text.ReasonMaxLength);
        NextAttemptAt = retryAt;
        return null;
    }

    /// <summary>
    /// A claim left unsettled by a dispatcher that stopped mid-send: the provider may or may not have
    /// taken the message, so it is not sent again (at most once) and the failure says why.
    /// </summary>
    public Refusal? MarkInterrupted(Instant now) =>
        MarkFailed(Channel, SentTo, "Sending was interrupted (the app stopped while sending); it may or may not have gone out, so it is not sent again.", null, now);

    /// <summary>
    /// Back to scheduled, unsent: handed back by a dispatcher that is stopping, or put off to
    /// <paramref name="dueAt"/> (after quiet hours) with a <paramref name="note"/> saying so.
    /// </summary>
    public Refusal? Reschedule(Instant dueAt, string? note, Instant now)
    {
        if (State.TryScheduled(out var next) is { } refusal)
            return refusal;
        Move(next, now);
        DueAt = dueAt;
        if (note is not null)
            Note = note;
        return null;
    }

    private MessageState State => MessageState.Restore(Status, Reason);

    private void Move(MessageState next, Instant now)
    {
        Status = next.Status;
        ClaimId = null;
        ClaimedUntil = null;
        UpdatedAt = now;
    }
}
