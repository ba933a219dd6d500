namespace Scheduler.Domain.Tests.Protocols;

public class InfusionDurationTests
{
    [Theory]
    [InlineData(44)]
    [InlineData(301)]
    [InlineData(0)]
    [InlineData(-60)]
    public void FromMinutes_OutsideFortyFiveMinutesToFiveHours_IsRefused(int minutes)
    {
        var error = Assert.Throws<InvalidValueException>(() => InfusionDuration.FromMinutes(minutes));

        Assert.Equal("infusionMinutes", error.Field);
        Assert.Contains($"{minutes} minutes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(45)]
    [InlineData(240)]
    [InlineData(300)]
    public void FromMinutes_FromFortyFiveMinutesToFiveHoursInclusive_IsAccepted(int minutes)
    {
        var infusion = InfusionDuration.FromMinutes(minutes);

        Assert.Equal(Duration.FromMinutes(minutes), infusion.Value);
    }

    [Fact]
    public void Constructor_WithPartOfAMinute_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new InfusionDuration(Duration.FromMinutes(60) + Duration.FromSeconds(30)));
    }
}
