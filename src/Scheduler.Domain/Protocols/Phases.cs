using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Protocols;

/// <summary>
/// The induction: <see cref="Count"/> sessions, consecutive ones <see cref="MinGapDays"/> to
/// <see cref="MaxGapDays"/> local days apart (both inclusive), each on an allowed weekday.
/// </summary>
public sealed class InductionPhase
{
    public InductionPhase(int count, int minGapDays, int maxGapDays, IEnumerable<IsoDayOfWeek> allowedDays)
    {
        if (count is < 1 or > 30)
            throw new InvalidValueException("induction.count", $"An induction has 1 to 30 sessions, not {count}.");
        // One session per patient per day: consecutive sessions are at least a day apart.
        if (minGapDays is < 1 or > 60)
            throw new InvalidValueException("induction.minGapDays", "The minimum gap between induction sessions is 1 to 60 days.");
        if (maxGapDays < minGapDays || maxGapDays > 60)
            throw new InvalidValueException("induction.maxGapDays", $"The maximum gap must be from {minGapDays} (the minimum) to 60 days.");
        AllowedDays = allowedDays.Distinct().Order().ToArray();
        if (AllowedDays.Count == 0 || AllowedDays.Contains(IsoDayOfWeek.None))
            throw new InvalidValueException("induction.allowedDays", "The induction needs at least one allowed weekday.");
        Count = count;
        MinGapDays = minGapDays;
        MaxGapDays = maxGapDays;
    }

    public int Count { get; }
    public int MinGapDays { get; }
    public int MaxGapDays { get; }
    public IReadOnlyList<IsoDayOfWeek> AllowedDays { get; }
}

/// <summary>
/// Boosters after the induction, each <see cref="MinIntervalDays"/> to <see cref="MaxIntervalDays"/>
/// days after the session before it. <see cref="Count"/> null means open-ended.
/// </summary>
public sealed class MaintenancePhase
{
    public MaintenancePhase(int minIntervalDays, int maxIntervalDays, int? count)
    {
        if (minIntervalDays is < 1 or > 365)
            throw new InvalidValueException("maintenance.minIntervalDays", "The minimum booster interval is 1 to 365 days.");
        if (maxIntervalDays < minIntervalDays || maxIntervalDays > 365)
            throw new InvalidValueException("maintenance.maxIntervalDays", $"The maximum booster interval must be from {minIntervalDays} to 365 days.");
        if (count is < 0 or > 52)
            throw new InvalidValueException("maintenance.count", "A maintenance phase has 0 to 52 boosters, or none given for open-ended.");
        MinIntervalDays = minIntervalDays;
        MaxIntervalDays = maxIntervalDays;
        Count = count;
    }

    public int MinIntervalDays { get; }
    public int MaxIntervalDays { get; }
    public int? Count { get; }
    public bool OpenEnded => Count is null;
}
