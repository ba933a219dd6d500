using Scheduler.Application.Capacity;
using Scheduler.Domain.Common;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

/// <summary>What clinic managers read: utilisation, nurse load and the booked forecast, as JSON or any table as CSV.</summary>
public static class UtilisationEndpoints
{
    /// <summary>The tables of a utilisation report, by their CSV name.</summary>
    private static readonly string[] ReportTables = ["chair-days", "chairs", "days", "weeks", "clinic", "heatmap", "nurse-peaks"];

    public static void MapUtilisation(this IEndpointRouteBuilder app)
    {
        var clinics = app.MapGroup("/clinics/{clinicId:guid}").WithTags("Utilisation");
        clinics.MapGet("/utilisation", async (Guid clinicId, string? from, string? to, bool? chairDays, string? format, string? table,
                UtilisationQueries queries, CancellationToken ct) =>
            {
                var csv = Csv.Wanted(format);
                var result = await queries.Report(clinicId, from, to, ct);
                return result.ToHttp(report =>
                {
                    var view = UtilisationView.Of(clinicId, report, chairDays == true || csv);
                    if (!csv)
                        return Results.Ok(view);
                    var name = $"utilisation-{table ?? "chair-days"}-{view.From}-to-{view.To}.csv";
                    return Table(table, ReportTables) switch
                    {
                        "chairs" => Csv.File(view.Chairs, name),
                        "days" => Csv.File(view.Days, name),
                        "weeks" => Csv.File(view.Weeks, name),
                        "clinic" => Csv.File([view.Clinic], name),
                        "heatmap" => Csv.File(view.Heatmap, name),
                        "nurse-peaks" => Csv.File(view.NursePeaks, name),
                        _ => Csv.File(view.ChairDays!, name),
                    };
                });
            })
            .WithSummary("Chair utilisation over local days ?from=&to= (default: four weeks back, four ahead; at most 400 days): per chair, " +
                "day, week and the clinic, booked and (for past days) actual, with no-show and late-cancellation rates, lead time, " +
                "the weekday x hour heatmap and each day's nurse peaks. ?chairDays=true adds every chair-day. " +
                "?format=csv&table=chair-days|chairs|days|weeks|clinic|heatmap|nurse-peaks downloads one table.");
        clinics.MapGet("/nurse-load", async (Guid clinicId, string? from, string? to, string? format, string? table,
                UtilisationQueries queries, CancellationToken ct) =>
            {
                var csv = Csv.Wanted(format);
                return (await queries.NurseLoad(clinicId, from, to, ct)).ToHttp(view => !csv
                    ? Results.Ok(view)
                    : Table(table, ["slots", "peaks"]) == "peaks"
                        ? Csv.File(view.Peaks, $"nurse-peaks-{view.From}-to-{view.To}.csv")
                        : Csv.File(view.Slots, $"nurse-load-{view.From}-to-{view.To}.csv"));
            })
            .WithSummary("Nurse load per grid slot over ?from=&to= (default: this week; at most 62 days): infusions starting, set-ups " +
                "running and patients in care against nurses on shift and nurses x k, with each day's peaks marked. " +
                "?format=csv&table=slots|peaks downloads one table.");
        clinics.MapGet("/forecast", async (Guid clinicId, int? weeks, string? format, UtilisationQueries queries, CancellationToken ct) =>
            {
                var csv = Csv.Wanted(format);
                return (await queries.Forecast(clinicId, weeks, ct)).ToHttp(view => csv
                    ? Csv.File(view.Weeks, $"forecast-{view.From}-to-{view.To}.csv")
                    : Results.Ok(view));
            })
            .WithSummary("Booked utilisation for each of the next ?weeks= weeks (default 8, at most 52) from this week's Monday, and how far ahead the book is full. ?format=csv downloads it.");
    }

    /// <summary>POST /clinics/{id}/what-if: today's setup and a what-if side by side; never writes to the book.</summary>
    public static void MapWhatIf(this IEndpointRouteBuilder app) =>
        app.MapPost("/clinics/{clinicId:guid}/what-if", async (Guid clinicId, string? format, string? table, WhatIfInput input, WhatIf whatIf, CancellationToken ct) =>
            {
                var csv = Csv.Wanted(format);
                var name = csv ? Table(table, ["weeks", "conflicts"]) : null;
                return (await whatIf.Handle(clinicId, input, ct)).ToHttp(view => name switch
                {
                    null => Results.Ok(view),
                    "conflicts" => Csv.File(view.ConflictingSessions, "what-if-conflicts.csv"),
                    _ => Csv.File(view.SideBySide, $"what-if-{(view.SideBySide.Count > 0 ? view.SideBySide[0].Week : "weeks")}.csv"),
                });
            })
            .WithTags("Utilisation")
            .WithSummary("A what-if (add or remove chairs, other opening hours, more nurses, observation in a recovery area) answering the " +
                "same questions as today's setup, side by side: the booked forecast of forecastWeeks weeks (default 8) and, with \"capacity\", " +
                "how many more series of a protocol can start each week; plus the booked sessions it would break. Computed on a copy in " +
                "memory: nothing is written. ?format=csv&table=weeks|conflicts downloads the side-by-side weeks or the sessions it would break.");

    private static string Table(string? table, string[] known) =>
        table is null ? known[0]
        : known.Contains(table) ? table
        : throw new InvalidValueException("table", $"There is no table '{table}'; the tables are {string.Join(", ", known)}.");
}
