using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

/// <summary>The reminder policy a clinic saved. A clinic without one uses <see cref="ReminderPolicy.Default"/>.</summary>
public sealed class ClinicReminderPolicy
{
    private ClinicReminderPolicy()
    {
    }

    public ClinicId ClinicId { get; private set; }
    public ReminderPolicy Policy { get; private set; } = ReminderPolicy.Default;
    public Instant UpdatedAt { get; private set; }

    public static ClinicReminderPolicy Of(ClinicId clinic, ReminderPolicy policy, Instant now) =>
        new() { ClinicId = clinic, Policy = policy, UpdatedAt = now };

    public void Replace(ReminderPolicy policy, Instant now)
    {
        Policy = policy;
        UpdatedAt = now;
    }
}
