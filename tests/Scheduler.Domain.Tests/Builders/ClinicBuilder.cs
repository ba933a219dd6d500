namespace Scheduler.Domain.Tests.Builders;

/// <summary>
/// A clinic with sensible defaults: America/New_York, open Monday to Friday 08:00–18:00, a
/// 15-minute grid, 15 minutes turnover and set-up, four nurses all day every day, six patients a
/// nurse, observation in the chair, two recliners ("Chair 1", "Chair 2").
/// </summary>
public sealed class ClinicBuilder
{
    private static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly IsoDayOfWeek[] EveryDay = [.. Weekdays, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    private readonly Dictionary<IsoDayOfWeek, List<LocalTimeRange>> _hours = [];
    private readonly List<Closure> _closures = [];
    private readonly List<NurseShift> _shifts = [];
    private readonly List<(string Name, string Kind, bool Active)> _chairs = [];
    private string _zone = "America/New_York";
    private string _name = "Riverside Infusion";
    private int _gridMinutes = 15;
    private int _turnoverMinutes = 15;
    private int _setupMinutes = 15;
    private int _defaultNurses = 4;
    private int _patientsPerNurse = 6;
    private ObservationPlace _observation = ObservationPlace.InChair;
    private bool _hoursGiven;
    private bool _chairsGiven;

    public ClinicBuilder WithName(string name)
    {
        _name = name;
        return this;
    }

    public ClinicBuilder WithZone(string zoneId)
    {
        _zone = zoneId;
        return this;
    }

    /// <summary>Adds an opening range on the given days; the first call replaces the Monday–Friday default.</summary>
    public ClinicBuilder OpenOn(LocalTime from, LocalTime to, params IsoDayOfWeek[] days)
    {
        if (!_hoursGiven)
        {
            _hours.Clear();
            _hoursGiven = true;
        }
        foreach (var day in days)
        {
            if (!_hours.TryGetValue(day, out var ranges))
                _hours[day] = ranges = [];
            ranges.Add(new LocalTimeRange(from, to, "openingHours"));
        }
        return this;
    }

    public ClinicBuilder OpenWeekdays(LocalTime from, LocalTime to) => OpenOn(from, to, Weekdays);

    public ClinicBuilder OpenEveryDay(LocalTime from, LocalTime to) => OpenOn(from, to, EveryDay);

    public ClinicBuilder WithClosure(LocalDate date, string reason = "Public holiday")
    {
        _closures.Add(new Closure(date, reason));
        return this;
    }

    public ClinicBuilder WithSlotGrid(int minutes)
    {
        _gridMinutes = minutes;
        return this;
    }

    public ClinicBuilder WithTurnover(int minutes)
    {
        _turnoverMinutes = minutes;
        return this;
    }

    public ClinicBuilder WithNurseSetup(int minutes)
    {
        _setupMinutes = minutes;
        return this;
    }

    /// <summary>Nurses on the default shift (every day, all day) when no explicit shift is given.</summary>
    public ClinicBuilder WithNurses(int nurses)
    {
        _defaultNurses = nurses;
        return this;
    }

    /// <summary>Adds a nurse shift; once one is given the all-day default shift is dropped.</summary>
    public ClinicBuilder WithNurseShift(LocalTime from, LocalTime to, int nurses, params IsoDayOfWeek[] days)
    {
        _shifts.Add(new NurseShift(days.Length == 0 ? EveryDay : days, new LocalTimeRange(from, to, "nurseShifts"), nurses));
        return this;
    }

    public ClinicBuilder WithPatientsPerNurse(int patients)
    {
        _patientsPerNurse = patients;
        return this;
    }

    public ClinicBuilder WithRecoveryArea(int capacity)
    {
        _observation = ObservationPlace.RecoveryArea(capacity);
        return this;
    }

    /// <summary>Adds <paramref name="count"/> chairs of a kind, named "{Prefix} 1", "{Prefix} 2", ...; replaces the default two recliners.</summary>
    public ClinicBuilder WithChairs(int count, string kind = "recliner", string prefix = "Chair")
    {
        _chairsGiven = true;
        var first = _chairs.Count(c => c.Name.StartsWith(prefix + " ", StringComparison.Ordinal)) + 1;
        for (var i = 0; i < count; i++)
            _chairs.Add(($"{prefix} {first + i}", kind, true));
        return this;
    }

    public ClinicBuilder WithChair(string name, string kind = "recliner", bool active = true)
    {
        _chairsGiven = true;
        _chairs.Add((name, kind, active));
        return this;
    }

    public ClinicSettings BuildSettings()
    {
        var hours = _hoursGiven
            ? _hours.ToDictionary(h => h.Key, h => (IReadOnlyList<LocalTimeRange>)h.Value)
            : Weekdays.ToDictionary(d => d, _ => (IReadOnlyList<LocalTimeRange>)[new LocalTimeRange(new LocalTime(8, 0), new LocalTime(18, 0))]);
        var shifts = _shifts.Count > 0
            ? _shifts
            : [new NurseShift(EveryDay, new LocalTimeRange(LocalTime.Midnight, LocalTime.MaxValue), _defaultNurses)];
        return new ClinicSettings(
            DateTimeZoneProviders.Tzdb[_zone],
            new WeeklyHours(hours),
            _closures,
            Duration.FromMinutes(_gridMinutes),
            Duration.FromMinutes(_turnoverMinutes),
            Duration.FromMinutes(_setupMinutes),
            shifts,
            _patientsPerNurse,
            _observation);
    }

    public TestClinic Build()
    {
        var clinic = Clinic.Create(_name, BuildSettings());
        var specs = _chairsGiven ? _chairs : [("Chair 1", "recliner", true), ("Chair 2", "recliner", true)];
        var chairs = specs.Select(c => Chair.Create(clinic.Id, c.Name, new ChairKind(c.Kind), c.Active)).ToList();
        return new TestClinic(clinic, chairs);
    }
}
