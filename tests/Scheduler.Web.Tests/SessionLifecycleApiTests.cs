using System.Net;
using System.Text.Json;
using NodaTime;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// POST /sessions/{id}/confirm … /complete, /no-show, /cancel: Booked → Confirmed → CheckedIn →
/// Infusing → Observing → Completed with Cancelled and NoShow as exits, time moved by the test clock,
/// and every change in GET /audit/{id} with the X-Actor header as the actor.
/// </summary>
public sealed class SessionLifecycleApiTests
{
    // Tue 24 Nov 2026 09:00 in New York (EST, -05:00) is 14:00 UTC.
    private const string Start = "2026-11-24T09:00";
    private static readonly Instant StartsAt = Instant.FromUtc(2026, 11, 24, 14, 0);

    [Fact]
    public async Task Lifecycle_FromBookedToCompleted_FollowsTheClock_AndIsAudited()
    {
        await using var s = await Scenario.Start();
        using var desk = Client(s.App, "desk.ana");
        using var nurse = Client(s.App, "nurse.kim");
        var series = await (await desk.Post("/series", new
        {
            patientId = s.Riley, protocolId = s.Sample.Depression, sessions = new[] { new { chairId = s.Recliner(1), start = Start } },
        })).Expect(HttpStatusCode.Created);
        var id = series.Items("sessions").Single().Id();

        var confirmed = await Act(desk, id, "confirm");
        s.App.Clock.Set(StartsAt - Duration.FromMinutes(10));
        var checkedIn = await Act(nurse, id, "check-in");
        s.App.Clock.Set(StartsAt);
        var infusing = await Act(nurse, id, "start-infusion");
        s.App.Clock.Advance(Duration.FromMinutes(45));
        var observing = await Act(nurse, id, "start-observation");
        s.App.Clock.Advance(Duration.FromMinutes(60));
        var completed = await Act(nurse, id, "complete");

        Assert.Equal("confirmed", confirmed.Str("status"));
        Assert.Equal("2026-11-23T07:00:00-05:00", confirmed.Str("confirmedAt"));
        Assert.Equal("checkedIn", checkedIn.Str("status"));
        Assert.Equal("2026-11-24T08:50:00-05:00", checkedIn.Str("checkedInAt"));
        Assert.Equal("infusing", infusing.Str("status"));
        Assert.Equal("2026-11-24T09:00:00-05:00", infusing.Str("infusionStartedAt"));
        Assert.Equal("observing", observing.Str("status"));
        Assert.Equal("2026-11-24T09:45:00-05:00", observing.Str("observationStartedAt"));
        Assert.Equal("completed", completed.Str("status"));
        Assert.Equal("2026-11-24T10:45:00-05:00", completed.Str("completedAt"));

        var audit = (await s.Client.Get($"/audit/{id}")).Items();
        Assert.Equal(["booked", "confirm", "checkIn", "startInfusion", "startObservation", "complete"], audit.Select(a => a.Str("action")));
        Assert.Equal(["desk.ana", "desk.ana", "nurse.kim", "nurse.kim", "nurse.kim", "nurse.kim"], audit.Select(a => a.Str("actor")));
        Assert.All(audit, a => Assert.Equal(id, a.GetProperty("entityId").GetGuid()));
    }

    [Fact]
    public async Task Complete_BeforeTheObservationHasRunInFull_IsRefused_AndTheSessionKeepsObserving()
    {
        await using var s = await Scenario.Start();
        var id = (await s.BookOne(s.Riley, s.Recliner(1), Start)).Id();
        s.App.Clock.Set(StartsAt);
        await Act(s.Client, id, "check-in");
        await Act(s.Client, id, "start-infusion");
        s.App.Clock.Advance(Duration.FromMinutes(45));
        await Act(s.Client, id, "start-observation");

        s.App.Clock.Advance(Duration.FromMinutes(59));
        var early = await s.Client.PostEmpty($"/sessions/{id}/complete");

        var problem = await early.ExpectProblem(HttpStatusCode.Conflict, "observationNotElapsed");
        Assert.Contains("59 min", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal("observing", (await s.Session(id)).Str("status"));
        s.App.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal("completed", (await Act(s.Client, id, "complete")).Str("status"));
    }

    [Theory]
    [InlineData("start-infusion")]
    [InlineData("start-observation")]
    [InlineData("complete")]
    public async Task Transition_NotAllowedFromBooked_IsRefused_AndTheStatusIsUnchanged(string action)
    {
        await using var s = await Scenario.Start();
        var id = (await s.BookOne(s.Riley, s.Recliner(1), Start)).Id();
        s.App.Clock.Set(StartsAt);

        var response = await s.Client.PostEmpty($"/sessions/{id}/{action}");

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict, "lifecycleTransition");
        Assert.Contains("booked", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal("booked", (await s.Session(id)).Str("status"));
        Assert.Equal(["booked"], (await s.Client.Get($"/audit/{id}")).Items().Select(a => a.Str("action")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NoShow_IsRefusedBeforeThirtyMinutesPastTheStart_AndAllowedAfter()
    {
        await using var s = await Scenario.Start();
        var id = (await s.BookOne(s.Riley, s.Recliner(1), Start)).Id();

        s.App.Clock.Set(StartsAt + Duration.FromMinutes(29));
        var early = await s.Client.PostEmpty($"/sessions/{id}/no-show");
        await early.ExpectProblem(HttpStatusCode.Conflict, "tooEarly");
        Assert.Equal("booked", (await s.Session(id)).Str("status"));

        s.App.Clock.Set(StartsAt + Duration.FromMinutes(30));
        var noShow = await Act(s.Client, id, "no-show");

        Assert.Equal("noShow", noShow.Str("status"));
        Assert.Equal("2026-11-24T09:30:00-05:00", noShow.Str("endedAt"));
        Assert.False(string.IsNullOrWhiteSpace(noShow.Str("endReason")));
        await (await s.Client.PostEmpty($"/sessions/{id}/check-in")).ExpectProblem(HttpStatusCode.Conflict, "lifecycleTransition");
        // A no-show opens a rebooking case for the session (issue 4).
        Assert.Equal(["booked", "markNoShow", "rebooking opened"], (await s.Client.Get($"/audit/{id}")).Items().Select(a => a.Str("action")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cancel_NeedsAReason_AndThenFreesTheChair()
    {
        await using var s = await Scenario.Start();
        var id = (await s.BookOne(s.Riley, s.Recliner(1), Start)).Id();
        using var desk = Client(s.App, "desk.ana");

        var withoutBody = await desk.PostEmpty($"/sessions/{id}/cancel");
        var blank = await desk.Post($"/sessions/{id}/cancel", new { reason = "  " });

        Assert.Equal(["reason"], (await withoutBody.ExpectProblem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["reason"], (await blank.ExpectProblem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("booked", (await s.Session(id)).Str("status"));

        var cancelled = await (await desk.Post($"/sessions/{id}/cancel", new { reason = "Patient has the flu" })).Expect(HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal("Patient has the flu", cancelled.Str("endReason"));
        // The cancel and the rebooking it opens are audited at the same instant, in no fixed order.
        var last = (await s.Client.Get($"/audit/{id}")).Items().Single(a => a.Str("action") == "cancel");
        Assert.Equal(("cancel", "desk.ana", "Patient has the flu"), (last.Str("action"), last.Str("actor"), last.Str("reason")));
        // A cancelled session no longer holds its chair.
        await s.BookOne(s.Quinn, s.Recliner(1), Start);
    }

    [Fact]
    public async Task CheckIn_MoreThanTwelveHoursAhead_IsRefused()
    {
        await using var s = await Scenario.Start();
        var id = (await s.BookOne(s.Riley, s.Recliner(1), Start)).Id();

        s.App.Clock.Set(StartsAt - Duration.FromHours(12) - Duration.FromMinutes(1));
        await (await s.Client.PostEmpty($"/sessions/{id}/check-in")).ExpectProblem(HttpStatusCode.Conflict, "tooEarly");
        s.App.Clock.Set(StartsAt - Duration.FromHours(12));
        Assert.Equal("checkedIn", (await Act(s.Client, id, "check-in")).Str("status"));
    }

    private static HttpClient Client(SchedulerApp app, string actor)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Actor", actor);
        return client;
    }

    private static async Task<JsonElement> Act(HttpClient client, Guid sessionId, string action) =>
        await (await client.PostEmpty($"/sessions/{sessionId}/{action}")).Expect(HttpStatusCode.OK);
}
