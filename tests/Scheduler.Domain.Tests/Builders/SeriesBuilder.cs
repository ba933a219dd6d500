namespace Scheduler.Domain.Tests.Builders;

/// <summary>
/// A booked treatment series for lifecycle tests: by default three sessions at 09:00 on
/// consecutive Mondays from <see cref="Moments.Monday"/>, 60 minutes infusion and 60 observation.
/// </summary>
public sealed class SeriesBuilder
{
    private readonly TestClinic _clinic;
    private int _count = 3;
    private int _observationMinutes = 60;
    private LocalDate _first = Moments.Monday;
    private LocalTime _time = new(9, 0);

    public SeriesBuilder(TestClinic? clinic = null) => _clinic = clinic ?? new ClinicBuilder().Build();

    public SeriesBuilder WithSessions(int count)
    {
        _count = count;
        return this;
    }

    public SeriesBuilder WithObservation(int minutes)
    {
        _observationMinutes = minutes;
        return this;
    }

    public SeriesBuilder StartingOn(LocalDate date, LocalTime time)
    {
        _first = date;
        _time = time;
        return this;
    }

    public TreatmentSeries Build()
    {
        var chair = _clinic.Chairs[0].Id;
        var placements = Enumerable.Range(0, _count)
            .Select(i => (
                SeriesPhase.Induction,
                chair,
                SessionFootprint.Of(_clinic.At(_first.PlusWeeks(i), _time), Duration.FromMinutes(60), Duration.FromMinutes(_observationMinutes), _clinic.Settings)))
            .ToList();
        return TreatmentSeries.Book(_clinic.Clinic.Id, PatientId.New(), ProtocolId.New(), Moments.Now, placements);
    }
}
