using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Application.Clinics;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Waitlist;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// The read models behind the front desk's rebooking and waitlist pages (<see cref="RebookingBoard"/>,
/// <see cref="WaitlistBoard"/>) and the manager's close-a-day preview (<see cref="CloseDayPreview"/>),
/// on the real app and database.
/// </summary>
public sealed class RebookingBoardTests
{
    [Fact]
    public async Task Cases_Open_PutTheFrontDesksFirst_NameThePatientAndChairs_AndCountEveryStatus()
    {
        await using var s = await Scenario.Start();
        var riley = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        var quinn = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-08T12:00")).Id();
        await (await s.Client.Post($"/sessions/{riley}/cancel", new { reason = "Sick", rebook = true })).Expect(HttpStatusCode.OK);
        await s.WaitForRebooking();
        await (await s.Client.Post($"/sessions/{quinn}/cancel", new { reason = "Car broke down", rebook = true })).Expect(HttpStatusCode.OK);
        var declined = await s.WaitForRebooking(quinn);
        await (await s.Client.Post($"/rebooking/{declined.Id()}/decline", new { reason = "Away that week" })).Expect(HttpStatusCode.OK);
        s.App.Clock.Set(s.App.Clock.GetCurrentInstant() + Duration.FromHours(3));

        await using var scope = s.App.Services.CreateAsyncScope();
        var board = (await scope.ServiceProvider.GetRequiredService<RebookingBoard>().Cases(s.Sample.ClinicId, RebookingBoard.Open, CancellationToken.None)).Value!;

        Assert.Equal(["Quinn Fictional", "Riley Demo"], board.Cases.Select(c => c.PatientName));
        Assert.Equal(["frontDesk", "held"], board.Cases.Select(c => c.Case.Status));
        var held = board.Cases[1];
        Assert.Equal("Recliner 1", held.OriginalChairName);
        Assert.Contains("Sick", held.Case.Cause, StringComparison.Ordinal);
        Assert.NotNull(held.HeldChairName);
        Assert.NotNull(held.HoldExpiresAt);
        Assert.Equal(Duration.FromHours(3), held.Age);
        Assert.Equal(Instant.FromUtc(2026, 12, 8, 15, 0), held.OriginalStart);
        Assert.Equal((1, 1, 0, 2), (board.Counts["frontDesk"], board.Counts["held"], board.Counts["resolved"], board.Counts[RebookingBoard.Open]));
    }

    [Fact]
    public async Task Case_GivesTheHistoryWithWhoActed_TheSeriesAroundIt_AndTheChairs()
    {
        await using var s = await Scenario.Start();
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        await (await s.Client.Post($"/sessions/{session}/cancel", new { reason = "Sick", rebook = true })).Expect(HttpStatusCode.OK);
        var held = await s.WaitForRebooking(session);
        await (await s.Client.PostEmpty($"/rebooking/{held.Id()}/confirm")).Expect(HttpStatusCode.OK);

        await using var scope = s.App.Services.CreateAsyncScope();
        var detail = (await scope.ServiceProvider.GetRequiredService<RebookingBoard>().Case(held.Id(), CancellationToken.None)).Value!;

        Assert.Equal("rebooked", detail.Row.Case.Status);
        Assert.Equal(["opened", "held", "rebooked"], detail.History.Select(h => h.Action));
        Assert.All(detail.History.Zip(detail.History.Skip(1)), p => Assert.True(p.First.At <= p.Second.At));
        Assert.StartsWith("Depression", detail.ProtocolName, StringComparison.Ordinal);
        Assert.Equal([("cancelled", session), ("confirmed", held.GetProperty("heldSessionId").GetGuid())], detail.Series.Select(x => (x.Status, x.SessionId)));
        Assert.Contains(detail.Chairs, c => c.Name == "Bed A" && c.Kind == "bed");
        Assert.False((await scope.ServiceProvider.GetRequiredService<RebookingBoard>().Case(Guid.NewGuid(), CancellationToken.None)).Ok);
    }
}

public sealed class WaitlistBoardTests
{
    [Fact]
    public async Task Entries_LongestWaitingFirst_NameThePatient_TheirBookedSession_AndWhatTheyPrefer()
    {
        await using var s = await Scenario.Start();
        var avery = s.Sample.Patients["Avery Sample"];
        var quinnSession = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-10T10:00")).Id();
        var averySession = (await s.BookOne(avery, s.Recliner(3), "2026-12-11T10:00")).Id();
        await (await s.Client.Post("/waitlist", new { sessionId = averySession, note = "Any weekday morning" })).Expect(HttpStatusCode.Created);
        s.App.Clock.Set(s.App.Clock.GetCurrentInstant() + Duration.FromMinutes(30));
        var removed = await (await s.Client.Post("/waitlist", new { sessionId = quinnSession })).Expect(HttpStatusCode.Created);
        await (await s.Client.DeleteAsync(Api.Path($"/waitlist/{removed.Id()}?reason=Happy%20as%20it%20is"))).Expect(HttpStatusCode.OK);
        s.App.Clock.Set(s.App.Clock.GetCurrentInstant() + Duration.FromHours(2));

        await using var scope = s.App.Services.CreateAsyncScope();
        var board = scope.ServiceProvider.GetRequiredService<WaitlistBoard>();
        var waiting = (await board.Entries(s.Sample.ClinicId, all: false, CancellationToken.None)).Value!;
        var all = (await board.Entries(s.Sample.ClinicId, all: true, CancellationToken.None)).Value!;

        var only = Assert.Single(waiting);
        Assert.Equal(("Avery Sample", 1, "Recliner 3", "booked", "Any weekday morning"), (only.PatientName, only.Ordinal, only.ChairName, only.SessionStatus, only.Entry.Note));
        Assert.Equal(Instant.FromUtc(2026, 12, 11, 15, 0), only.SessionStart);
        Assert.Equal(["monday", "wednesday", "friday"], only.Prefers.Days);
        Assert.Equal(Duration.FromMinutes(150), only.Waited);
        Assert.Equal(["Avery Sample", "Quinn Fictional"], all.Select(e => e.PatientName));
        Assert.Equal(("removed", Duration.Zero), (all[1].Entry.Status, all[1].Waited));
    }

    [Fact]
    public async Task Offers_NameTheChairAndEachRecipient_InRankOrder()
    {
        await using var s = await Scenario.Start();
        s.App.Clock.Set(At("2026-11-23T15:00:00Z"));
        var waiting = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-10T10:00")).Id();
        await (await s.Client.Post("/waitlist", new { sessionId = waiting })).Expect(HttpStatusCode.Created);
        var freed = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        await (await s.Client.Post($"/sessions/{freed}/cancel", new { reason = "Moving away", rebook = false })).Expect(HttpStatusCode.OK);

        await using var scope = s.App.Services.CreateAsyncScope();
        var board = scope.ServiceProvider.GetRequiredService<WaitlistBoard>();
        var offers = await WaitFor(async () => (await board.Offers(s.Sample.ClinicId, CancellationToken.None)).Value!);

        var offer = Assert.Single(offers);
        Assert.Equal(("Recliner 1", Instant.FromUtc(2026, 12, 8, 15, 0), "open"), (offer.ChairName, offer.Start, offer.Offer.Status));
        var recipient = Assert.Single(offer.Recipients);
        Assert.Equal(("Quinn Fictional", 1, "none"), (recipient.PatientName, recipient.Recipient.Rank, recipient.Recipient.Answer));
        Assert.True(offer.ExpiresAt > At("2026-11-23T15:00:00Z"));
    }

    private static async Task<IReadOnlyList<OfferRow>> WaitFor(Func<Task<IReadOnlyList<OfferRow>>> read)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var rows = await read();
            if (rows.Count > 0 || waited.Elapsed > TimeSpan.FromSeconds(30))
                return rows;
            await Task.Delay(100);
        }
    }
}

public sealed class CloseDayPreviewTests
{
    [Fact]
    public async Task Preview_CountsTheSessionsClosingWouldCancelAndRebook_AndChangesNothing()
    {
        await using var s = await Scenario.Start();
        var riley = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-09T10:00")).Id();
        var quinn = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-09T08:00")).Id();
        await (await s.Client.PostEmpty($"/sessions/{quinn}/confirm")).Expect(HttpStatusCode.OK);
        var other = (await s.BookOne(s.Sample.Patients["Avery Sample"], s.Recliner(1), "2026-12-09T13:00")).Id();
        await (await s.Client.Post($"/sessions/{other}/cancel", new { reason = "Sick", rebook = false })).Expect(HttpStatusCode.OK);
        var before = await s.Client.Get($"/clinics/{s.Sample.ClinicId}");

        await using var scope = s.App.Services.CreateAsyncScope();
        var preview = scope.ServiceProvider.GetRequiredService<CloseDayPreview>();
        var view = (await preview.Handle(s.Sample.ClinicId, "2026-12-09", CancellationToken.None)).Value!;

        Assert.Equal((2, 2, null, null), (view.SessionsToCancel, view.ToRebook, view.Blocked, view.AlreadyClosed));
        Assert.Equal([("Quinn Fictional", "confirmed", "Recliner 2"), ("Riley Demo", "booked", "Recliner 1")], view.Sessions.Select(x => (x.PatientName, x.Status, x.ChairName)));
        Assert.Equal([quinn, riley], view.Sessions.Select(x => x.SessionId));
        Assert.Equal(before.GetRawText(), (await s.Client.Get($"/clinics/{s.Sample.ClinicId}")).GetRawText());
        Assert.Equal("booked", (await s.Session(riley)).Str("status"));
        Assert.Empty((await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking")).Items());

        // What the preview said is what closing does.
        var closed = await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/closures", new { date = "2026-12-09", reason = "Snow" })).Expect(HttpStatusCode.OK);
        Assert.Equal((2, 2), (closed.GetProperty("sessionsCancelled").GetInt32(), closed.Items("rebookingCases").Count));
        await using var later = s.App.Services.CreateAsyncScope();
        var again = (await later.ServiceProvider.GetRequiredService<CloseDayPreview>().Handle(s.Sample.ClinicId, "2026-12-09", CancellationToken.None)).Value!;
        Assert.Equal(("Snow", 0), (again.AlreadyClosed, again.SessionsToCancel));
    }

    [Fact]
    public async Task Preview_OfADayWithASessionUnderWay_SaysWhyItCannotBeClosed_AndAPastDayIsRefused()
    {
        await using var s = await Scenario.Start();
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        s.App.Clock.Set(At("2026-12-08T14:50:00Z"));
        await (await s.Client.PostEmpty($"/sessions/{session}/check-in")).Expect(HttpStatusCode.OK);

        await using var scope = s.App.Services.CreateAsyncScope();
        var preview = scope.ServiceProvider.GetRequiredService<CloseDayPreview>();
        var today = (await preview.Handle(s.Sample.ClinicId, "2026-12-08", CancellationToken.None)).Value!;
        var past = await preview.Handle(s.Sample.ClinicId, "2026-12-07", CancellationToken.None);

        Assert.Contains("1 session(s) on Tue 8 Dec 2026 have begun", today.Blocked, StringComparison.Ordinal);
        Assert.Equal(0, today.SessionsToCancel);
        Assert.Equal("date", past.Problem!.Field);
        Assert.Contains("is past", past.Problem.Detail, StringComparison.Ordinal);
        var refused = await s.Client.Post($"/clinics/{s.Sample.ClinicId}/closures", new { date = "2026-12-08", reason = "Snow" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }
}
