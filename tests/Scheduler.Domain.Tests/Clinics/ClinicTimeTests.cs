namespace Scheduler.Domain.Tests.Clinics;

public class ClinicTimeTests
{
    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    public static TheoryData<string, LocalDateTime, string, string> SpringForwardGaps => new()
    {
        { "America/New_York", new LocalDateTime(2027, 3, 14, 2, 30), "-05", "-04" },
        { "America/Chicago", new LocalDateTime(2027, 3, 14, 2, 30), "-06", "-05" },
        { "Europe/London", new LocalDateTime(2027, 3, 28, 1, 30), "+00", "+01" },
        { "Australia/Sydney", new LocalDateTime(2027, 10, 3, 2, 30), "+10", "+11" },
    };

    [Theory]
    [MemberData(nameof(SpringForwardGaps))]
    public void Resolve_WhenTimeFallsInTheSpringForwardGap_IsRefusedWithAClearMessage(string zone, LocalDateTime local, string before, string after)
    {
        var error = Assert.Throws<InvalidValueException>(() => ClinicTime.Resolve(Zone(zone), local, null, "start"));

        Assert.Equal("start", error.Field);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains(zone, error.Message, StringComparison.Ordinal);
        Assert.Contains($"from {before} to {after}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WhenTimeFallsInTheGap_IsRefusedEvenWithAnOffset()
    {
        Assert.Throws<InvalidValueException>(() =>
            ClinicTime.Resolve(Zone("America/New_York"), new LocalDateTime(2027, 3, 14, 2, 30), Offset.FromHours(-5), "start"));
    }

    [Fact]
    public void Resolve_WhenFallBackTimeHappensTwiceAndNoOffsetIsGiven_IsRefusedNamingBothOffsets()
    {
        var error = Assert.Throws<InvalidValueException>(() =>
            ClinicTime.Resolve(Zone("America/New_York"), new LocalDateTime(2026, 11, 1, 1, 30), null, "start"));

        Assert.Contains("happens twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("-04 for the first", error.Message, StringComparison.Ordinal);
        Assert.Contains("-05 for the second", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WhenFallBackTimeHappensTwice_UsesTheGivenOffset()
    {
        var zone = Zone("America/New_York");
        var local = new LocalDateTime(2026, 11, 1, 1, 30);

        var first = ClinicTime.Resolve(zone, local, Offset.FromHours(-4), "start");
        var second = ClinicTime.Resolve(zone, local, Offset.FromHours(-5), "start");

        Assert.Equal(Instant.FromUtc(2026, 11, 1, 5, 30), first);
        Assert.Equal(Instant.FromUtc(2026, 11, 1, 6, 30), second);
        Assert.Equal(local, first.InZone(zone).LocalDateTime);
        Assert.Equal(local, second.InZone(zone).LocalDateTime);
    }

    [Fact]
    public void Resolve_WhenFallBackTimeHappensTwiceInLondon_UsesTheGivenOffset()
    {
        var zone = Zone("Europe/London");
        var local = new LocalDateTime(2027, 10, 31, 1, 30);

        Assert.Equal(Instant.FromUtc(2027, 10, 31, 0, 30), ClinicTime.Resolve(zone, local, Offset.FromHours(1), "start"));
        Assert.Equal(Instant.FromUtc(2027, 10, 31, 1, 30), ClinicTime.Resolve(zone, local, Offset.Zero, "start"));
        Assert.Throws<InvalidValueException>(() => ClinicTime.Resolve(zone, local, null, "start"));
    }

    [Fact]
    public void Resolve_WhenFallBackTimeHappensTwiceInSydney_UsesTheGivenOffset()
    {
        var zone = Zone("Australia/Sydney");
        var local = new LocalDateTime(2027, 4, 4, 2, 30);

        Assert.Equal(Instant.FromUtc(2027, 4, 3, 15, 30), ClinicTime.Resolve(zone, local, Offset.FromHours(11), "start"));
        Assert.Equal(Instant.FromUtc(2027, 4, 3, 16, 30), ClinicTime.Resolve(zone, local, Offset.FromHours(10), "start"));
    }

    [Fact]
    public void Resolve_WhenFallBackTimeHappensTwiceAndTheOffsetIsNeither_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() =>
            ClinicTime.Resolve(Zone("America/New_York"), new LocalDateTime(2026, 11, 1, 1, 30), Offset.Zero, "start"));

        Assert.Contains("-04 or -05", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WhenTimeIsUnambiguous_NeedsNoOffset()
    {
        var instant = ClinicTime.Resolve(Zone("America/Chicago"), new LocalDateTime(2027, 1, 12, 9, 0), null, "start");

        Assert.Equal(Instant.FromUtc(2027, 1, 12, 15, 0), instant);
    }

    [Fact]
    public void Resolve_WhenTimeIsUnambiguousAndTheOffsetIsWrong_IsRefused()
    {
        var zone = Zone("America/Chicago");
        var local = new LocalDateTime(2027, 1, 12, 9, 0);

        Assert.Equal(Instant.FromUtc(2027, 1, 12, 15, 0), ClinicTime.Resolve(zone, local, Offset.FromHours(-6), "start"));
        var error = Assert.Throws<InvalidValueException>(() => ClinicTime.Resolve(zone, local, Offset.FromHours(-5), "start"));
        Assert.Contains("-06", error.Message, StringComparison.Ordinal);
    }
}
