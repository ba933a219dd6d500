namespace Scheduler.Domain.Planning;

/// <summary>
/// What the planner minimises, written down. A proposal's cost is the weighted sum of:
/// <list type="number">
/// <item>days from the earliest date to the last induction session (finish the induction early);</item>
/// <item>days each booster is later than the earliest day its interval allows;</item>
/// <item>sessions outside the patient's preferred weekdays and times;</item>
/// <item>chair changes between consecutive sessions (same chair across the series);</item>
/// <item>hours each start is away from the first session's time of day (same time across the series),
/// counted up to <see cref="MaxHoursOffFirstStart"/> a session;</item>
/// <item>gaps left on a chair too short for any session (45 min infusion + 60 min observation + turnover);</item>
/// <item>nurse set-ups already running at a chosen start (level the starts through the day).</item>
/// </list>
/// The weights put the order above into numbers: a day sooner for the induction is worth more than
/// any one session's chair change, time-of-day drift, gaps or crowding; only a session outside the
/// patient's preferences costs more (one and a half days).
/// </summary>
public static class PlanObjective
{
    public const double PerInductionDay = 10;
    public const double PerBoosterDayLate = 2;
    public const double PerSessionOutsidePreferences = 15;
    public const double PerChairChange = 3;
    public const double PerHourOffFirstStart = 2;

    /// <summary>Caps the time-of-day term of one session below a day of induction (4 h × 2 &lt; 10).</summary>
    public const double MaxHoursOffFirstStart = 4;
    public const double PerUnusableGap = 1;
    public const double PerCrowdedStart = 0.5;

    public static double Cost(int inductionDays, int boosterDaysLate, int outsidePreferences, int chairChanges,
        double hoursOffFirstStart, int unusableGaps, int crowdedStarts) =>
        PerInductionDay * inductionDays
        + PerBoosterDayLate * boosterDaysLate
        + PerSessionOutsidePreferences * outsidePreferences
        + PerChairChange * chairChanges
        + PerHourOffFirstStart * hoursOffFirstStart
        + PerUnusableGap * unusableGaps
        + PerCrowdedStart * crowdedStarts;
}
