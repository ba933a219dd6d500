namespace Scheduler.Domain.Tests.Patients;

public class EmailAddressTests
{
    [Theory]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.org")]
    [InlineData("ada@localhost")]
    [InlineData("ada lovelace@example.org")]
    [InlineData("Ada <ada@example.org>")]
    [InlineData("ada@@example.org")]
    public void Constructor_WithBadAddress_IsRefused(string value)
    {
        var error = Assert.Throws<InvalidValueException>(() => new EmailAddress(value));

        Assert.Equal("email", error.Field);
    }

    [Fact]
    public void Constructor_WithAddressOverTwoHundredFiftyFourCharacters_IsRefused()
    {
        var value = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".org";

        Assert.True(value.Length > 254);
        Assert.Throws<InvalidValueException>(() => new EmailAddress(value));
    }

    [Theory]
    [InlineData("ada@example.org")]
    [InlineData("ada.lovelace+clinic@mail.example.co.uk")]
    public void Constructor_WithGoodAddress_IsAccepted(string value)
    {
        Assert.Equal(value, new EmailAddress(value).Value);
    }
}
