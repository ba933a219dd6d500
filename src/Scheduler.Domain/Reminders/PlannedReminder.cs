using NodaTime;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// One reminder of a session as planned: scheduled at <see cref="Due"/>, or suppressed with a
/// reason. <see cref="Nominal"/> is when the policy alone puts it, before quiet hours or a late
/// booking moved it.
/// </summary>
public sealed class PlannedReminder
{
    private PlannedReminder(ReminderKind kind, Instant nominal, Instant? due, Suppression? suppression)
    {
        Kind = kind;
        Nominal = nominal;
        Due = due;
        Suppression = suppression;
    }

    public ReminderKind Kind { get; }
    public Instant Nominal { get; }
    public Instant? Due { get; }
    public Suppression? Suppression { get; }
    public bool IsScheduled => Due is not null;

    internal static PlannedReminder Scheduled(ReminderKind kind, Instant nominal, Instant due) => new(kind, nominal, due, null);

    internal static PlannedReminder Suppressed(ReminderKind kind, Instant nominal, SuppressionReason reason, string message) =>
        new(kind, nominal, null, new Suppression(reason, message));

    public override string ToString() => IsScheduled ? $"{Kind} at {Due}" : $"{Kind} suppressed: {Suppression!.Reason}";
}
