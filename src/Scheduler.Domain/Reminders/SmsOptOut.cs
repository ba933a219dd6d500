using NodaTime;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// A phone number that asked for no more SMS (it replied STOP or another opt-out word). Kept per
/// number, not per patient: the number is what opted out, whichever patient records carry it.
/// Replying START undoes it.
/// </summary>
public sealed class SmsOptOut
{
    private SmsOptOut()
    {
    }

    public string Phone { get; private set; } = "";
    public Instant At { get; private set; }

    /// <summary>The reply that opted the number out, as received.</summary>
    public string Reply { get; private set; } = "";

    public static SmsOptOut Of(PhoneNumber phone, string reply, Instant at) =>
        new() { Phone = phone.Value, Reply = Text.Required(reply, "reply", 160), At = at };
}
