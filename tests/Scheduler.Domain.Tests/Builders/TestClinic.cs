namespace Scheduler.Domain.Tests.Builders;

/// <summary>A built clinic with its chairs, and helpers that turn clinic wall-clock times into instants.</summary>
public sealed class TestClinic
{
    public TestClinic(Clinic clinic, IReadOnlyList<Chair> chairs)
    {
        Clinic = clinic;
        Chairs = chairs;
    }

    public Clinic Clinic { get; }
    public IReadOnlyList<Chair> Chairs { get; }
    public ClinicSettings Settings => Clinic.Settings;
    public DateTimeZone Zone => Settings.Zone;

    /// <summary>The chair named <paramref name="name"/> ("Chair 1", "Bed 1", ...).</summary>
    public Chair Chair(string name) => Chairs.Single(c => c.Name == name);

    /// <summary>A wall-clock time in the clinic's zone, resolved the way a person's request is (no gap, no ambiguity).</summary>
    public Instant At(LocalDate date, LocalTime time) => ClinicTime.Resolve(Zone, date + time, null, "start");

    public Instant At(LocalDate date, int hour, int minute = 0) => At(date, new LocalTime(hour, minute));

    public LocalDateTime Local(Instant instant) => instant.InZone(Zone).LocalDateTime;

    public ProtocolBuilder Protocol() => new(this);

    public BookBuilder Book() => new(this);
}
