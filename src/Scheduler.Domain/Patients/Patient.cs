using Scheduler.Domain.Common;

namespace Scheduler.Domain.Patients;

public sealed class Patient
{
    private Patient(PatientId id, ClinicId clinicId, string name, PhoneNumber? phone, EmailAddress? email,
        ContactChannel preferredChannel, Availability availability)
    {
        Id = id;
        ClinicId = clinicId;
        Name = name;
        Phone = phone;
        Email = email;
        PreferredChannel = preferredChannel;
        Availability = availability;
    }

    public PatientId Id { get; }
    public ClinicId ClinicId { get; }
    public string Name { get; private set; }
    public PhoneNumber? Phone { get; private set; }
    public EmailAddress? Email { get; private set; }
    public ContactChannel PreferredChannel { get; private set; }
    public Availability Availability { get; private set; }

    public static Patient Create(ClinicId clinicId, string name, PhoneNumber? phone, EmailAddress? email,
        ContactChannel preferredChannel, Availability availability)
    {
        var patient = new Patient(PatientId.New(), clinicId, "", null, null, preferredChannel, availability);
        patient.Update(name, phone, email, preferredChannel, availability);
        return patient;
    }

    public void Update(string name, PhoneNumber? phone, EmailAddress? email, ContactChannel preferredChannel, Availability availability)
    {
        if (preferredChannel == ContactChannel.Sms && phone is null)
            throw new InvalidValueException("phone", "SMS is the preferred channel, so a phone number is needed.");
        if (preferredChannel == ContactChannel.Email && email is null)
            throw new InvalidValueException("email", "Email is the preferred channel, so an email address is needed.");
        Name = Text.Required(name, "name");
        Phone = phone;
        Email = email;
        PreferredChannel = preferredChannel;
        Availability = availability;
    }
}
