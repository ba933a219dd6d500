using NodaTime;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;

namespace Scheduler.Domain.Planning;

/// <summary>What front desk asks the planner: a whole series of a protocol for a patient.</summary>
public sealed class PlanRequest
{
    /// <summary>Boosters planned ahead for an open-ended maintenance phase when none are asked for.</summary>
    public const int DefaultOpenEndedBoosters = 3;

    public PlanRequest(PatientId patient, Protocol protocol, LocalDate earliestDate, Availability preferences,
        int? boosters = null, int maxProposals = 3, int firstSessionSearchDays = 28)
    {
        Patient = patient;
        Protocol = protocol;
        EarliestDate = earliestDate;
        Preferences = preferences;
        var maintenance = protocol.Maintenance;
        if (boosters is < 0 or > 52)
            throw new InvalidValueException("boosters", "Between 0 and 52 boosters can be planned.");
        if (boosters > 0 && maintenance is null)
            throw new InvalidValueException("boosters", "This protocol has no maintenance phase, so no boosters can be planned.");
        if (boosters is { } b && maintenance?.Count is { } fixedCount && b > fixedCount)
            throw new InvalidValueException("boosters", $"This protocol has {fixedCount} boosters; {b} were asked for.");
        Boosters = boosters ?? (maintenance is null ? 0 : maintenance.Count ?? DefaultOpenEndedBoosters);
        if (maxProposals is < 1 or > 10)
            throw new InvalidValueException("maxProposals", "Between 1 and 10 proposals can be asked for.");
        MaxProposals = maxProposals;
        if (firstSessionSearchDays is < 1 or > 180)
            throw new InvalidValueException("searchDays", "The first session can be searched for over 1 to 180 days.");
        FirstSessionSearchDays = firstSessionSearchDays;
    }

    public PatientId Patient { get; }
    public Protocol Protocol { get; }

    /// <summary>The first local day the first session may be on.</summary>
    public LocalDate EarliestDate { get; }

    public Availability Preferences { get; }
    public int Boosters { get; }
    public int MaxProposals { get; }

    /// <summary>How many days from <see cref="EarliestDate"/> the first session may be looked for.</summary>
    public int FirstSessionSearchDays { get; }

    public int SessionCount => Protocol.Induction.Count + Boosters;
}
