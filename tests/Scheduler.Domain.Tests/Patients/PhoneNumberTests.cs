namespace Scheduler.Domain.Tests.Patients;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("6175550123")]
    [InlineData("+1 617 555 0123")]
    [InlineData("+1-617-555-0123")]
    [InlineData("(617) 555-0123")]
    [InlineData("+06175550123")]
    [InlineData("+1617555012345678")]
    [InlineData("+12345")]
    [InlineData("")]
    [InlineData("+44 20 7946 0958")]
    public void Constructor_WhenNotE164_IsRefused(string value)
    {
        var error = Assert.Throws<InvalidValueException>(() => new PhoneNumber(value));

        Assert.Equal("phone", error.Field);
        Assert.Contains("E.164", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+16175550123")]
    [InlineData("+442079460958")]
    [InlineData("+61291234567")]
    public void Constructor_WhenE164_IsAccepted(string value)
    {
        Assert.Equal(value, new PhoneNumber(value).Value);
    }

    [Fact]
    public void Constructor_TrimsSurroundingSpaces()
    {
        Assert.Equal("+16175550123", new PhoneNumber("  +16175550123 ").Value);
    }
}
