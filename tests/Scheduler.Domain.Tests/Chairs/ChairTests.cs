namespace Scheduler.Domain.Tests.Chairs;

public class ChairTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 12, 7, 14, 0);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Create_WithEmptyName_IsRefused(string name)
    {
        Assert.Throws<InvalidValueException>(() => Chair.Create(ClinicId.New(), name, new ChairKind("recliner")));
    }

    [Fact]
    public void Create_WithNameOverTwoHundredCharacters_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => Chair.Create(ClinicId.New(), new string('x', 201), new ChairKind("recliner")));
    }

    [Fact]
    public void ChairKind_IsComparedWithoutCase()
    {
        Assert.Equal(new ChairKind("Private Room"), new ChairKind(" private room "));
        Assert.NotEqual(new ChairKind("bed"), new ChairKind("recliner"));
    }

    [Fact]
    public void ChairKind_WhenEmpty_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new ChairKind(""));
    }

    [Fact]
    public void AddOutOfService_WithEndNotAfterStart_IsRefused()
    {
        var chair = Chair.Create(ClinicId.New(), "Chair 1", new ChairKind("recliner"));

        Assert.Throws<InvalidValueException>(() => chair.AddOutOfService(Nine, Nine, "Maintenance"));
        Assert.Empty(chair.OutOfService);
    }

    [Fact]
    public void OutOfServiceDuring_UsesHalfOpenIntervals()
    {
        var chair = Chair.Create(ClinicId.New(), "Chair 1", new ChairKind("recliner"));
        chair.AddOutOfService(Nine, Nine + Duration.FromHours(2), "Pump repair");

        Assert.Null(chair.OutOfServiceDuring(Nine - Duration.FromHours(1), Nine));
        Assert.Null(chair.OutOfServiceDuring(Nine + Duration.FromHours(2), Nine + Duration.FromHours(3)));
        Assert.Equal("Pump repair", chair.OutOfServiceDuring(Nine + Duration.FromMinutes(119), Nine + Duration.FromHours(3))?.Reason);
    }

    [Fact]
    public void RemoveOutOfService_FreesTheChairAgain()
    {
        var chair = Chair.Create(ClinicId.New(), "Chair 1", new ChairKind("recliner"));
        var window = chair.AddOutOfService(Nine, Nine + Duration.FromHours(2), "Pump repair");

        Assert.True(chair.RemoveOutOfService(window.Id));
        Assert.False(chair.RemoveOutOfService(window.Id));
        Assert.Null(chair.OutOfServiceDuring(Nine, Nine + Duration.FromHours(1)));
    }
}
