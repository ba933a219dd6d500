namespace Scheduler.Domain.Tests.Series;

/// <summary>The first session of a built series: Monday 7 December 2026 09:00 in New York, 60 + 60 minutes.</summary>
public class SessionTests
{
    private static readonly Duration Grace = Duration.FromMinutes(15);

    private static Session NewSession(int observationMinutes = 60) =>
        new SeriesBuilder().WithObservation(observationMinutes).Build().Sessions[0];

    private static Instant Start(Session session) => session.Footprint.Start;

    /// <summary>Walks the session to <paramref name="target"/> along the allowed path, each step on time.</summary>
    private static Session At(SessionStatus target, int observationMinutes = 60)
    {
        var session = NewSession(observationMinutes);
        var start = Start(session);
        var steps = new (SessionStatus Reached, Func<Refusal?> Step)[]
        {
            (SessionStatus.Confirmed, () => session.Confirm(Moments.Now)),
            (SessionStatus.CheckedIn, () => session.CheckIn(start - Duration.FromMinutes(20))),
            (SessionStatus.Infusing, () => session.StartInfusion(start)),
            (SessionStatus.Observing, () => session.StartObservation(start + Duration.FromMinutes(60))),
            (SessionStatus.Completed, () => session.Complete(start + Duration.FromMinutes(60 + observationMinutes))),
        };
        foreach (var (reached, step) in steps)
        {
            if (session.Status == target)
                break;
            Assert.Null(step());
            Assert.Equal(reached, session.Status);
        }
        return session;
    }

    [Fact]
    public void Lifecycle_AlongTheAllowedPath_ReachesCompletedAndRecordsEachMoment()
    {
        var session = NewSession();
        var start = Start(session);

        Assert.Equal(SessionStatus.Booked, session.Status);
        Assert.Null(session.Confirm(Moments.Now));
        Assert.Equal(SessionStatus.Confirmed, session.Status);
        Assert.Null(session.CheckIn(start - Duration.FromMinutes(20)));
        Assert.Equal(SessionStatus.CheckedIn, session.Status);
        Assert.Null(session.StartInfusion(start + Duration.FromMinutes(5)));
        Assert.Equal(SessionStatus.Infusing, session.Status);
        Assert.Null(session.StartObservation(start + Duration.FromMinutes(65)));
        Assert.Equal(SessionStatus.Observing, session.Status);
        Assert.Null(session.Complete(start + Duration.FromMinutes(125)));
        Assert.Equal(SessionStatus.Completed, session.Status);

        Assert.Equal(Moments.Now, session.ConfirmedAt);
        Assert.Equal(start - Duration.FromMinutes(20), session.CheckedInAt);
        Assert.Equal(start + Duration.FromMinutes(5), session.InfusionStartedAt);
        Assert.Equal(start + Duration.FromMinutes(65), session.ObservationStartedAt);
        Assert.Equal(start + Duration.FromMinutes(125), session.CompletedAt);
    }

    [Fact]
    public void CheckIn_WhenNeverConfirmed_IsAllowed()
    {
        var session = NewSession();

        Assert.Null(session.CheckIn(Start(session) - Duration.FromMinutes(10)));
        Assert.Equal(SessionStatus.CheckedIn, session.Status);
    }

    [Fact]
    public void Confirm_WhenAlreadyConfirmed_IsAcceptedAndKeepsTheFirstMoment()
    {
        var session = NewSession();
        session.Confirm(Moments.Now);

        Assert.Null(session.Confirm(Moments.Now + Duration.FromDays(1)));
        Assert.Equal(Moments.Now, session.ConfirmedAt);
    }

    [Fact]
    public void Complete_WhenBooked_IsRefusedAsALifecycleTransition()
    {
        var session = NewSession();

        var refusal = session.Complete(Start(session) + Duration.FromHours(3));

        Assert.Equal(RuleCode.LifecycleTransition, refusal?.Code);
        Assert.Contains("Session 1 is booked", refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("observing", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Booked, session.Status);
        Assert.Null(session.CompletedAt);
    }

    [Theory]
    [InlineData(SessionStatus.Booked)]
    [InlineData(SessionStatus.Confirmed)]
    public void StartInfusion_BeforeCheckIn_IsRefusedAsALifecycleTransition(SessionStatus status)
    {
        var session = At(status);

        var refusal = session.StartInfusion(Start(session));

        Assert.Equal(RuleCode.LifecycleTransition, refusal?.Code);
        Assert.Contains("checked in", refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(status, session.Status);
        Assert.Null(session.InfusionStartedAt);
    }

    [Theory]
    [InlineData(SessionStatus.Booked)]
    [InlineData(SessionStatus.CheckedIn)]
    [InlineData(SessionStatus.Observing)]
    public void StartObservation_WhenNotInfusing_IsRefused(SessionStatus status)
    {
        var session = At(status);

        Assert.Equal(RuleCode.LifecycleTransition, session.StartObservation(Start(session) + Duration.FromHours(1))?.Code);
        Assert.Equal(status, session.Status);
    }

    [Theory]
    [InlineData(SessionStatus.CheckedIn)]
    [InlineData(SessionStatus.Infusing)]
    [InlineData(SessionStatus.Completed)]
    public void Confirm_AfterCheckIn_IsRefused(SessionStatus status)
    {
        var session = At(status);

        Assert.Equal(RuleCode.LifecycleTransition, session.Confirm(Moments.Now)?.Code);
        Assert.Equal(status, session.Status);
    }

    [Theory]
    [InlineData(SessionStatus.Infusing)]
    [InlineData(SessionStatus.Observing)]
    [InlineData(SessionStatus.Completed)]
    public void Cancel_OnceTheInfusionHasStarted_IsRefused(SessionStatus status)
    {
        var session = At(status);

        Assert.Equal(RuleCode.LifecycleTransition, session.Cancel(Moments.Now, "Patient unwell")?.Code);
        Assert.Equal(status, session.Status);
        Assert.Null(session.EndReason);
    }

    [Theory]
    [InlineData(SessionStatus.Booked)]
    [InlineData(SessionStatus.Confirmed)]
    [InlineData(SessionStatus.CheckedIn)]
    public void Cancel_BeforeTheInfusion_EndsTheSessionWithItsReason(SessionStatus status)
    {
        var session = At(status);
        var at = Start(session) - Duration.FromMinutes(5);

        Assert.Null(session.Cancel(at, "  Patient unwell "));

        Assert.Equal(SessionStatus.Cancelled, session.Status);
        Assert.Equal(at, session.EndedAt);
        Assert.Equal("Patient unwell", session.EndReason);
    }

    [Fact]
    public void Cancel_WhenAlreadyCancelled_IsRefused()
    {
        var session = NewSession();
        session.Cancel(Moments.Now, "Patient unwell");

        Assert.Equal(RuleCode.LifecycleTransition, session.Cancel(Moments.Now, "Again")?.Code);
        Assert.Equal("Patient unwell", session.EndReason);
    }

    [Fact]
    public void Cancel_WithoutAReason_ThrowsAndLeavesTheSessionAsItWas()
    {
        var session = NewSession();

        Assert.Throws<InvalidValueException>(() => session.Cancel(Moments.Now, " "));

        Assert.Equal(SessionStatus.Booked, session.Status);
        Assert.Null(session.EndedAt);
    }

    [Fact]
    public void Complete_BeforeTheObservationHasRunInFull_IsRefused()
    {
        var session = At(SessionStatus.Observing);
        var observing = session.ObservationStartedAt!.Value;

        var refusal = session.Complete(observing + Duration.FromMinutes(59));

        Assert.Equal(RuleCode.ObservationNotElapsed, refusal?.Code);
        Assert.Contains("Observation lasts 1 h; it has run 59 min", refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Observing, session.Status);
        Assert.Null(session.CompletedAt);
    }

    [Fact]
    public void Complete_WhenTheObservationHasRunInFull_IsAllowed()
    {
        var session = At(SessionStatus.Observing);

        Assert.Null(session.Complete(session.ObservationStartedAt!.Value + Duration.FromMinutes(60)));
        Assert.Equal(SessionStatus.Completed, session.Status);
    }

    [Fact]
    public void Complete_WithATwoHourObservation_WaitsTheWholeTwoHours()
    {
        var session = At(SessionStatus.Observing, observationMinutes: 120);
        var observing = session.ObservationStartedAt!.Value;

        Assert.Equal(RuleCode.ObservationNotElapsed, session.Complete(observing + Duration.FromMinutes(90))?.Code);
        Assert.Null(session.Complete(observing + Duration.FromMinutes(120)));
    }

    [Fact]
    public void Complete_WhenObservationStartedLate_CountsFromWhenItStarted()
    {
        var session = At(SessionStatus.Infusing);
        var lateObservation = Start(session) + Duration.FromMinutes(80);
        session.StartObservation(lateObservation);

        // The booked observation would have ended at start + 120 min; the patient has observed only 40.
        Assert.Equal(RuleCode.ObservationNotElapsed, session.Complete(Start(session) + Duration.FromMinutes(120))?.Code);
        Assert.Null(session.Complete(lateObservation + Duration.FromMinutes(60)));
    }

    [Fact]
    public void CheckIn_MoreThanTwelveHoursBeforeTheStart_IsRefused()
    {
        var session = NewSession();

        var refusal = session.CheckIn(Start(session) - Duration.FromHours(13));

        Assert.Equal(RuleCode.TooEarly, refusal?.Code);
        Assert.Equal(SessionStatus.Booked, session.Status);
    }

    [Fact]
    public void MarkNoShow_BeforeTheGracePeriodHasPassed_IsRefused()
    {
        var session = NewSession();

        var refusal = session.MarkNoShow(Start(session) + Grace - Duration.FromMinutes(1), Grace, "Did not arrive");

        Assert.Equal(RuleCode.TooEarly, refusal?.Code);
        Assert.Contains("15 min", refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Booked, session.Status);
    }

    [Fact]
    public void MarkNoShow_OnceTheGracePeriodHasPassed_EndsTheSession()
    {
        var session = At(SessionStatus.Confirmed);
        var at = Start(session) + Grace;

        Assert.Null(session.MarkNoShow(at, Grace, "Did not arrive"));

        Assert.Equal(SessionStatus.NoShow, session.Status);
        Assert.Equal(at, session.EndedAt);
        Assert.Equal("Did not arrive", session.EndReason);
    }

    [Fact]
    public void MarkNoShow_WhenThePatientHasCheckedIn_IsRefused()
    {
        var session = At(SessionStatus.CheckedIn);

        Assert.Equal(RuleCode.LifecycleTransition, session.MarkNoShow(Start(session) + Duration.FromHours(1), Grace, "Did not arrive")?.Code);
        Assert.Equal(SessionStatus.CheckedIn, session.Status);
    }

    [Fact]
    public void MarkNoShow_WithoutAReason_ThrowsAndLeavesTheSessionAsItWas()
    {
        var session = NewSession();

        Assert.Throws<InvalidValueException>(() => session.MarkNoShow(Start(session) + Duration.FromHours(1), Grace, ""));

        Assert.Equal(SessionStatus.Booked, session.Status);
        Assert.Null(session.EndedAt);
    }

    [Fact]
    public void MoveTo_ResetsTheConfirmation()
    {
        var clinic = new ClinicBuilder().Build();
        var session = new SeriesBuilder(clinic).Build().Sessions[0];
        session.Confirm(Moments.Now);
        var later = SessionFootprint.Of(clinic.At(Moments.Monday, 13), Duration.FromMinutes(60), Duration.FromMinutes(60), clinic.Settings);

        Assert.Null(session.MoveTo(clinic.Chair("Chair 2").Id, later));

        Assert.Equal(SessionStatus.Booked, session.Status);
        Assert.Null(session.ConfirmedAt);
        Assert.Equal(clinic.Chair("Chair 2").Id, session.ChairId);
        Assert.Equal(later, session.Footprint);
    }

    [Theory]
    [InlineData(SessionStatus.CheckedIn)]
    [InlineData(SessionStatus.Completed)]
    public void MoveTo_OnceCheckedIn_IsRefusedAndKeepsThePlace(SessionStatus status)
    {
        var clinic = new ClinicBuilder().Build();
        var session = At(status);
        var before = session.Footprint;
        var later = SessionFootprint.Of(clinic.At(Moments.Monday, 13), Duration.FromMinutes(60), Duration.FromMinutes(60), clinic.Settings);

        Assert.Equal(RuleCode.LifecycleTransition, session.MoveTo(clinic.Chair("Chair 2").Id, later)?.Code);

        Assert.Equal(status, session.Status);
        Assert.Equal(before, session.Footprint);
    }

    [Fact]
    public void MoveTo_AfterCancel_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var session = NewSession();
        session.Cancel(Moments.Now, "Patient unwell");
        var later = SessionFootprint.Of(clinic.At(Moments.Monday, 13), Duration.FromMinutes(60), Duration.FromMinutes(60), clinic.Settings);

        Assert.Equal(RuleCode.LifecycleTransition, session.MoveTo(clinic.Chair("Chair 2").Id, later)?.Code);
        Assert.Equal(SessionStatus.Cancelled, session.Status);
    }
}
