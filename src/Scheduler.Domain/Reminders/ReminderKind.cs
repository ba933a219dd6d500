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
}
