namespace Scheduler.Domain.Tests.Protocols;

public class ProtocolTests
{
    [Fact]
    public void Create_WithInfusionOffTheClinicsSlotGrid_IsRefused()
    {
        var clinic = new ClinicBuilder().WithSlotGrid(30).Build();

        var error = Assert.Throws<InvalidValueException>(() => clinic.Protocol().WithInfusion(45).Build());

        Assert.Equal("infusionMinutes", error.Field);
        Assert.Contains("30-minute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithInfusionOnTheGrid_IsAccepted()
    {
        var clinic = new ClinicBuilder().WithSlotGrid(15).Build();

        var protocol = clinic.Protocol().WithInfusion(45).WithObservation(120).Build();

        Assert.Equal(Duration.FromMinutes(165), protocol.CareLength);
        Assert.Equal(clinic.Clinic.Id, protocol.ClinicId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithEmptyName_IsRefused(string name)
    {
        var clinic = new ClinicBuilder().Build();

        Assert.Throws<InvalidValueException>(() => clinic.Protocol().WithName(name).Build());
    }

    [Fact]
    public void Create_WithNameOverTwoHundredCharacters_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();

        Assert.Throws<InvalidValueException>(() => clinic.Protocol().WithName(new string('p', 201)).Build());
    }

    [Fact]
    public void Update_WithInfusionOffTheGrid_IsRefusedAndKeepsTheOldValues()
    {
        var clinic = new ClinicBuilder().WithSlotGrid(15).Build();
        var protocol = clinic.Protocol().WithInfusion(60).Build();

        Assert.Throws<InvalidValueException>(() => protocol.Update(clinic.Settings, "Changed", protocol.ChairKind,
            InfusionDuration.FromMinutes(50), protocol.Observation, protocol.Induction, protocol.Maintenance));

        Assert.Equal(Duration.FromMinutes(60), protocol.Infusion.Value);
        Assert.Equal("Ketamine for depression", protocol.Name);
    }
}
