namespace Scheduler.Domain.Reminders;

/// <summary>Why a reminder is not sent. Each has one meaning; the <see cref="Suppression"/> message says the particulars.</summary>
public enum SuppressionReason
{
    /// <summary>Quiet hours pushed it to or past the start of the session.</summary>
    QuietHours,

    /// <summary>A later reminder of the same session goes out at the same time or earlier and says it all.</summary>
    Superseded,

    /// <summary>The session has already started.</summary>
    InThePast,

    /// <summary>The patient opted out of SMS and has no email address.</summary>
    OptedOut,

    /// <summary>The patient has no usable phone number or email address.</summary>
    NoContact,

    /// <summary>The patient already has an SMS on that local day.</summary>
    DailyCap,

    /// <summary>The patient already has the weekly number of SMS within seven local days.</summary>
    WeeklyCap,

    /// <summary>The session was cancelled (set by the application when it cancels a session's reminders).</summary>
    SessionCancelled,

    /// <summary>The session was moved: its reminders were planned again for the new time.</summary>
    SessionMoved,

    /// <summary>A request to confirm, for a session the patient (or the front desk) already confirmed.</summary>
    AlreadyConfirmed,

    /// <summary>A waitlist offer that was taken, withdrawn or expired before it went out.</summary>
    OfferClosed,

    /// <summary>
    /// The clinic changed its reminder policy: the reminders still to go were planned again under the
    /// new one (set by the application; a kind already sent is not planned again).
    /// </summary>
    PolicyChanged,
}

/// <summary>An expected "no" for a reminder: a reason code and a sentence for the front desk.</summary>
public sealed record Suppression(SuppressionReason Reason, string Message);
