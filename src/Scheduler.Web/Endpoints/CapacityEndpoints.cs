using Scheduler.Application.Capacity;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

/// <summary>The capacity question: how many more series of a protocol the book can take, week by week.</summary>
public static class CapacityEndpoints
{
    public static void MapCapacity(this IEndpointRouteBuilder app)
    {
        var clinics = app.MapGroup("/clinics/{clinicId:guid}").WithTags("Capacity");
        clinics.MapPost("/capacity", async (Guid clinicId, string? format, string? table, CapacityInput input, CapacityQuestion question, CancellationToken ct) =>
            {
                var csv = Csv.Wanted(format);
                return (await question.Handle(clinicId, input, ct)).ToHttp(view => !csv ? Results.Ok(view) : table switch
                {
                    null or "weeks" => Csv.File(view.Weeks.Select(w => new CapacityWeekRow(w.WeekStart, w.WeekEnd, w.MoreSeries, w.StoppedBy, w.Rule, w.Reason)),
                        $"capacity-{view.Weeks[0].WeekStart}.csv"),
                    "sessions" => Csv.File(view.Weeks.SelectMany(w => w.Series.SelectMany(x => x.Sessions.Select(p => new CapacitySessionRow(
                            w.WeekStart, x.Number, p.Ordinal, p.Phase, p.ChairId, p.ChairName, p.Start, p.InfusionEnd, p.ObservationEnd, p.TurnoverEnd)))),
                        $"capacity-sessions-{view.Weeks[0].WeekStart}.csv"),
                    _ => throw new Domain.Common.InvalidValueException("table", $"There is no table '{table}'; the tables are weeks, sessions."),
                });
            })
            .WithSummary("How many more series of a protocol can start in each of 1–12 weeks without moving anyone: each placed by the planner " +
                "on a copy of the book, as booking one after another would, with the series and why the next does not fit. Writes nothing. " +
                "?format=csv&table=weeks|sessions downloads the weeks or every session of the series counted.");
    }
}

/// <summary>A week of a capacity answer as a CSV row.</summary>
public sealed record CapacityWeekRow(string WeekStart, string WeekEnd, int MoreSeries, string StoppedBy, string? Rule, string Reason);

/// <summary>A session of a series a capacity answer counted, as a CSV row.</summary>
public sealed record CapacitySessionRow(string Week, int Series, int Ordinal, string Phase, Guid ChairId, string Chair, string Start,
    string InfusionEnd, string ObservationEnd, string TurnoverEnd);
