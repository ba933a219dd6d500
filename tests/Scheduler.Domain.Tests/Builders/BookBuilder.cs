namespace Scheduler.Domain.Tests.Builders;

/// <summary>
/// The occupied book of a clinic: sessions placed on chairs at wall-clock times, each for its own
/// patient unless one is given. By default a session is 60 minutes infusion and 60 minutes
/// observation, with the clinic's turnover and observation place.
/// </summary>
public sealed class BookBuilder
{
    private readonly TestClinic _clinic;
    private readonly List<BookedSession> _sessions = [];

    public BookBuilder(TestClinic clinic) => _clinic = clinic;

    public IReadOnlyList<BookedSession> Sessions => _sessions;

    public BookBuilder WithSession(Chair chair, LocalDate date, LocalTime start, PatientId? patient = null,
        int infusionMinutes = 60, int observationMinutes = 60) =>
        WithSession(chair, _clinic.At(date, start), patient, infusionMinutes, observationMinutes);

    public BookBuilder WithSession(Chair chair, Instant start, PatientId? patient = null,
        int infusionMinutes = 60, int observationMinutes = 60)
    {
        var footprint = SessionFootprint.Of(start, Duration.FromMinutes(infusionMinutes), Duration.FromMinutes(observationMinutes), _clinic.Settings);
        _sessions.Add(new BookedSession(SessionId.New(), patient ?? PatientId.New(), chair.Id, footprint));
        return this;
    }

    /// <summary>A session of <paramref name="protocol"/>, with its footprint as a booking would make it.</summary>
    public BookBuilder WithSession(Chair chair, LocalDate date, LocalTime start, Protocol protocol, PatientId? patient = null)
    {
        var footprint = SessionFootprint.Of(_clinic.At(date, start), protocol, _clinic.Settings);
        _sessions.Add(new BookedSession(SessionId.New(), patient ?? PatientId.New(), chair.Id, footprint));
        return this;
    }

    /// <summary>Holds every listed chair for the whole day (06:00 to 22:00 local), for "nothing is free" cases.</summary>
    public BookBuilder WithChairsTakenAllDay(LocalDate date, IEnumerable<Chair> chairs)
    {
        foreach (var chair in chairs)
        {
            // 5 h infusion + 10 h 45 min observation + turnover: one visit covers the clinic's day.
            WithSession(chair, date, new LocalTime(6, 0), infusionMinutes: 300, observationMinutes: 645);
        }
        return this;
    }

    public BookIndex Build() => new(_clinic.Settings, _sessions);
}
