using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Clinics;

public sealed record TimeRangeInput(string? From, string? To);

public sealed record ClosureInput(string? Date, string? Reason);

public sealed record NurseShiftInput(List<string>? Days, string? From, string? To, int? Nurses);

/// <summary>Place: "chair" (default) or "recoveryArea" with a capacity.</summary>
public sealed record ObservationInput(string? Place, int? Capacity);

/// <summary>A clinic as the API takes it. Times are clinic wall-clock "HH:mm"; weekdays are names ("monday").</summary>
public sealed record ClinicInput(
    string? Name,
    string? TimeZone,
    Dictionary<string, List<TimeRangeInput>>? OpeningHours,
    List<ClosureInput>? Closures,
    int? SlotMinutes,
    int? TurnoverMinutes,
    int? NurseSetupMinutes,
    List<NurseShiftInput>? NurseShifts,
    int? PatientsPerNurse,
    ObservationInput? Observation)
{
    public const int MaxListLength = 1000;

    public ClinicSettings ToSettings()
    {
        var zone = Parse.Zone(TimeZone);
        var hours = new Dictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>>();
        foreach (var (dayText, ranges) in OpeningHours ?? throw new InvalidValueException("openingHours", "openingHours is required."))
        {
            var day = Parse.Weekday(dayText, "openingHours");
            if (hours.ContainsKey(day))
                throw new InvalidValueException("openingHours", $"{dayText} is given twice.");
            hours[day] = (ranges ?? []).Select(r => Range(r, $"openingHours.{dayText}")).ToArray();
        }
        if ((Closures?.Count ?? 0) > MaxListLength || (NurseShifts?.Count ?? 0) > MaxListLength)
            throw new InvalidValueException("closures", $"At most {MaxListLength} closures and nurse shifts.");
        var closures = (Closures ?? []).Select(c => new Closure(Parse.Date(c?.Date, "closures.date"), c?.Reason ?? "Closed"));
        var shifts = (NurseShifts ?? throw new InvalidValueException("nurseShifts", "nurseShifts is required: no infusion starts without a nurse."))
            .Select((s, i) => Shift(s, $"nurseShifts[{i}]"));
        var observation = (Observation?.Place?.ToLowerInvariant()) switch
        {
            null or "chair" => ObservationPlace.InChair,
            "recoveryarea" or "recovery-area" or "recovery" => ObservationPlace.RecoveryArea(Parse.Required(Observation?.Capacity, "observation.capacity")),
            _ => throw new InvalidValueException("observation.place", "observation.place must be 'chair' or 'recoveryArea'."),
        };
        return new ClinicSettings(
            zone,
            new WeeklyHours(hours),
            closures,
            Duration.FromMinutes(Parse.Minutes(SlotMinutes, 15, "slotMinutes", 1, 60)),
            Duration.FromMinutes(Parse.Minutes(TurnoverMinutes, 15, "turnoverMinutes", 0, 120)),
            Duration.FromMinutes(Parse.Minutes(NurseSetupMinutes, 15, "nurseSetupMinutes", 1, 60)),
            shifts,
            PatientsPerNurse ?? 4,
            observation);
    }

    /// <summary>The input that gives these settings back: used for views and for storing settings.</summary>
    public static ClinicInput From(string? name, ClinicSettings s) =>
        new(name,
            s.Zone.Id,
            s.Hours.Days.ToDictionary(d => Formatting.Day(d.Key), d => d.Value.Select(r => new TimeRangeInput(Formatting.Time(r.From), Formatting.Time(r.To))).ToList()),
            s.Closures.Select(c => new ClosureInput(Formatting.Date(c.Date), c.Reason)).ToList(),
            (int)s.SlotGrid.TotalMinutes,
            (int)s.Turnover.TotalMinutes,
            (int)s.NurseSetup.TotalMinutes,
            s.NurseShifts.Select(n => new NurseShiftInput(n.Days.Select(Formatting.Day).ToList(), Formatting.Time(n.Window.From), Formatting.Time(n.Window.To), n.Nurses)).ToList(),
            s.PatientsPerNurse,
            s.Observation.InRecoveryArea ? new ObservationInput("recoveryArea", s.Observation.Capacity) : new ObservationInput("chair", null));

    /// <summary>One shift; a problem names it by its place in the list ("nurseShifts[1].nurses") so that a form can point at it.</summary>
    private static NurseShift Shift(NurseShiftInput? input, string field)
    {
        var days = Parse.Weekdays(input?.Days, $"{field}.days");
        var window = Range(new TimeRangeInput(input?.From, input?.To), field);
        var nurses = Parse.Required(input?.Nurses, $"{field}.nurses");
        try
        {
            return new NurseShift(days, window, nurses);
        }
        catch (InvalidValueException e) when (e.Field == "nurseShifts")
        {
            throw new InvalidValueException(field, e.Message);
        }
    }

    private static LocalTimeRange Range(TimeRangeInput? input, string field) =>
        new(Parse.Time(input?.From, $"{field}.from"), Parse.Time(input?.To, $"{field}.to"), field);
}
