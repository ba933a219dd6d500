namespace Scheduler.Domain.Tests.Clinics;

public class ClinicTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithEmptyName_IsRefused(string name)
    {
        var settings = new ClinicBuilder().BuildSettings();

        var error = Assert.Throws<InvalidValueException>(() => Clinic.Create(name, settings));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Create_WithNameOverTwoHundredCharacters_IsRefused()
    {
        var settings = new ClinicBuilder().BuildSettings();

        Assert.Throws<InvalidValueException>(() => Clinic.Create(new string('c', 201), settings));
    }

    [Fact]
    public void Update_WithEmptyName_IsRefusedAndKeepsTheOldName()
    {
        var clinic = new ClinicBuilder().WithName("Riverside").Build().Clinic;

        Assert.Throws<InvalidValueException>(() => clinic.Update(" ", clinic.Settings));

        Assert.Equal("Riverside", clinic.Name);
    }
}
