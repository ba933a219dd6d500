namespace Scheduler.Domain.Tests.Common;

public class TextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t ")]
    public void Required_WhenEmpty_IsRefused(string? value)
    {
        var error = Assert.Throws<InvalidValueException>(() => Text.Required(value, "name"));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Required_WhenOverTwoHundredCharacters_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() => Text.Required(new string('a', 201), "name"));

        Assert.Contains("201", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_WithExactlyTwoHundredCharacters_IsAccepted()
    {
        Assert.Equal(200, Text.Required(new string('a', 200), "name").Length);
    }

    [Fact]
    public void Required_TrimsBeforeMeasuring()
    {
        Assert.Equal("Ada", Text.Required("  Ada  ", "name"));
        Assert.Equal(200, Text.Required("  " + new string('a', 200) + "  ", "name").Length);
    }

    [Fact]
    public void Required_WithControlCharacters_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => Text.Required("Ada\u0007Lovelace", "name"));
    }

    [Fact]
    public void Optional_WhenBlank_IsNull()
    {
        Assert.Null(Text.Optional("   ", "note"));
    }
}
