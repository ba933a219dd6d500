using NodaTime;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Domain.Planning;

public sealed record PlannedSession(int Ordinal, SeriesPhase Phase, ChairId Chair, string ChairName, LocalDateTime LocalStart, SessionFootprint Footprint);

/// <summary>The terms of <see cref="PlanObjective"/> for one proposal; <see cref="Cost"/> is their weighted sum.</summary>
public sealed record PlanScore(
    int InductionDays,
    int BoosterDaysLate,
    int OutsidePreferences,
    int ChairChanges,
    double HoursOffFirstStart,
    int UnusableGaps,
    int CrowdedStarts,
    double Cost);

/// <summary>A complete series: every session placed and checked.</summary>
public sealed record Proposal(int Rank, IReadOnlyList<PlannedSession> Sessions, PlanScore Score, IReadOnlyList<string> Reasons);

/// <summary>Why no series could be planned: the session that cannot be placed and the rule that stops it.</summary>
public sealed record PlanFailure(int Ordinal, int Total, RuleCode Rule, string Explanation);

public sealed record PlanResult(IReadOnlyList<Proposal> Proposals, PlanFailure? Failure)
{
    public bool Found => Proposals.Count > 0;
}
