namespace Scheduler.Domain.Tests.Builders;

/// <summary>
/// A planner request with sensible defaults: a new patient, the first session from
/// <see cref="Moments.Monday"/>, no preferences, the protocol's own number of boosters, three
/// proposals, and 28 days to find the first session in.
/// </summary>
public sealed class PlanRequestBuilder
{
    private readonly Protocol _protocol;
    private PatientId _patient = PatientId.New();
    private LocalDate _earliest = Moments.Monday;
    private Availability _preferences = Availability.Any;
    private int? _boosters;
    private int _maxProposals = 3;
    private int _searchDays = 28;

    public PlanRequestBuilder(Protocol protocol) => _protocol = protocol;

    public PlanRequestBuilder ForPatient(PatientId patient)
    {
        _patient = patient;
        return this;
    }

    public PlanRequestBuilder From(LocalDate earliest)
    {
        _earliest = earliest;
        return this;
    }

    public PlanRequestBuilder Preferring(IsoDayOfWeek[]? days = null, LocalTime? earliestStart = null, LocalTime? latestEnd = null)
    {
        _preferences = new Availability(days, earliestStart, latestEnd);
        return this;
    }

    public PlanRequestBuilder WithBoosters(int? boosters)
    {
        _boosters = boosters;
        return this;
    }

    public PlanRequestBuilder WithMaxProposals(int proposals)
    {
        _maxProposals = proposals;
        return this;
    }

    public PlanRequestBuilder SearchingFirstSessionFor(int days)
    {
        _searchDays = days;
        return this;
    }

    public PlanRequest Build() => new(_patient, _protocol, _earliest, _preferences, _boosters, _maxProposals, _searchDays);
}
