using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// One reminder of one session, from planning to sending: the record a patient's messages are read
/// from. Planned from a <see cref="PlannedReminder"/>; its status follows <see cref="MessageState"/>.
/// A moved or cancelled session's pending messages are suppressed (a moved one gets new messages),
/// so the history of what was planned stays.
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

    /// <summary>The session start this message was planned for.</summary>
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

    /// <summary>Still to be sent (scheduled, or failed and due for another attempt).</summary>
    public bool IsPending => Status is MessageStatus.Scheduled or MessageStatus.Failed;

    public static ReminderMessage Plan(ClinicId clinic, SessionId session, PatientId patient, Instant sessionStart, PlannedReminder planned, Instant now) =>
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
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>Stops a pending message from going out. Refused for one already sent or suppressed.</summary>
    public Refusal? Suppress(SuppressionReason reason, string text, Instant now)
    {
        if (MessageState.Restore(Status, Reason).TrySuppressed(reason, out var next) is { } refusal)
            return refusal;
        Status = next.Status;
        Reason = next.Reason;
        ReasonText = Text.Required(text, "reason", Text.ReasonMaxLength);
        UpdatedAt = now;
        return null;
    }
}
