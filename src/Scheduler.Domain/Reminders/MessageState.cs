using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

public enum MessageStatus
{
    Scheduled,

    /// <summary>Claimed by a dispatcher that is sending it now; nobody else may touch it until it is recorded.</summary>
    Sending,
    Sent,
    Failed,
    Suppressed,
}

/// <summary>
/// Where one reminder message stands. Scheduled → Sending (claimed by one dispatcher) | Suppressed;
/// Sending → Sent | Failed | Suppressed (decided at send time) | Scheduled (handed back unsent, or
/// put off past quiet hours); Failed → Sending (a retry) | Suppressed (cancelled or opted out
/// between retries). Sent and Suppressed are final: nothing is sent twice, and a suppressed message
/// stays so (a moved session gets new messages). Only a claimed message can be sent, so two
/// dispatchers can never both send one.
/// </summary>
public sealed class MessageState : IEquatable<MessageState>
{
    private MessageState(MessageStatus status, SuppressionReason? reason)
    {
        Status = status;
        Reason = reason;
    }

    public static MessageState Scheduled { get; } = new(MessageStatus.Scheduled, null);

    public MessageStatus Status { get; }

    /// <summary>Set exactly when <see cref="Status"/> is <see cref="MessageStatus.Suppressed"/>.</summary>
    public SuppressionReason? Reason { get; }

    public bool IsFinal => Status is MessageStatus.Sent or MessageStatus.Suppressed;

    /// <summary>Rebuilds a stored state; a suppressed one needs its reason, the others have none.</summary>
    public static MessageState Restore(MessageStatus status, SuppressionReason? reason)
    {
        if (!Enum.IsDefined(status))
            throw new InvalidValueException("status", $"Unknown message status {(int)status}.");
        if ((status == MessageStatus.Suppressed) != reason.HasValue)
            throw new InvalidValueException("reason", "A suppressed message needs a reason, and only a suppressed one has it.");
        return new MessageState(status, reason);
    }

    /// <summary>Null when the move is allowed, else why not.</summary>
    public Refusal? Refuses(MessageStatus next)
    {
        var allowed = Status switch
        {
            MessageStatus.Scheduled => next is MessageStatus.Sending or MessageStatus.Suppressed,
            MessageStatus.Sending => next is MessageStatus.Sent or MessageStatus.Failed or MessageStatus.Suppressed or MessageStatus.Scheduled,
            MessageStatus.Failed => next is MessageStatus.Sending or MessageStatus.Suppressed,
            _ => false,
        };
        return allowed
            ? null
            : new Refusal(RuleCode.LifecycleTransition,
                $"The message is {Status.ToString().ToLowerInvariant()}; it cannot become {next.ToString().ToLowerInvariant()}.");
    }

    public Refusal? TrySending(out MessageState next) => TryMove(MessageStatus.Sending, null, out next);

    public Refusal? TryScheduled(out MessageState next) => TryMove(MessageStatus.Scheduled, null, out next);

    public Refusal? TrySent(out MessageState next) => TryMove(MessageStatus.Sent, null, out next);

    public Refusal? TryFailed(out MessageState next) => TryMove(MessageStatus.Failed, null, out next);

    public Refusal? TrySuppressed(SuppressionReason reason, out MessageState next) => TryMove(MessageStatus.Suppressed, reason, out next);

    public bool Equals(MessageState? other) => other is not null && Status == other.Status && Reason == other.Reason;
    public override bool Equals(object? obj) => Equals(obj as MessageState);
    public override int GetHashCode() => HashCode.Combine(Status, Reason);
    public override string ToString() => Reason is { } r ? $"{Status} ({r})" : Status.ToString();

    /// <summary>On refusal <paramref name="next"/> is this state, unchanged.</summary>
    private Refusal? TryMove(MessageStatus status, SuppressionReason? reason, out MessageState next)
    {
        var refusal = Refuses(status);
        next = refusal is null ? new MessageState(status, reason) : this;
        return refusal;
    }
}
