using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

public class ChannelChoiceTests
{
    private static readonly PhoneNumber Phone = new("+16175550123");
    private static readonly EmailAddress Email = new("ada@example.org");

    [Fact]
    public void For_PatientPreferringSms_GetsSms()
    {
        var patient = Patient.Create(ClinicId.New(), "Ada Lovelace", Phone, Email, ContactChannel.Sms, Availability.Any);

        Assert.Equal(ContactChannel.Sms, ChannelChoice.For(patient, smsOptedOut: false).Channel);
    }

    [Fact]
    public void For_PatientPreferringEmail_GetsEmail()
    {
        var patient = Patient.Create(ClinicId.New(), "Ada Lovelace", Phone, Email, ContactChannel.Email, Availability.Any);

        Assert.Equal(ContactChannel.Email, ChannelChoice.For(patient, smsOptedOut: false).Channel);
    }

    [Fact]
    public void For_PatientWhoOptedOutOfSmsAndHasEmail_GetsEmail()
    {
        var patient = Patient.Create(ClinicId.New(), "Ada Lovelace", Phone, Email, ContactChannel.Sms, Availability.Any);

        var choice = ChannelChoice.For(patient, smsOptedOut: true);

        Assert.Equal(ContactChannel.Email, choice.Channel);
        Assert.False(choice.IsSuppressed);
    }

    [Fact]
    public void For_PatientWhoOptedOutOfSmsWithoutEmail_IsSuppressedAsOptedOut()
    {
        var patient = Patient.Create(ClinicId.New(), "Ada Lovelace", Phone, null, ContactChannel.Sms, Availability.Any);

        var choice = ChannelChoice.For(patient, smsOptedOut: true);

        Assert.Null(choice.Channel);
        Assert.Equal(SuppressionReason.OptedOut, choice.Suppression!.Reason);
    }

    [Fact]
    public void For_PreferredEmailMissing_FallsBackToSms()
    {
        Assert.Equal(ContactChannel.Sms, ChannelChoice.For(ContactChannel.Email, Phone, null, smsOptedOut: false).Channel);
    }

    [Fact]
    public void For_NoPhoneAndNoEmail_IsSuppressedAsNoContact()
    {
        var choice = ChannelChoice.For(ContactChannel.Sms, null, null, smsOptedOut: false);

        Assert.Equal(SuppressionReason.NoContact, choice.Suppression!.Reason);
    }
}
