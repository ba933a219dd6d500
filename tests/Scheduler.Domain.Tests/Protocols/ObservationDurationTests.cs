namespace Scheduler.Domain.Tests.Protocols;

public class ObservationDurationTests
{
    [Theory]
    [InlineData(59)]
    [InlineData(0)]
    [InlineData(721)]
    public void FromMinutes_UnderAnHourOrOverTwelveHours_IsRefused(int minutes)
    {
        var error = Assert.Throws<InvalidValueException>(() => ObservationDuration.FromMinutes(minutes));

        Assert.Equal("observationMinutes", error.Field);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(120)]
    [InlineData(720)]
    public void FromMinutes_FromOneToTwelveHours_IsAccepted(int minutes)
    {
        Assert.Equal(Duration.FromMinutes(minutes), ObservationDuration.FromMinutes(minutes).Value);
    }

    [Fact]
    public void Constructor_WithPartOfAMinute_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new ObservationDuration(Duration.FromMinutes(90) + Duration.FromSeconds(1)));
    }
}
