using System.Net;
using System.Text.Json;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>A booked series lives in the SQLite file: a new app on the same file sees it and still enforces it.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Book_ThenRestart_TheSeriesIsStillThere_AndItsChairTimeIsStillTaken()
    {
        string databasePath;
        Guid seriesId;
        JsonElement before;
        await using (var first = await Scenario.Start(keepDatabase: true))
        {
            databasePath = first.App.DatabasePath;
            var response = await first.Client.Post("/series", new { patientId = first.Riley, protocolId = first.Sample.Depression, earliestDate = "2026-11-30" });
            before = await response.Expect(HttpStatusCode.Created);
            seriesId = before.Id();
        }

        await using var second = await Scenario.Start(new SchedulerApp(databasePath));

        var after = await second.Client.Get($"/series/{seriesId}");
        Assert.Equal(before.GetProperty("sessions").GetRawText(), after.GetProperty("sessions").GetRawText());
        Assert.Equal(1, (await second.Client.Get("/clinics")).GetArrayLength());
        var firstSession = after.Items("sessions")[0];
        var again = await second.PostSeries(second.Quinn, second.Sample.Depression,
            new Choice(firstSession.GetProperty("chairId").GetGuid(), firstSession.Str("start")));
        await again.ExpectProblem(HttpStatusCode.Conflict, "chairTaken");
        Assert.Empty(await second.SeriesOf(second.Quinn));
    }
}
