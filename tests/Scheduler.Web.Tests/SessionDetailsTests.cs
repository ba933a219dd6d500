using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Application.Sessions;
using Scheduler.Application.Sessions.Lifecycle;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>The session page's query, and the lifecycle steps it offers for each status.</summary>
public sealed class SessionDetailsTests
{
    [Fact]
    public async Task Details_OfABookedSession_NameItsPatientProtocolAndChair_AndOfferTheUpcomingActions()
    {
        await using var s = await Scenario.Start();
        var session = await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00");

        var view = await Details(s, session.Id());

        Assert.Equal(("Riley Demo", "Recliner 1", "recliner", SessionStatus.Booked), (view.PatientName, view.ChairName, view.ChairKind, view.Status));
        Assert.StartsWith("Depression", view.ProtocolName, StringComparison.Ordinal);
        Assert.Equal(new LocalDateTime(2026, 12, 8, 10, 0), view.Start.InZone(view.Zone).LocalDateTime);
        Assert.Equal([SessionAction.Confirm, SessionAction.CheckIn, SessionAction.MarkNoShow, SessionAction.Cancel], view.Actions);
        Assert.True(view.CanMove);
        Assert.True(view.CanWaitlist);
        Assert.Equal(8, view.Chairs.Count);
        Assert.Equal([(1, SessionStatus.Booked)], view.Series.Select(x => (x.Ordinal, x.Status)));
    }

    [Fact]
    public async Task Details_AfterAMoveAndACancel_ReadTheHistoryInWords_AndShowTheRebookingCase()
    {
        await using var s = await Scenario.Start();
        var id = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        await (await s.Client.Post($"/sessions/{id}/move", new { start = "2026-12-08T11:00", chairId = s.Recliner(2), reason = "Later suits" })).Expect(HttpStatusCode.OK);
        await (await s.Client.Post($"/sessions/{id}/cancel", new { reason = "Patient has the flu" })).Expect(HttpStatusCode.OK);

        var view = await Details(s, id);

        Assert.Equal(SessionStatus.Cancelled, view.Status);
        Assert.Equal("Patient has the flu", view.EndReason);
        Assert.Empty(view.Actions);
        Assert.False(view.CanMove);
        Assert.False(view.CanWaitlist);
        // The cancel and the rebooking it opens are recorded at the same instant, in no fixed order.
        Assert.Equal(
            [("booked", "session 1 on Recliner 1 at Tue 8 Dec 2026 10:00", null),
             ("moved", "from Tue 8 Dec 2026 10:00 on Recliner 1 to Tue 8 Dec 2026 11:00 on Recliner 2", "Later suits"),
             ("cancel", "now cancelled", "Patient has the flu"),
             ("rebooking opened", "a rebooking case", "Patient has the flu")],
            view.History.Select(h => (h.Action, h.Details, h.Reason)).Take(2).Concat(view.History.Skip(2).Select(h => (h.Action, h.Details, h.Reason)).OrderBy(h => h.Action, StringComparer.Ordinal)));
        var rebooking = Assert.Single(view.Rebookings);
        Assert.Equal("Patient has the flu", rebooking.Cause);
    }

    [Fact]
    public void Readable_LeavesAMomentInUtcAlone()
    {
        Assert.Equal("at 2026-12-08T15:00:00Z", SessionDetails.Readable("at 2026-12-08T15:00:00Z", new Dictionary<Guid, string>()));
    }

    [Theory]
    [InlineData(SessionStatus.Booked)]
    [InlineData(SessionStatus.Confirmed)]
    [InlineData(SessionStatus.CheckedIn)]
    [InlineData(SessionStatus.Infusing)]
    [InlineData(SessionStatus.Observing)]
    [InlineData(SessionStatus.Completed)]
    [InlineData(SessionStatus.Cancelled)]
    [InlineData(SessionStatus.NoShow)]
    public void SessionActions_OfferEveryStepTheSessionAllows_AndNoOther(SessionStatus status)
    {
        var offered = SessionActions.From(status);

        foreach (var action in Enum.GetValues<SessionAction>())
        {
            var refusal = Apply(SessionIn(status), action, Later);
            var allowed = refusal?.Code != RuleCode.LifecycleTransition;
            // Confirming a confirmed session changes nothing: allowed, but not offered.
            if (status == SessionStatus.Confirmed && action == SessionAction.Confirm)
                continue;
            Assert.True(allowed == offered.Contains(action), $"{action} from {status}: the session {(allowed ? "allows" : "refuses")} it, the page {(offered.Contains(action) ? "offers" : "hides")} it.");
        }
    }

    private static async Task<SessionDetailsView> Details(Scenario s, Guid sessionId)
    {
        await using var scope = s.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SessionDetails>().Handle(sessionId, CancellationToken.None);
        Assert.True(result.Ok, result.Problem?.Detail);
        return result.Value!;
    }

    private static readonly Instant Start = Instant.FromUtc(2026, 12, 8, 15, 0);

    // Late enough for every clock rule (check-in window, no-show grace, the whole observation): only the lifecycle can refuse.
    private static readonly Instant Later = Start + Duration.FromDays(1);

    private static Refusal? Apply(Session session, SessionAction action, Instant now) => action switch
    {
        SessionAction.Confirm => session.Confirm(now),
        SessionAction.CheckIn => session.CheckIn(now),
        SessionAction.StartInfusion => session.StartInfusion(now),
        SessionAction.StartObservation => session.StartObservation(now),
        SessionAction.Complete => session.Complete(now),
        SessionAction.MarkNoShow => session.MarkNoShow(now, Duration.FromMinutes(30), "Did not arrive"),
        SessionAction.Cancel => session.Cancel(now, "Patient called"),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>A session of a new series taken to <paramref name="status"/> by its own steps, two hours apart from its start.</summary>
    private static Session SessionIn(SessionStatus status)
    {
        var footprint = SessionFootprint.Restore(Start, Start + Duration.FromMinutes(45), Start + Duration.FromMinutes(105), Start + Duration.FromMinutes(120), false);
        var series = TreatmentSeries.Book(ClinicId.New(), PatientId.New(), ProtocolId.New(), Start - Duration.FromDays(7),
            [(SeriesPhase.Induction, ChairId.New(), footprint)]);
        var session = series.Sessions[0];
        var path = status switch
        {
            SessionStatus.Booked => [],
            SessionStatus.Confirmed => [SessionAction.Confirm],
            SessionStatus.CheckedIn => [SessionAction.CheckIn],
            SessionStatus.Infusing => [SessionAction.CheckIn, SessionAction.StartInfusion],
            SessionStatus.Observing => [SessionAction.CheckIn, SessionAction.StartInfusion, SessionAction.StartObservation],
            SessionStatus.Completed => [SessionAction.CheckIn, SessionAction.StartInfusion, SessionAction.StartObservation, SessionAction.Complete],
            SessionStatus.Cancelled => [SessionAction.Cancel],
            SessionStatus.NoShow => new[] { SessionAction.MarkNoShow },
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        var at = Start;
        foreach (var step in path)
            Assert.Null(Apply(session, step, at += Duration.FromHours(2)));
        Assert.Equal(status, session.Status);
        return session;
    }
}
