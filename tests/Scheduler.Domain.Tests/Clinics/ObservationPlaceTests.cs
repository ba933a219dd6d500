namespace Scheduler.Domain.Tests.Clinics;

public class ObservationPlaceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void RecoveryArea_WithCapacityOutsideOneToFiveHundred_IsRefused(int capacity)
    {
        Assert.Throws<InvalidValueException>(() => ObservationPlace.RecoveryArea(capacity));
    }

    [Fact]
    public void RecoveryArea_KeepsItsCapacity()
    {
        var place = ObservationPlace.RecoveryArea(4);

        Assert.True(place.InRecoveryArea);
        Assert.Equal(4, place.Capacity);
        Assert.False(ObservationPlace.InChair.InRecoveryArea);
    }
}
