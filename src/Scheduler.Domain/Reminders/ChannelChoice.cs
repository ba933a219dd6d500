using Scheduler.Domain.Patients;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// The channel a reminder goes by, or why none: the patient's preferred channel when it can be
/// used, else the other one. SMS cannot be used without a phone number or after an opt-out; email
/// cannot be used without an address.
/// </summary>
public sealed class ChannelChoice
{
    private ChannelChoice(ContactChannel? channel, Suppression? suppression)
    {
        Channel = channel;
        Suppression = suppression;
    }

    public ContactChannel? Channel { get; }
    public Suppression? Suppression { get; }
    public bool IsSuppressed => Suppression is not null;

    public static ChannelChoice For(Patient patient, bool smsOptedOut) =>
        For(patient.PreferredChannel, patient.Phone, patient.Email, smsOptedOut);

    public static ChannelChoice For(ContactChannel preferred, PhoneNumber? phone, EmailAddress? email, bool smsOptedOut)
    {
        var smsUsable = phone is not null && !smsOptedOut;
        var emailUsable = email is not null;
        if (preferred == ContactChannel.Sms && smsUsable)
            return new(ContactChannel.Sms, null);
        if (emailUsable)
            return new(ContactChannel.Email, null);
        if (smsUsable)
            return new(ContactChannel.Sms, null);
        return phone is not null && smsOptedOut
            ? new(null, new Suppression(SuppressionReason.OptedOut, "The patient opted out of SMS and has no email address."))
            : new(null, new Suppression(SuppressionReason.NoContact, "The patient has no phone number or email address to remind."));
    }
}
