using Scheduler.Domain.Patients;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// The fixed texts of the messages sent at once (rebooking and waitlist offers). Like the policy's
/// templates they say only the sender name, a date, a time and a link: nothing of the treatment.
/// Each SMS fits 160 plain characters with a 40-character link and the longest date and time (tested).
/// </summary>
public static class OfferTemplates
{
    private static readonly Dictionary<(ReminderKind, ContactChannel), MessageTemplate> Templates = new()
    {
        [(ReminderKind.Rebooking, ContactChannel.Sms)] = new(ContactChannel.Sms,
            "{clinic}: your appointment must move. New time held: {date} {time}. Confirm: {link} {stop}"),
        [(ReminderKind.Rebooking, ContactChannel.Email)] = new(ContactChannel.Email,
            "Hello,\n\nWe are sorry: your appointment at {clinic} could not go ahead as booked. We are holding a new time for you: {date} at {time}.\n\n" +
            "Please confirm it or decline it here: {link}\n\nIf we do not hear from you, the time is released and we will call you.\n\n{stop}",
            "New time held for you: {date} at {time}"),
        [(ReminderKind.WaitlistOffer, ContactChannel.Sms)] = new(ContactChannel.Sms,
            "{clinic}: an earlier time is free: {date} {time}. First to accept gets it: {link} {stop}"),
        [(ReminderKind.WaitlistOffer, ContactChannel.Email)] = new(ContactChannel.Email,
            "Hello,\n\nAn earlier appointment at {clinic} has become free: {date} at {time}. It is offered to a few patients on the waitlist; the first to accept gets it.\n\n" +
            "To take it, or to say no thanks: {link}\n\nIf you do nothing, you keep your current appointment.\n\n{stop}",
            "An earlier time is free: {date} at {time}"),
        [(ReminderKind.OfferTaken, ContactChannel.Sms)] = new(ContactChannel.Sms,
            "{clinic}: the {date} {time} time has been taken. You keep your appointment: {link} {stop}"),
        [(ReminderKind.OfferTaken, ContactChannel.Email)] = new(ContactChannel.Email,
            "Hello,\n\nThe earlier time at {clinic} on {date} at {time} has been taken by another patient. You keep your current appointment, which you can see here: {link}\n\n{stop}",
            "The {date} {time} time has been taken"),
    };

    public static MessageTemplate For(ReminderKind kind, ContactChannel channel) => Templates[(kind, channel)];
}
