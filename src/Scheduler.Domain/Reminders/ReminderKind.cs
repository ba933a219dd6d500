namespace Scheduler.Domain.Reminders;

/// <summary>The reminders a session gets, in the order they normally go out.</summary>
public enum ReminderKind
{
    /// <summary>Days ahead; asks the patient to confirm (or to change the session by the link).</summary>
    Confirm,

    /// <summary>The day before; preparation: fasting, bring a driver, no driving until the next day.</summary>
    Prepare,

    /// <summary>A short nudge on the day, a couple of hours before the start.</summary>
    SameDay,

    /// <summary>Sent at once by the rebooking job: a disrupted session has a new time held; confirm or decline it.</summary>
    Rebooking,

    /// <summary>Sent at once to a waitlisted patient: an earlier time is free; the first to take it gets it.</summary>
    WaitlistOffer,

    /// <summary>Sent at once to the others offered a time when someone took it.</summary>
    OfferTaken,
}

public static class ReminderKinds
{
    /// <summary>The kinds a clinic's policy plans ahead of a session, with its own offsets and templates.</summary>
    public static IReadOnlyList<ReminderKind> Timed { get; } = [ReminderKind.Confirm, ReminderKind.Prepare, ReminderKind.SameDay];

    public static bool IsTimed(this ReminderKind kind) => kind is ReminderKind.Confirm or ReminderKind.Prepare or ReminderKind.SameDay;
}
