using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Application.Capacity;
using Scheduler.Application.Chairs;
using Scheduler.Application.Clinics;
using Scheduler.Application.Protocols;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Manage;

/// <summary>
/// A what-if (POST /clinics/{id}/what-if): more or fewer chairs, other opening hours, nurses and
/// observation, answered side by side with today's setup. Worked out in memory: nothing is saved,
/// so the answer comes back on the page.
/// </summary>
public sealed class WhatIfModel(CurrentClinic clinics, WhatIf whatIf, ManageChairs chairs, ManageProtocols protocols) : PageModel
{
    public sealed class AddRow
    {
        public string? Kind { get; set; }
        public int? Count { get; set; }
    }

    /// <summary>A weekday's opening hours as written: "07:30-19:00", several ranges separated by commas, empty when closed.</summary>
    public sealed class DayRow
    {
        public string? Day { get; set; }
        public string? Ranges { get; set; }
    }

    public sealed class ShiftRow
    {
        /// <summary>Weekday names separated by commas ("monday, tuesday").</summary>
        public string? Days { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public int? Nurses { get; set; }

        public bool Blank => string.IsNullOrWhiteSpace(Days) && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To) && Nurses is null;
    }

    /// <summary>The what-if as the form has it: filled in with today's setup, so that only what is changed counts.</summary>
    public sealed class ScenarioForm
    {
        public List<AddRow> Add { get; set; } = [];
        public List<Guid> Remove { get; set; } = [];
        public List<DayRow> Hours { get; set; } = [];
        public List<ShiftRow> Shifts { get; set; } = [];
        public int? AddNurses { get; set; }
        public int? PatientsPerNurse { get; set; }
        public string? Observation { get; set; }
        public int? RecoveryCapacity { get; set; }
        public int? ForecastWeeks { get; set; }
        public Guid? ProtocolId { get; set; }
        public int? CapacityWeeks { get; set; }
    }

    public static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    [BindProperty]
    public ScenarioForm Input { get; set; } = new();

    public ClinicView? Clinic { get; private set; }
    public IReadOnlyList<ChairView> Chairs { get; private set; } = [];
    public IReadOnlyList<ProtocolView> Protocols { get; private set; } = [];
    public WhatIfView? Answer { get; private set; }

    /// <summary>The what-if answered, as JSON for the CSV links.</summary>
    public string? AnswerQuestion { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!await Load(ct))
            return;
        var c = Clinic!;
        Input.Add = Chairs.Select(x => x.Kind).Distinct().Order(StringComparer.Ordinal).Select(k => new AddRow { Kind = k }).ToList();
        Input.Hours = Weekdays.Select(d => new DayRow { Day = d, Ranges = HoursText(c.OpeningHours.GetValueOrDefault(d)) }).ToList();
        Input.Shifts = c.NurseShifts.Select(s => new ShiftRow { Days = string.Join(", ", s.Days ?? []), From = s.From, To = s.To, Nurses = s.Nurses }).ToList();
        Input.Shifts.Add(new ShiftRow());
        Input.PatientsPerNurse = c.PatientsPerNurse;
        Input.Observation = IsRecovery(c.Observation.Place) ? "recoveryArea" : "chair";
        Input.RecoveryCapacity = c.Observation.Capacity;
        Input.ForecastWeeks = 8;
        Input.ProtocolId = Protocols.Count > 0 ? Protocols[0].Id : null;
        Input.CapacityWeeks = 4;
    }

    public async Task<IActionResult> OnPostAskAsync(CancellationToken ct)
    {
        if (!await Load(ct))
            return Page();
        while (Input.Shifts.Count == 0 || !Input.Shifts[^1].Blank)
            Input.Shifts.Add(new ShiftRow());
        if (!ModelState.IsValid)
            return Page();
        var (input, addRows) = ToInput();
        if (!ModelState.IsValid)
            return Page();
        var answer = await ManagePage.Run(() => whatIf.Handle(Clinic!.Id, input, ct));
        if (answer.Ok)
        {
            Answer = answer.Value;
            AnswerQuestion = ManagePage.ToJson(input);
        }
        else
        {
            ModelState.AddProblem(answer.Problem!, fieldToKey: field => FieldKey(field, addRows));
        }
        return Page();
    }

    /// <summary>A what-if answer's table as CSV (<c>?handler=Csv&amp;table=weeks|conflicts&amp;q=</c> the what-if as JSON), the same rows as the API's.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? q, string? table, CancellationToken ct)
    {
        Clinic = await clinics.Get(ct);
        if (Clinic is null || q is null)
            return NotFound();
        WhatIfInput? input;
        try
        {
            input = JsonSerializer.Deserialize<WhatIfInput>(q, ManagePage.Json);
        }
        catch (JsonException)
        {
            return BadRequest("The what-if is not readable; ask it again on the what-if page.");
        }
        var answer = await ManagePage.Run(() => whatIf.Handle(Clinic.Id, input!, ct));
        if (!answer.Ok)
            return BadRequest(answer.Problem!.Detail);
        var view = answer.Value!;
        return new ApiResult(table == "conflicts"
            ? Http.Csv.File(view.ConflictingSessions, "what-if-conflicts.csv")
            : Http.Csv.File(view.SideBySide, $"what-if-{(view.SideBySide.Count > 0 ? view.SideBySide[0].Week : "weeks")}.csv"));
    }

    /// <summary>The API's input from the form: only what differs from today; addRows maps each added kind back to its form row.</summary>
    private (WhatIfInput Input, List<int> AddRows) ToInput()
    {
        var c = Clinic!;
        var addRows = new List<int>();
        var add = new List<ChairsToAddInput>();
        for (var i = 0; i < Input.Add.Count; i++)
        {
            if (Input.Add[i].Count is { } n && n != 0)
            {
                add.Add(new ChairsToAddInput(Input.Add[i].Kind, n));
                addRows.Add(i);
            }
        }

        Dictionary<string, List<TimeRangeInput>>? hours = new();
        for (var i = 0; i < Input.Hours.Count; i++)
        {
            var row = Input.Hours[i];
            var ranges = ParseRanges(row.Ranges);
            if (ranges is null)
                ModelState.AddModelError($"Input.Hours[{i}].Ranges", $"Write {UtilisationModel.Weekday(row.Day ?? "")}'s hours like 07:30-19:00 (several separated by commas), or leave it empty when closed.");
            else
                hours[row.Day ?? ""] = ranges;
        }
        if (Weekdays.All(d => HoursText(hours.GetValueOrDefault(d)) == HoursText(c.OpeningHours.GetValueOrDefault(d))))
            hours = null;

        var shifts = Input.Shifts.Where(s => !s.Blank).Select(s => new NurseShiftInput(
            (s.Days ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).Select(d => d.ToLowerInvariant()).ToList(),
            Blank(s.From), Blank(s.To), s.Nurses)).ToList();
        var sameShifts = shifts.Count == c.NurseShifts.Count && shifts.Zip(c.NurseShifts).All(p => ShiftText(p.First) == ShiftText(p.Second));

        var recovery = Input.Observation == "recoveryArea";
        var sameObservation = recovery == IsRecovery(c.Observation.Place) && (!recovery || Input.RecoveryCapacity == c.Observation.Capacity);

        var scenario = new ScenarioInput(
            add.Count > 0 ? add : null,
            Input.Remove.Count > 0 ? Input.Remove : null,
            hours,
            sameShifts ? null : shifts,
            Input.AddNurses is 0 ? null : Input.AddNurses,
            Input.PatientsPerNurse == c.PatientsPerNurse ? null : Input.PatientsPerNurse,
            sameObservation ? null : new ObservationInput(recovery ? "recoveryArea" : "chair", recovery ? Input.RecoveryCapacity : null));
        var capacity = Input.ProtocolId is { } protocol ? new CapacityInput(protocol, null, Input.CapacityWeeks, null, null) : null;
        return (new WhatIfInput(scenario, Input.ForecastWeeks, capacity), addRows);
    }

    /// <summary>The API's field names (with or without "scenario.") as the form's.</summary>
    private string? FieldKey(string field, List<int> addRows)
    {
        var f = field.StartsWith("scenario.", StringComparison.Ordinal) ? field["scenario.".Length..] : field;
        if (f.StartsWith("addChairs[", StringComparison.Ordinal)
            && int.TryParse(f["addChairs[".Length..f.IndexOf(']', StringComparison.Ordinal)], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && i < addRows.Count)
            return $"Input.Add[{addRows[i]}].Count";
        if (f.StartsWith("openingHours", StringComparison.Ordinal))
        {
            var day = f.Split('.').Skip(1).FirstOrDefault();
            var row = Input.Hours.FindIndex(h => string.Equals(h.Day, day, StringComparison.OrdinalIgnoreCase));
            return row >= 0 ? $"Input.Hours[{row}].Ranges" : "Input.Hours";
        }
        return f switch
        {
            _ when f.StartsWith("removeChairs", StringComparison.Ordinal) => "Input.Remove",
            _ when f.StartsWith("nurseShifts", StringComparison.Ordinal) => "Input.Shifts",
            "addNurses" => "Input.AddNurses",
            "patientsPerNurse" => "Input.PatientsPerNurse",
            "observation.capacity" => "Input.RecoveryCapacity",
            _ when f.StartsWith("observation", StringComparison.Ordinal) => "Input.Observation",
            "forecastWeeks" => "Input.ForecastWeeks",
            "protocolId" => "Input.ProtocolId",
            "weeks" => "Input.CapacityWeeks",
            _ => "",
        };
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        Clinic = await clinics.Get(ct);
        if (Clinic is null)
            return false;
        Chairs = ((await chairs.List(Clinic.Id, ct)).Value ?? []).Where(c => c.Active).ToList();
        Protocols = (await protocols.List(Clinic.Id, ct)).Value ?? [];
        return true;
    }

    public string ChairName(Guid id) => Chairs.FirstOrDefault(c => c.Id == id)?.Name ?? "a chair no longer in use";

    /// <summary>"07:30-12:00, 13:00-19:00"; empty when closed.</summary>
    public static string HoursText(IEnumerable<TimeRangeInput>? ranges) => string.Join(", ", (ranges ?? []).Select(r => $"{r.From}-{r.To}"));

    /// <summary>"07:30-19:00, 20:00-21:00" as ranges; null when it cannot be read.</summary>
    private static List<TimeRangeInput>? ParseRanges(string? text)
    {
        var ranges = new List<TimeRangeInput>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split(['-', '–'], StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || ends[0].Length == 0 || ends[1].Length == 0)
                return null;
            ranges.Add(new TimeRangeInput(ends[0], ends[1]));
        }
        return ranges;
    }

    private static string ShiftText(NurseShiftInput s) => $"{string.Join(",", s.Days ?? [])}|{s.From}|{s.To}|{s.Nurses}";

    private static bool IsRecovery(string? place) => place?.StartsWith("recovery", StringComparison.OrdinalIgnoreCase) == true;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public string Summary(Func<WhatIfWeekRow, double?> today, Func<WhatIfWeekRow, double?> whatIf, string what, string unit) =>
        $"{what} per week, today against the what-if: " +
        string.Join("; ", Answer!.SideBySide.Select(w => $"week of {ManagePage.Day(w.Week)} {Value(today(w), unit)} against {Value(whatIf(w), unit)}")) + ".";

    private static string Value(double? value, string unit) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + unit : "–";
}
