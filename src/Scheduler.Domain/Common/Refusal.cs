namespace Scheduler.Domain.Common;

/// <summary>The rule that said no. Each has one meaning; the message says the particulars.</summary>
public enum RuleCode
{
    None = 0,
    InThePast,
    OffGrid,
    ClinicClosed,
    OutsideOpeningHours,
    WrongChair,
    ChairInactive,
    ChairOutOfService,
    ChairTaken,
    PatientAlreadyBooked,
    NurseStartLimit,
    NurseMonitoringLimit,
    RecoveryAreaFull,
    SeriesSpacing,
    WeekdayNotAllowed,
    LifecycleTransition,
    ObservationNotElapsed,
    TooEarly,
    NoPlan,
    ConflictsWithBookedSessions,
}

/// <summary>An expected "no" with a reason a person can act on.</summary>
public sealed record Refusal(RuleCode Code, string Message);
