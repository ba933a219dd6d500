using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Application.Capacity;
using Scheduler.Application.Clinics;
using Scheduler.Application.Patients;
using Scheduler.Application.Protocols;
using Scheduler.Web.Endpoints;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Manage;

/// <summary>
/// The booked forecast of the coming weeks (GET /clinics/{id}/forecast) and the capacity question
/// (POST /clinics/{id}/capacity): how many more series of a protocol can start each week, and why
/// the next one cannot. Asking writes nothing, so the answer comes back on the page (no redirect).
/// </summary>
public sealed class CapacityModel(CurrentClinic clinics, UtilisationQueries queries, CapacityQuestion question, ManageProtocols protocols, IClock clock)
    : PageModel
{
    /// <summary>The capacity question as the form has it; <see cref="ToInput"/> gives the API's input.</summary>
    public sealed class QuestionForm
    {
        public Guid? ProtocolId { get; set; }
        public string? WeekStart { get; set; }
        public int? Weeks { get; set; }
        public int? Boosters { get; set; }
        public List<string> Days { get; set; } = [];
        public string? EarliestStart { get; set; }
        public string? LatestEnd { get; set; }

        public CapacityInput ToInput()
        {
            var days = Days.Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
            var preferences = days.Count == 0 && string.IsNullOrWhiteSpace(EarliestStart) && string.IsNullOrWhiteSpace(LatestEnd)
                ? null
                : new AvailabilityInput(days, Blank(EarliestStart), Blank(LatestEnd));
            return new CapacityInput(ProtocolId, Blank(WeekStart), Weeks, Boosters, preferences);
        }
    }

    public static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Weeks of the forecast (default 8).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Weeks { get; set; }

    [BindProperty]
    public QuestionForm Input { get; set; } = new();

    public ClinicView? Clinic { get; private set; }
    public ForecastView? Forecast { get; private set; }
    public IReadOnlyList<ProtocolView> Protocols { get; private set; } = [];
    public CapacityView? Answer { get; private set; }

    /// <summary>The question answered, as JSON for the CSV links.</summary>
    public string? AnswerQuestion { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!await Load(ct))
            return;
        Input.ProtocolId ??= Protocols.Count > 0 ? Protocols[0].Id : null;
        Input.WeekStart ??= Show.Iso(clock.GetCurrentInstant().InZone(CurrentClinic.Zone(Clinic!)).Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)));
        Input.Weeks ??= 4;
    }

    public async Task<IActionResult> OnPostAskAsync(CancellationToken ct)
    {
        if (!await Load(ct) || !ModelState.IsValid)
            return Page();
        var input = Input.ToInput();
        var answer = await ManagePage.Run(() => question.Handle(Clinic!.Id, input, ct));
        if (answer.Ok)
        {
            Answer = answer.Value;
            AnswerQuestion = ManagePage.ToJson(input);
        }
        else
        {
            ModelState.AddProblem(answer.Problem!, fieldToKey: FieldKey);
        }
        return Page();
    }

    /// <summary>A capacity answer's table as CSV (<c>?handler=Csv&amp;table=weeks|sessions&amp;q=</c> the question as JSON), the same rows as the API's.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? q, string? table, CancellationToken ct)
    {
        Clinic = await clinics.Get(ct);
        if (Clinic is null || q is null)
            return NotFound();
        CapacityInput? input;
        try
        {
            input = JsonSerializer.Deserialize<CapacityInput>(q, ManagePage.Json);
        }
        catch (JsonException)
        {
            return BadRequest("The question is not readable; ask it again on the capacity page.");
        }
        var answer = await ManagePage.Run(() => question.Handle(Clinic.Id, input!, ct));
        if (!answer.Ok)
            return BadRequest(answer.Problem!.Detail);
        var view = answer.Value!;
        return new ApiResult(table == "sessions"
            ? Http.Csv.File(view.Weeks.SelectMany(w => w.Series.SelectMany(x => x.Sessions.Select(p => new CapacitySessionRow(
                w.WeekStart, x.Number, p.Ordinal, p.Phase, p.ChairId, p.ChairName, p.Start, p.InfusionEnd, p.ObservationEnd, p.TurnoverEnd)))),
                $"capacity-sessions-{view.Weeks[0].WeekStart}.csv")
            : Http.Csv.File(view.Weeks.Select(w => new CapacityWeekRow(w.WeekStart, w.WeekEnd, w.MoreSeries, w.StoppedBy, w.Rule, w.Reason)),
                $"capacity-{view.Weeks[0].WeekStart}.csv"));
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        Clinic = await clinics.Get(ct);
        if (Clinic is null)
            return false;
        Protocols = (await protocols.List(Clinic.Id, ct)).Value ?? [];
        var forecast = await ManagePage.Run(() => queries.Forecast(Clinic.Id, Weeks, ct));
        if (forecast.Ok)
        {
            Forecast = forecast.Value;
            Weeks = Forecast!.Weeks.Count;
        }
        else
        {
            ModelState.AddProblem(forecast.Problem!, prefix: "");
        }
        return true;
    }

    /// <summary>The capacity input's fields (the API's names) as the form's.</summary>
    private static string? FieldKey(string field) => field switch
    {
        "protocolId" => "Input.ProtocolId",
        "weekStart" => "Input.WeekStart",
        "weeks" => "Input.Weeks",
        "boosters" => "Input.Boosters",
        _ when field.StartsWith("preferences.days", StringComparison.Ordinal) => "Input.Days",
        _ when field.StartsWith("preferences.earliestStart", StringComparison.Ordinal) => "Input.EarliestStart",
        _ when field.StartsWith("preferences.latestEnd", StringComparison.Ordinal) => "Input.LatestEnd",
        _ => "",
    };

    public string ForecastSummary()
    {
        var weeks = Forecast!.Weeks;
        if (weeks.Count == 0)
            return "No weeks.";
        var high = weeks.Where(w => w.UtilisationPercent is not null).MaxBy(w => w.UtilisationPercent);
        return $"Booked utilisation of the next {weeks.Count} weeks from {ManagePage.Day(Forecast.From)}: " +
            string.Join(", ", weeks.Select(w => ManagePage.Percent(w.UtilisationPercent))) +
            (high is null ? "." : $"; the fullest is the week of {ManagePage.Day(high.Week)}.");
    }

    public string AnswerSummary() =>
        $"New series that can start each week: {string.Join(", ", Answer!.Weeks.Select(w => $"week of {ManagePage.Day(w.WeekStart)} {w.MoreSeries}"))}.";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
