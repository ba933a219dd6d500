using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Text;
using Scheduler.Application.Common;
using Scheduler.Application.Sessions.Lifecycle;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// What a request read before it took the clinic's booking lock must not decide what it writes:
/// a request that loaded a session, then waited while another changed it, sees the change once it
/// holds the lock. The interleaving is made deterministic with two request scopes.
/// </summary>
public sealed class BookingLockTests
{
    [Fact]
    public async Task Lifecycle_WhenAnotherRequestChangedTheSessionSinceItWasRead_DecidesOnTheCommittedState()
    {
        await using var s = await Scenario.Start();
        var series = await s.Book(s.Riley, s.Sample.Depression, new Choice(s.Recliner(4), "2026-12-08T09:00"));
        var session = series.Items("sessions")[0].Id();
        // 45 minutes after the start: a late check-in and a no-show are each allowed on their own.
        s.App.Clock.Set(InstantPattern.ExtendedIso.Parse("2026-12-08T14:45:00Z").Value);

        using var late = s.App.Services.CreateScope();
        var lateStore = late.ServiceProvider.GetRequiredService<ISchedulerStore>();
        // The late request has read the session (still booked) before the other one commits…
        var stale = await lateStore.SeriesOfSession(new Domain.Common.SessionId(session), CancellationToken.None);
        Assert.Equal("Booked", stale!.Sessions[0].Status.ToString());

        using (var first = s.App.Services.CreateScope())
        {
            var checkIn = await first.ServiceProvider.GetRequiredService<ChangeSessionStatus>()
                .Handle(session, SessionAction.CheckIn, null, CancellationToken.None);
            Assert.True(checkIn.Ok);
        }

        // …and then asks for a no-show: it must see the check-in and be refused.
        var noShow = await late.ServiceProvider.GetRequiredService<ChangeSessionStatus>()
            .Handle(session, SessionAction.MarkNoShow, null, CancellationToken.None);

        Assert.False(noShow.Ok);
        Assert.Equal(Domain.Common.RuleCode.LifecycleTransition, noShow.Problem!.Rule);
        var final = await s.Client.Get($"/sessions/{session}");
        Assert.Equal("checkedIn", final.Str("status"));
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync(Api.Path($"/sessions/{session}"))).StatusCode);
    }
}
