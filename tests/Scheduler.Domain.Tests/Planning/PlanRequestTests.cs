namespace Scheduler.Domain.Tests.Planning;

public class PlanRequestTests
{
    private static Protocol ProtocolWith(int? boosters, bool maintenance = true)
    {
        var builder = new ClinicBuilder().Build().Protocol().WithInduction(6, 2, 3);
        if (maintenance)
            builder.WithMaintenance(28, 42, boosters);
        return builder.Build();
    }

    [Fact]
    public void Boosters_ForAnOpenEndedMaintenance_DefaultToThePlannedAhead()
    {
        var request = new PlanRequestBuilder(ProtocolWith(null)).Build();

        Assert.Equal(PlanRequest.DefaultOpenEndedBoosters, request.Boosters);
        Assert.Equal(6 + PlanRequest.DefaultOpenEndedBoosters, request.SessionCount);
    }

    [Fact]
    public void Boosters_ForAFixedMaintenance_DefaultToItsCount()
    {
        Assert.Equal(4, new PlanRequestBuilder(ProtocolWith(4)).Build().Boosters);
    }

    [Fact]
    public void Boosters_WithoutMaintenance_AreNone()
    {
        var request = new PlanRequestBuilder(ProtocolWith(null, maintenance: false)).Build();

        Assert.Equal(0, request.Boosters);
        Assert.Equal(6, request.SessionCount);
    }

    [Fact]
    public void Boosters_AskedForWithoutMaintenance_AreRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() =>
            new PlanRequestBuilder(ProtocolWith(null, maintenance: false)).WithBoosters(1).Build());

        Assert.Equal("boosters", error.Field);
    }

    [Fact]
    public void Boosters_AboveTheProtocolsCount_AreRefused()
    {
        Assert.Throws<InvalidValueException>(() => new PlanRequestBuilder(ProtocolWith(2)).WithBoosters(3).Build());
    }

    [Fact]
    public void Boosters_AskedForOnAnOpenEndedMaintenance_AreTaken()
    {
        Assert.Equal(8, new PlanRequestBuilder(ProtocolWith(null)).WithBoosters(8).Build().Boosters);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void MaxProposals_OutsideOneToTen_AreRefused(int proposals)
    {
        Assert.Throws<InvalidValueException>(() => new PlanRequestBuilder(ProtocolWith(null)).WithMaxProposals(proposals).Build());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(181)]
    public void FirstSessionSearchDays_OutsideOneToHundredEighty_AreRefused(int days)
    {
        Assert.Throws<InvalidValueException>(() => new PlanRequestBuilder(ProtocolWith(null)).SearchingFirstSessionFor(days).Build());
    }
}
