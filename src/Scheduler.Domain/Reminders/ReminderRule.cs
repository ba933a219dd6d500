using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

/// <summary>One reminder a clinic sends for every session: its kind and how long before the start.</summary>
public sealed class ReminderRule
{
    public ReminderRule(ReminderKind kind, ReminderOffset offset)
    {
        Kind = kind;
        Offset = offset ?? throw new InvalidValueException("reminders", "A reminder needs an offset.");
    }

    public ReminderKind Kind { get; }
    public ReminderOffset Offset { get; }
}
