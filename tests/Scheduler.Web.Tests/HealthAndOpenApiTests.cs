using System.Net;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

public sealed class HealthAndOpenApiTests
{
    [Fact]
    public async Task Health_IsHealthy_AndOpenApiDescribesTheSeriesEndpoints()
    {
        await using var app = new SchedulerApp();
        var client = app.CreateClient();

        var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

        var openApi = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/series/proposals", openApi, StringComparison.Ordinal);
        Assert.Contains("/sessions/{id}/move", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnEmptyDatabase_LoadsTheSampleClinic()
    {
        await using var app = new SchedulerApp();
        var sample = await SampleClinic.Load(app.CreateClient());

        Assert.Equal(8, sample.Chairs.Count);
        Assert.Equal(3, sample.Protocols.Count);
        Assert.Equal(6, sample.Patients.Count);
    }
}
