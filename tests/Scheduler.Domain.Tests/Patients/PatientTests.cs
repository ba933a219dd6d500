namespace Scheduler.Domain.Tests.Patients;

public class PatientTests
{
    private static readonly ClinicId Clinic = ClinicId.New();
    private static readonly PhoneNumber Phone = new("+16175550123");
    private static readonly EmailAddress Email = new("ada@example.org");

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Create_WithEmptyName_IsRefused(string name)
    {
        var error = Assert.Throws<InvalidValueException>(() =>
            Patient.Create(Clinic, name, Phone, null, ContactChannel.Sms, Availability.Any));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Create_WithNameOverTwoHundredCharacters_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() =>
            Patient.Create(Clinic, new string('n', 201), Phone, null, ContactChannel.Sms, Availability.Any));
    }

    [Fact]
    public void Create_PreferringSmsWithoutPhone_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() =>
            Patient.Create(Clinic, "Ada Lovelace", null, Email, ContactChannel.Sms, Availability.Any));

        Assert.Equal("phone", error.Field);
    }

    [Fact]
    public void Create_PreferringEmailWithoutEmail_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() =>
            Patient.Create(Clinic, "Ada Lovelace", Phone, null, ContactChannel.Email, Availability.Any));

        Assert.Equal("email", error.Field);
    }

    [Fact]
    public void Create_WithValidDetails_KeepsThemTrimmed()
    {
        var patient = Patient.Create(Clinic, "  Ada Lovelace ", Phone, Email, ContactChannel.Email, Availability.Any);

        Assert.Equal("Ada Lovelace", patient.Name);
        Assert.Equal(Email, patient.Email);
        Assert.Equal(Clinic, patient.ClinicId);
    }
}
