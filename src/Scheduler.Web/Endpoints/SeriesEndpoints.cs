using Scheduler.Application.Reminders;
using Scheduler.Application.Series;
using Scheduler.Application.Series.Book;
using Scheduler.Application.Series.Cancel;
using Scheduler.Application.Series.Propose;
using Scheduler.Application.Sessions.Lifecycle;
using Scheduler.Application.Sessions.Move;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

public static class SeriesEndpoints
{
    public static void MapSeriesAndSessions(this IEndpointRouteBuilder app)
    {
        var series = app.MapGroup("/series").WithTags("Series");
        series.MapPost("/proposals", async (SeriesRequestInput input, ProposeSeries propose, CancellationToken ct) =>
            (await propose.Handle(input, ct)).ToHttp())
            .WithSummary("Ranked proposals for a whole series, or which session cannot be placed and why. Writes nothing.");
        series.MapPost("/", async (BookSeriesInput input, BookSeries book, CancellationToken ct) =>
            (await book.Handle(input, ct)).ToHttp(v => Results.Created($"/series/{v.Id}", v)))
            .WithSummary("Books the given sessions (a chosen proposal) or, when none are given, the best proposal. All or nothing.");
        series.MapGet("/{id:guid}", async (Guid id, SeriesQueries q, CancellationToken ct) => (await q.Get(id, ct)).ToHttp());
        series.MapPost("/{id:guid}/cancel", async (Guid id, ReasonInput input, CancelSeries cancel, CancellationToken ct) =>
            (await cancel.Handle(id, input, ct)).ToHttp());

        var sessions = app.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapGet("/{id:guid}", async (Guid id, SeriesQueries q, CancellationToken ct) => (await q.Session(id, ct)).ToHttp());
        sessions.MapGet("/{id:guid}/messages", async (Guid id, MessageQueries q, CancellationToken ct) => (await q.OfSession(id, ct)).ToHttp())
            .WithSummary("The session's reminder messages with their status: scheduled, sent, failed, or suppressed with the reason.");
        sessions.MapPost("/{id:guid}/move", async (Guid id, MoveSessionInput input, MoveSession move, CancellationToken ct) =>
            (await move.Handle(id, input, ct)).ToHttp());
        foreach (var (path, action) in new[]
                 {
                     ("confirm", SessionAction.Confirm), ("check-in", SessionAction.CheckIn), ("start-infusion", SessionAction.StartInfusion),
                     ("start-observation", SessionAction.StartObservation), ("complete", SessionAction.Complete),
                     ("no-show", SessionAction.MarkNoShow), ("cancel", SessionAction.Cancel),
                 })
        {
            sessions.MapPost($"/{{id:guid}}/{path}", async (Guid id, HttpRequest request, ChangeSessionStatus change, CancellationToken ct) =>
                (await change.Handle(id, action, await OptionalBody.Read<SessionActionInput>(request, ct), ct)).ToHttp());
        }

        app.MapGet("/audit/{entityId:guid}", async (Guid entityId, SeriesQueries q, CancellationToken ct) => Results.Ok(await q.Audit(entityId, ct)))
            .WithTags("Audit")
            .WithSummary("Who changed what, when and why, for any series, session, chair, clinic, protocol or patient.");
    }
}
