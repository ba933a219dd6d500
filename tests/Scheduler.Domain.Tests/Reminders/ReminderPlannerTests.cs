using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

/// <summary>Sessions in the default New York clinic, booked at <see cref="Moments.Now"/> unless a test says otherwise.</summary>
public class ReminderPlannerTests
{
    private static readonly TestClinic Clinic = new ClinicBuilder().Build();

    private static PlannedReminder Single(IReadOnlyList<PlannedReminder> plan, ReminderKind kind) => plan.Single(p => p.Kind == kind);

    private static IReadOnlyList<PlannedReminder> Plan(Instant session, ReminderPolicy? policy = null, Instant? now = null) =>
        ReminderPlanner.Plan(session, Clinic.Zone, policy ?? ReminderPolicy.Default, now ?? Moments.Now);

    [Fact]
    public void Plan_SessionWellAhead_SchedulesAllThreeAtTheirNominalTimes()
    {
        var session = Clinic.At(Moments.Monday, 11);

        var plan = Plan(session);

        Assert.All(plan, p => Assert.True(p.IsScheduled));
        Assert.Equal(Clinic.At(Moments.Monday.PlusDays(-3), 11), Single(plan, ReminderKind.Confirm).Due);
        Assert.Equal(Clinic.At(Moments.Monday.PlusDays(-1), 11), Single(plan, ReminderKind.Prepare).Due);
        Assert.Equal(Clinic.At(Moments.Monday, 9), Single(plan, ReminderKind.SameDay).Due);
    }

    [Fact]
    public void Plan_ReminderDueAtHalfPastSeven_GoesAtNine()
    {
        var session = Clinic.At(Moments.Monday, 9, 30);

        var sameDay = Single(Plan(session), ReminderKind.SameDay);

        Assert.Equal(Clinic.At(Moments.Monday, 7, 30), sameDay.Nominal);
        Assert.Equal(Clinic.At(Moments.Monday, 9), sameDay.Due);
    }

    [Fact]
    public void Plan_ReminderDueAtNinePm_GoesAtNineTheNextMorningWhenThatIsBeforeTheSession()
    {
        var policy = new ReminderPolicyBuilder().WithOnly(ReminderKind.Prepare, Duration.FromHours(13)).Build();
        var session = Clinic.At(Moments.Monday, 10);

        var prepare = Single(Plan(session, policy), ReminderKind.Prepare);

        Assert.Equal(Clinic.At(Moments.Monday.PlusDays(-1), 21), prepare.Nominal);
        Assert.Equal(Clinic.At(Moments.Monday, 9), prepare.Due);
    }

    [Fact]
    public void Plan_ReminderDueAtNinePm_IsSuppressedWhenNineTheNextMorningIsTheSessionStart()
    {
        var policy = new ReminderPolicyBuilder().WithOnly(ReminderKind.Prepare, Duration.FromHours(12)).Build();
        var session = Clinic.At(Moments.Monday, 9);

        var prepare = Single(Plan(session, policy), ReminderKind.Prepare);

        Assert.False(prepare.IsScheduled);
        Assert.Equal(SuppressionReason.QuietHours, prepare.Suppression!.Reason);
    }

    [Fact]
    public void Plan_ReminderDueAtEightPmExactly_IsInQuietHours()
    {
        var policy = new ReminderPolicyBuilder().WithOnly(ReminderKind.Prepare, Duration.FromHours(14)).Build();
        var session = Clinic.At(Moments.Monday, 10);

        Assert.Equal(Clinic.At(Moments.Monday, 9), Single(Plan(session, policy), ReminderKind.Prepare).Due);
    }

    [Fact]
    public void Plan_ClinicWithOwnQuietHours_UsesThem()
    {
        var policy = new ReminderPolicyBuilder().WithQuietHours(10, 18).Build();
        var session = Clinic.At(Moments.Monday, 11);

        Assert.Equal(Clinic.At(Moments.Monday, 10), Single(Plan(session, policy), ReminderKind.SameDay).Due);
    }

    [Fact]
    public void Plan_SessionBookedTwoHoursAhead_SendsOnlyTheSameDayReminderNow()
    {
        var now = Clinic.At(Moments.Monday, 10);
        var session = Clinic.At(Moments.Monday, 12);

        var plan = Plan(session, now: now);

        Assert.Equal(now, Single(plan, ReminderKind.SameDay).Due);
        Assert.Equal(SuppressionReason.Superseded, Single(plan, ReminderKind.Confirm).Suppression!.Reason);
        Assert.Equal(SuppressionReason.Superseded, Single(plan, ReminderKind.Prepare).Suppression!.Reason);
    }

    [Fact]
    public void Plan_SessionBookedTwentyHoursAhead_SendsThePreparationNowAndTheSameDayOneLater()
    {
        var now = Clinic.At(Moments.Monday.PlusDays(-1), 15);
        var session = Clinic.At(Moments.Monday, 11);

        var plan = Plan(session, now: now);

        Assert.Equal(SuppressionReason.Superseded, Single(plan, ReminderKind.Confirm).Suppression!.Reason);
        Assert.Equal(now, Single(plan, ReminderKind.Prepare).Due);
        Assert.Equal(Clinic.At(Moments.Monday, 9), Single(plan, ReminderKind.SameDay).Due);
    }

    [Fact]
    public void Plan_SessionBookedTwoDaysAhead_SendsTheOverdueConfirmationNow()
    {
        var now = Clinic.At(Moments.Monday.PlusDays(-2), 14);
        var session = Clinic.At(Moments.Monday, 11);

        var plan = Plan(session, now: now);

        Assert.Equal(now, Single(plan, ReminderKind.Confirm).Due);
        Assert.Equal(Clinic.At(Moments.Monday.PlusDays(-1), 11), Single(plan, ReminderKind.Prepare).Due);
    }

    [Fact]
    public void Plan_OverdueReminderBookedInQuietHours_GoesWhenTheyEnd()
    {
        var now = Clinic.At(Moments.Monday.PlusDays(-2), 21, 30);
        var session = Clinic.At(Moments.Monday, 11);

        var plan = Plan(session, now: now);

        Assert.Equal(Clinic.At(Moments.Monday.PlusDays(-1), 9), Single(plan, ReminderKind.Confirm).Due);
        Assert.Equal(Clinic.At(Moments.Monday.PlusDays(-1), 11), Single(plan, ReminderKind.Prepare).Due);
    }

    [Fact]
    public void Plan_OverdueReminderMovedByQuietHoursToTheNextReminder_IsSuperseded()
    {
        var now = Clinic.At(Moments.Monday.PlusDays(-1), 20, 30);
        var session = Clinic.At(Moments.Monday, 11);

        var plan = Plan(session, now: now);

        Assert.Equal(SuppressionReason.Superseded, Single(plan, ReminderKind.Prepare).Suppression!.Reason);
        Assert.Equal(Clinic.At(Moments.Monday, 9), Single(plan, ReminderKind.SameDay).Due);
        Assert.Single(plan, p => p.IsScheduled);
    }

    [Fact]
    public void Plan_SessionAlreadyStarted_SuppressesEverything()
    {
        var session = Clinic.At(Moments.Monday, 11);

        var plan = Plan(session, now: session);

        Assert.All(plan, p => Assert.Equal(SuppressionReason.InThePast, p.Suppression!.Reason));
    }

    [Fact]
    public void Plan_RunAgainAfterARestart_KeepsTheTimesOfRemindersNotYetDue()
    {
        var session = Clinic.At(Moments.Monday, 11);
        var afterConfirm = Clinic.At(Moments.Monday.PlusDays(-2), 8);

        var first = Plan(session);
        var again = Plan(session, now: afterConfirm);

        Assert.Equal(Single(first, ReminderKind.Prepare).Due, Single(again, ReminderKind.Prepare).Due);
        Assert.Equal(Single(first, ReminderKind.SameDay).Due, Single(again, ReminderKind.SameDay).Due);
    }
}
