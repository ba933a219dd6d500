using System.Net;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// The recurring no-show check (run through Quartz with the test clock): a booked or confirmed
/// session nobody checked in for is marked a no-show once the grace period (30 minutes) has passed,
/// audited as the check, its reminders suppressed; a checked-in session is left alone.
/// </summary>
public sealed class NoShowDetectionTests
{
    [Fact]
    public async Task SessionNotCheckedIn_IsMarkedANoShow_OnlyAfterTheGracePeriod()
    {
        await using var s = await Scenario.Start();
        var booked = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        var confirmed = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-08T10:15")).Id();
        var arrived = (await s.BookOne(s.Sample.Patients["Avery Sample"], s.Recliner(3), "2026-12-08T09:30")).Id();
        await (await s.Client.Post($"/sessions/{confirmed}/confirm", new { })).Expect(HttpStatusCode.OK);

        s.App.Clock.Set(At("2026-12-08T14:30:00Z")); // 09:30 in New York
        await (await s.Client.Post($"/sessions/{arrived}/check-in", new { })).Expect(HttpStatusCode.OK);
        s.App.Clock.Set(At("2026-12-08T15:29:00Z"));
        Assert.Equal(0, await s.App.DetectNoShows());

        s.App.Clock.Set(At("2026-12-08T15:30:00Z")); // 30 minutes after the 10:00 start
        Assert.Equal(1, await s.App.DetectNoShows());
        Assert.Equal(("noShow", "confirmed"), ((await s.Session(booked)).Str("status"), (await s.Session(confirmed)).Str("status")));
        s.App.Clock.Set(At("2026-12-08T15:45:00Z")); // 30 minutes after the 10:15 start
        Assert.Equal(1, await s.App.DetectNoShows());
        Assert.Equal(0, await s.App.DetectNoShows());

        Assert.Equal("noShow", (await s.Session(booked)).Str("status"));
        Assert.Equal("noShow", (await s.Session(confirmed)).Str("status"));
        Assert.Equal("checkedIn", (await s.Session(arrived)).Str("status"));
        var audit = (await s.Client.Get($"/audit/{booked}")).Items();
        Assert.Contains(audit, a => a.Str("actor") == "no-show check" && a.Str("action") == "markNoShow");
        Assert.All((await Messages(s, booked)).Where(m => m.Str("status") != "sent"), m => Assert.Equal("suppressed", m.Str("status")));
    }
}
