namespace Scheduler.Domain.Tests.Builders;

/// <summary>
/// A protocol with sensible defaults: a recliner, 60 minutes infusion, 60 minutes observation, an
/// induction of 6 sessions 2–3 days apart on any weekday, no maintenance.
/// </summary>
public sealed class ProtocolBuilder
{
    private static readonly IsoDayOfWeek[] EveryDay =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    private readonly TestClinic _clinic;
    private string _name = "Ketamine for depression";
    private string _kind = "recliner";
    private int _infusionMinutes = 60;
    private int _observationMinutes = 60;
    private int _inductionCount = 6;
    private int _minGap = 2;
    private int _maxGap = 3;
    private IsoDayOfWeek[] _allowedDays = EveryDay;
    private MaintenancePhase? _maintenance;

    public ProtocolBuilder(TestClinic clinic) => _clinic = clinic;

    public ProtocolBuilder WithName(string name)
    {
        _name = name;
        return this;
    }

    public ProtocolBuilder WithChairKind(string kind)
    {
        _kind = kind;
        return this;
    }

    public ProtocolBuilder WithInfusion(int minutes)
    {
        _infusionMinutes = minutes;
        return this;
    }

    public ProtocolBuilder WithObservation(int minutes)
    {
        _observationMinutes = minutes;
        return this;
    }

    public ProtocolBuilder WithInduction(int count, int minGapDays, int maxGapDays)
    {
        _inductionCount = count;
        _minGap = minGapDays;
        _maxGap = maxGapDays;
        return this;
    }

    public ProtocolBuilder OnInductionDays(params IsoDayOfWeek[] days)
    {
        _allowedDays = days;
        return this;
    }

    /// <summary>Boosters <paramref name="minDays"/>–<paramref name="maxDays"/> apart; <paramref name="count"/> null is open-ended.</summary>
    public ProtocolBuilder WithMaintenance(int minDays, int maxDays, int? count)
    {
        _maintenance = new MaintenancePhase(minDays, maxDays, count);
        return this;
    }

    public Protocol Build() =>
        Protocol.Create(
            _clinic.Clinic,
            _name,
            new ChairKind(_kind),
            InfusionDuration.FromMinutes(_infusionMinutes),
            ObservationDuration.FromMinutes(_observationMinutes),
            new InductionPhase(_inductionCount, _minGap, _maxGap, _allowedDays),
            _maintenance);
}
