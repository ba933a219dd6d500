namespace Scheduler.Domain.Tests.Booking;

/// <summary>
/// One placement against the book. Unless a test says otherwise: New York, open Monday to Friday
/// 08:00–18:00, 15-minute grid and turnover, a 60-minute infusion and 60 minutes observation, so
/// a session holds its chair for 2 h 15 min.
/// </summary>
public class BookingRulesTests
{
    private static readonly LocalDate Monday = Moments.Monday;

    private static LocalTime T(int hour, int minute = 0) => new(hour, minute);

    private static Refusal? Check(TestClinic clinic, BookIndex book, Chair chair, Protocol protocol, LocalDate date, LocalTime time,
        PatientId? patient = null, Instant? now = null) =>
        BookingRules.Check(book, chair, protocol, patient ?? PatientId.New(), clinic.At(date, time), now ?? Moments.Now, out _);

    private static RuleCode CodeOf(Refusal? refusal) => refusal?.Code ?? RuleCode.None;

    // ---- the chair: half-open occupancy, observation and turnover included ----------------------

    [Fact]
    public void Check_OnAnEmptyBook_IsAllowedAndGivesTheWholeFootprint()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().WithInfusion(60).WithObservation(120).Build();
        var start = clinic.At(Monday, T(9));

        var refusal = BookingRules.Check(clinic.Book().Build(), clinic.Chairs[0], protocol, PatientId.New(), start, Moments.Now, out var footprint);

        Assert.Null(refusal);
        Assert.Equal(start, footprint.Start);
        Assert.Equal(start + Duration.FromMinutes(60), footprint.InfusionEnd);
        Assert.Equal(start + Duration.FromMinutes(180), footprint.ObservationEnd);
        Assert.Equal(start + Duration.FromMinutes(195), footprint.TurnoverEnd);
        Assert.False(footprint.ObservationInRecovery);
    }

    [Fact]
    public void Check_WhenBackToBackAfterAnotherSessionsTurnover_IsAllowed()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        var book = clinic.Book().WithSession(chair, Monday, T(9)).Build();

        Assert.Null(Check(clinic, book, chair, protocol, Monday, T(11, 15)));
    }

    [Fact]
    public void Check_WhenItsTurnoverEndsExactlyAsTheNextSessionStarts_IsAllowed()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        var book = clinic.Book().WithSession(chair, Monday, T(11, 15)).Build();

        Assert.Null(Check(clinic, book, chair, protocol, Monday, T(9)));
    }

    [Fact]
    public void Check_WhenChairTakenAtTheSameTime_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        var book = clinic.Book().WithSession(chair, Monday, T(9)).Build();

        var refusal = Check(clinic, book, chair, protocol, Monday, T(9));

        Assert.Equal(RuleCode.ChairTaken, CodeOf(refusal));
        Assert.Contains("Chair 1 is taken from 09:00 to 11:15", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenStartFallsInsideAnotherSessionsObservation_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        // Infusion 09:00–10:00, observation 10:00–11:00, turnover 11:00–11:15.
        var book = clinic.Book().WithSession(chair, Monday, T(9)).Build();

        var refusal = Check(clinic, book, chair, protocol, Monday, T(10, 30));

        Assert.Equal(RuleCode.ChairTaken, CodeOf(refusal));
    }

    [Fact]
    public void Check_WhenStartFallsInsideAnotherSessionsTurnover_IsRefused()
    {
        var clinic = new ClinicBuilder().WithSlotGrid(5).Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        var book = clinic.Book().WithSession(chair, Monday, T(9)).Build();

        var refusal = Check(clinic, book, chair, protocol, Monday, T(11, 10));

        Assert.Equal(RuleCode.ChairTaken, CodeOf(refusal));
    }

    [Fact]
    public void Check_WhenChairTakenDuringObservation_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        // The new infusion would end at 10:00, before the next booking; its observation would not.
        var book = clinic.Book().WithSession(chair, Monday, T(10, 30)).Build();

        var refusal = Check(clinic, book, chair, protocol, Monday, T(9));

        Assert.Equal(RuleCode.ChairTaken, CodeOf(refusal));
        Assert.Contains("09:00–11:15", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenOnlyTheTurnoverCollidesWithTheNextBooking_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        var book = clinic.Book().WithSession(chair, Monday, T(11)).Build();

        Assert.Equal(RuleCode.ChairTaken, CodeOf(Check(clinic, book, chair, protocol, Monday, T(9))));
    }

    [Fact]
    public void Check_WhenTheSameTimeIsTakenOnlyOnAnotherChair_IsAllowed()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), Monday, T(9)).Build();

        Assert.Null(Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(9)));
    }

    [Fact]
    public void Check_WhenAnotherSessionWithALongObservationStillHoldsTheChair_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        // An esketamine-style visit: 45 min infusion, 2 h observation: the chair is held 08:00–11:00.
        var book = clinic.Book().WithSession(chair, Monday, T(8), infusionMinutes: 45, observationMinutes: 120).Build();

        Assert.Equal(RuleCode.ChairTaken, CodeOf(Check(clinic, book, chair, protocol, Monday, T(10, 45))));
        Assert.Null(Check(clinic, book, chair, protocol, Monday, T(11)));
    }

    // ---- opening hours and closures --------------------------------------------------------------

    [Fact]
    public void Check_WhenFootprintEndsExactlyAtClosing_IsAllowed()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();

        Assert.Null(Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(15, 45)));
    }

    [Fact]
    public void Check_WhenObservationRunsPastClosing_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();

        // The infusion (16:30–17:30) fits; observation to 18:30 does not.
        var refusal = Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(16, 30));

        Assert.Equal(RuleCode.OutsideOpeningHours, CodeOf(refusal));
        Assert.Contains("16:30–18:45", refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("08:00–18:00", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenOnlyTheTurnoverRunsPastClosing_IsRefused()
    {
        var clinic = new ClinicBuilder().WithSlotGrid(5).Build();
        var protocol = clinic.Protocol().Build();

        // Infusion and observation end 17:50; turnover to 18:05.
        var refusal = Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(15, 50));

        Assert.Equal(RuleCode.OutsideOpeningHours, CodeOf(refusal));
    }

    [Fact]
    public void Check_WhenStartingBeforeOpening_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();

        Assert.Equal(RuleCode.OutsideOpeningHours, CodeOf(Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(7, 45))));
        Assert.Null(Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(8)));
    }

    [Fact]
    public void Check_WhenTheVisitSpansAMiddayClosing_IsRefused()
    {
        var clinic = new ClinicBuilder()
            .OpenWeekdays(T(8), T(12))
            .OpenWeekdays(T(13), T(18))
            .Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().Build();

        Assert.Equal(RuleCode.OutsideOpeningHours, CodeOf(Check(clinic, book, clinic.Chairs[0], protocol, Monday, T(11))));
        Assert.Null(Check(clinic, book, clinic.Chairs[0], protocol, Monday, T(9, 45)));
        Assert.Null(Check(clinic, book, clinic.Chairs[0], protocol, Monday, T(13)));
    }

    [Fact]
    public void Check_OnAClosureDay_IsRefusedWithItsReason()
    {
        var clinic = new ClinicBuilder().WithClosure(Monday, "Snow day").Build();
        var protocol = clinic.Protocol().Build();

        var refusal = Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(9));

        Assert.Equal(RuleCode.ClinicClosed, CodeOf(refusal));
        Assert.Contains("Snow day", refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("Mon 7 Dec 2026", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OnTheDayAfterAClosure_IsAllowed()
    {
        var clinic = new ClinicBuilder().WithClosure(Monday, "Snow day").Build();
        var protocol = clinic.Protocol().Build();

        Assert.Null(Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday.PlusDays(1), T(9)));
    }

    [Fact]
    public void Check_OnAWeekdayWithoutOpeningHours_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();

        var refusal = Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday.PlusDays(5), T(9));

        Assert.Equal(RuleCode.ClinicClosed, CodeOf(refusal));
        Assert.Contains("Saturday", refusal!.Message, StringComparison.Ordinal);
    }

    // ---- the chair itself --------------------------------------------------------------------------

    [Fact]
    public void Check_WhenChairOutOfServiceWindowOverlaps_IsRefusedWithItsReason()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        // Overlaps only the observation and turnover of a 09:00 session.
        chair.AddOutOfService(clinic.At(Monday, T(10, 30)), clinic.At(Monday, T(12)), "Pump repair");

        var refusal = Check(clinic, clinic.Book().Build(), chair, protocol, Monday, T(9));

        Assert.Equal(RuleCode.ChairOutOfService, CodeOf(refusal));
        Assert.Contains("Pump repair", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenOutOfServiceWindowOnlyTouchesTheFootprint_IsAllowed()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        chair.AddOutOfService(clinic.At(Monday, T(7)), clinic.At(Monday, T(9)), "Deep clean");
        chair.AddOutOfService(clinic.At(Monday, T(11, 15)), clinic.At(Monday, T(13)), "Pump repair");

        Assert.Null(Check(clinic, clinic.Book().Build(), chair, protocol, Monday, T(9)));
    }

    [Fact]
    public void Check_WhenChairInactive_IsRefused()
    {
        var clinic = new ClinicBuilder().WithChair("Chair 1").WithChair("Chair 9", active: false).Build();
        var protocol = clinic.Protocol().Build();

        var refusal = Check(clinic, clinic.Book().Build(), clinic.Chair("Chair 9"), protocol, Monday, T(9));

        Assert.Equal(RuleCode.ChairInactive, CodeOf(refusal));
        Assert.Contains("Chair 9", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenChairOfAnotherKind_IsRefused()
    {
        var clinic = new ClinicBuilder().WithChair("Chair 1").WithChair("Bed 1", "bed").Build();
        var protocol = clinic.Protocol().WithChairKind("recliner").Build();

        var refusal = Check(clinic, clinic.Book().Build(), clinic.Chair("Bed 1"), protocol, Monday, T(9));

        Assert.Equal(RuleCode.WrongChair, CodeOf(refusal));
        Assert.Contains("recliner", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenChairBelongsToAnotherClinic_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var other = new ClinicBuilder().WithName("Hillside").Build();
        var protocol = clinic.Protocol().Build();

        Assert.Equal(RuleCode.WrongChair, CodeOf(Check(clinic, clinic.Book().Build(), other.Chairs[0], protocol, Monday, T(9))));
    }

    // ---- the patient ---------------------------------------------------------------------------------

    [Fact]
    public void Check_WhenPatientAlreadyHasASessionThatDay_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var patient = PatientId.New();
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), Monday, T(8), patient).Build();

        var refusal = Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(14), patient);

        Assert.Equal(RuleCode.PatientAlreadyBooked, CodeOf(refusal));
    }

    [Fact]
    public void Check_WhenPatientHasASessionOnAnotherDay_IsAllowed()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var patient = PatientId.New();
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), Monday, T(9), patient).Build();

        Assert.Null(Check(clinic, book, clinic.Chair("Chair 1"), protocol, Monday.PlusDays(1), T(9), patient));
    }

    // ---- nurses: set-ups in parallel and patients monitored ------------------------------------------

    [Fact]
    public void Check_WhenAsManyStartsAsNursesAlreadySetUpAtThatTime_IsRefused()
    {
        var clinic = new ClinicBuilder().WithNurseShift(T(7), T(19), 1).WithChairs(3).Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), Monday, T(9)).Build();

        var refusal = Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(9));

        Assert.Equal(RuleCode.NurseStartLimit, CodeOf(refusal));
    }

    [Fact]
    public void Check_WhenSetUpWindowsOverlapPartly_IsRefused()
    {
        var clinic = new ClinicBuilder().WithSlotGrid(5).WithNurseShift(T(7), T(19), 1).WithChairs(3).Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), Monday, T(9)).Build();

        Assert.Equal(RuleCode.NurseStartLimit, CodeOf(Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(9, 10))));
        Assert.Equal(RuleCode.NurseStartLimit, CodeOf(Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(8, 50))));
    }

    [Fact]
    public void Check_WhenTheOtherSetUpHasJustEnded_IsAllowed()
    {
        var clinic = new ClinicBuilder().WithNurseShift(T(7), T(19), 1).WithChairs(3).Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), Monday, T(9)).Build();

        Assert.Null(Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(9, 15)));
        Assert.Null(Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(8, 45)));
    }

    [Fact]
    public void Check_WhenAnotherNurseShiftCoversTheStart_AllowsAParallelStart()
    {
        var clinic = new ClinicBuilder()
            .WithNurseShift(T(7), T(19), 1)
            .WithNurseShift(T(8), T(12), 1)
            .WithChairs(3)
            .Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), Monday, T(9))
            .WithSession(clinic.Chair("Chair 1"), Monday, T(14))
            .Build();

        Assert.Null(Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(9)));
        // The second nurse has gone home by 14:00.
        Assert.Equal(RuleCode.NurseStartLimit, CodeOf(Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(14))));
    }

    [Fact]
    public void Check_WhenNoNurseIsOnShiftAtTheStart_IsRefused()
    {
        var clinic = new ClinicBuilder().WithNurseShift(T(12), T(18), 2).Build();
        var protocol = clinic.Protocol().Build();

        Assert.Equal(RuleCode.NurseStartLimit, CodeOf(Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(9))));
    }

    [Fact]
    public void Check_WhenPatientsInfusingOrObservingWouldExceedNursesTimesK_IsRefused()
    {
        var clinic = new ClinicBuilder().WithNurseShift(T(7), T(19), 1).WithPatientsPerNurse(2).WithChairs(3).Build();
        var protocol = clinic.Protocol().Build();
        // Both are observing from 10:00 and 10:15 until 11:00 and 11:15.
        var book = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), Monday, T(9))
            .WithSession(clinic.Chair("Chair 2"), Monday, T(9, 15))
            .Build();

        var refusal = Check(clinic, book, clinic.Chair("Chair 3"), protocol, Monday, T(10, 30));

        Assert.Equal(RuleCode.NurseMonitoringLimit, CodeOf(refusal));
        Assert.Contains("more than 2 patients", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenTheNurseMayMonitorOneMore_IsAllowed()
    {
        var clinic = new ClinicBuilder().WithNurseShift(T(7), T(19), 1).WithPatientsPerNurse(3).WithChairs(3).Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), Monday, T(9))
            .WithSession(clinic.Chair("Chair 2"), Monday, T(9, 15))
            .Build();

        Assert.Null(Check(clinic, book, clinic.Chair("Chair 3"), protocol, Monday, T(10, 30)));
    }

    [Fact]
    public void Check_WhenEarlierPatientsHaveLeftCareByTheStart_IsAllowed()
    {
        var clinic = new ClinicBuilder().WithNurseShift(T(7), T(19), 1).WithPatientsPerNurse(2).WithChairs(3).Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), Monday, T(9))
            .WithSession(clinic.Chair("Chair 2"), Monday, T(9, 15))
            .Build();

        // The 09:00 patient leaves care at 11:00 (half-open), so only one other is monitored from 11:00.
        Assert.Null(Check(clinic, book, clinic.Chair("Chair 3"), protocol, Monday, T(11)));
    }

    [Fact]
    public void Check_WhenANurseLeavesDuringTheVisit_CountsTheNursesLeft()
    {
        var clinic = new ClinicBuilder()
            .WithNurseShift(T(7), T(19), 1)
            .WithNurseShift(T(7), T(10, 30), 1)
            .WithPatientsPerNurse(2)
            .WithChairs(3)
            .Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), Monday, T(9))
            .WithSession(clinic.Chair("Chair 2"), Monday, T(9, 15))
            .Build();

        // At 10:00 two nurses could monitor four; from 10:30 one nurse would have three.
        Assert.Equal(RuleCode.NurseMonitoringLimit, CodeOf(Check(clinic, book, clinic.Chair("Chair 3"), protocol, Monday, T(10))));
    }

    // ---- observation in a recovery area --------------------------------------------------------------

    [Fact]
    public void Check_WhenRecoveryAreaFullDuringTheObservation_IsRefused()
    {
        var clinic = new ClinicBuilder().WithRecoveryArea(1).Build();
        var protocol = clinic.Protocol().Build();
        // Observes in the recovery area 10:00–11:00.
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), Monday, T(9)).Build();

        var refusal = Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(9, 30));

        Assert.Equal(RuleCode.RecoveryAreaFull, CodeOf(refusal));
        Assert.Contains("room for 1", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenRecoveryAreaHasRoom_IsAllowed()
    {
        var clinic = new ClinicBuilder().WithRecoveryArea(2).Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), Monday, T(9)).Build();

        Assert.Null(Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(9, 30)));
    }

    [Fact]
    public void Check_WhenRecoveryPlaceFreesAsTheObservationStarts_IsAllowed()
    {
        var clinic = new ClinicBuilder().WithRecoveryArea(1).Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().WithSession(clinic.Chair("Chair 1"), Monday, T(9)).Build();

        // Observation 11:00–12:00 starts as the other one's ends.
        Assert.Null(Check(clinic, book, clinic.Chair("Chair 2"), protocol, Monday, T(10)));
    }

    [Fact]
    public void Check_WithRecoveryArea_FreesTheChairAfterInfusionAndTurnover()
    {
        var clinic = new ClinicBuilder().WithRecoveryArea(2).Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        var start = clinic.At(Monday, T(9));
        var book = clinic.Book().WithSession(chair, Monday, T(9)).Build();

        BookingRules.Check(clinic.Book().Build(), chair, protocol, PatientId.New(), start, Moments.Now, out var footprint);

        Assert.True(footprint.ObservationInRecovery);
        Assert.Equal(start + Duration.FromMinutes(75), footprint.TurnoverEnd);
        Assert.Equal(start + Duration.FromMinutes(120), footprint.End);
        Assert.Null(Check(clinic, book, chair, protocol, Monday, T(10, 15)));
        Assert.Equal(RuleCode.ChairTaken, CodeOf(Check(clinic, book, chair, protocol, Monday, T(10))));
    }

    [Fact]
    public void Check_WithObservationInTheChair_HoldsTheChairThroughObservation()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var chair = clinic.Chair("Chair 1");
        var book = clinic.Book().WithSession(chair, Monday, T(9)).Build();

        Assert.Equal(RuleCode.ChairTaken, CodeOf(Check(clinic, book, chair, protocol, Monday, T(10, 15))));
    }

    [Fact]
    public void Check_WithRecoveryArea_StillNeedsTheObservationInsideOpeningHours()
    {
        var clinic = new ClinicBuilder().WithRecoveryArea(2).Build();
        var protocol = clinic.Protocol().Build();
        var book = clinic.Book().Build();

        // Chair free at 17:15 or 17:30; observation ends 18:00 or 18:15.
        Assert.Null(Check(clinic, book, clinic.Chairs[0], protocol, Monday, T(16)));
        Assert.Equal(RuleCode.OutsideOpeningHours, CodeOf(Check(clinic, book, clinic.Chairs[0], protocol, Monday, T(16, 15))));
    }

    // ---- when ------------------------------------------------------------------------------------------

    [Fact]
    public void Check_WhenStartIsInThePast_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();
        var now = clinic.At(Monday, T(10));

        var refusal = Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(9, 45), now: now);

        Assert.Equal(RuleCode.InThePast, CodeOf(refusal));
        Assert.Contains("Mon 7 Dec 2026 10:00", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenStartIsExactlyNow_IsAllowed()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();

        Assert.Null(Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(10), now: clinic.At(Monday, T(10))));
    }

    [Fact]
    public void Check_WhenStartIsOnAnEarlierDay_IsRefused()
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();

        Assert.Equal(RuleCode.InThePast, CodeOf(Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, new LocalDate(2026, 11, 20), T(9))));
    }

    [Theory]
    [InlineData(9, 7)]
    [InlineData(9, 10)]
    [InlineData(9, 50)]
    public void Check_WhenStartIsOffTheSlotGrid_IsRefused(int hour, int minute)
    {
        var clinic = new ClinicBuilder().Build();
        var protocol = clinic.Protocol().Build();

        var refusal = Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(hour, minute));

        Assert.Equal(RuleCode.OffGrid, CodeOf(refusal));
        Assert.Contains("15-minute grid", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenStartIsOnAFinerGrid_IsAllowed()
    {
        var clinic = new ClinicBuilder().WithSlotGrid(5).Build();
        var protocol = clinic.Protocol().Build();

        Assert.Null(Check(clinic, clinic.Book().Build(), clinic.Chairs[0], protocol, Monday, T(9, 5)));
    }
}
