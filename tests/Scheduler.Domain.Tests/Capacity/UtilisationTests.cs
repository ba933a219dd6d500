using Scheduler.Domain.Capacity;

namespace Scheduler.Domain.Tests.Capacity;

/// <summary>
/// Utilisation of a two-chair clinic (open Mon–Fri 08:00–18:00, 15 min turnover) worked out by
/// hand, then the same figures from <see cref="Utilisation.Compute"/>.
/// </summary>
public class UtilisationTests
{
    private static readonly LocalDate Monday = Moments.Monday; // Mon 7 Dec 2026

    private static SessionRecord Record(TestClinic clinic, string chair, LocalDate date, int hour, int minute, int infusion, int observation,
        SessionStatus status = SessionStatus.Booked) =>
        new(clinic.Chair(chair).Id, status,
            SessionFootprint.Of(clinic.At(date, hour, minute), Duration.FromMinutes(infusion), Duration.FromMinutes(observation), clinic.Settings));

    /// <summary>
    /// Monday: Chair 1 has 09:00 45+60 (120 min with turnover) and 12:00 240+60 (315 min); Chair 2 has
    /// 10:00 45+60 (120 min) and a cancelled 12:00, and is out of service 16:00–18:00 (480 open minutes).
    /// </summary>
    private static (TestClinic Clinic, List<SessionRecord> Sessions) SmallClinicMonday()
    {
        var clinic = new ClinicBuilder().Build();
        clinic.Chair("Chair 2").AddOutOfService(clinic.At(Monday, 16), clinic.At(Monday, 18), "Pump service");
        var sessions = new List<SessionRecord>
        {
            Record(clinic, "Chair 1", Monday, 9, 0, 45, 60),
            Record(clinic, "Chair 1", Monday, 12, 0, 240, 60),
            Record(clinic, "Chair 2", Monday, 10, 0, 45, 60),
            Record(clinic, "Chair 2", Monday, 12, 0, 45, 60, SessionStatus.Cancelled),
        };
        return (clinic, sessions);
    }

    [Fact]
    public void Compute_ABookedDay_MatchesTheFiguresWorkedOutByHand()
    {
        var (clinic, sessions) = SmallClinicMonday();

        var report = Utilisation.Compute(clinic.Settings, clinic.Chairs, Monday, Monday, sessions, Moments.Now);

        var chair1 = report.Chairs.Single(c => c.ChairName == "Chair 1").Figures.Booked;
        Assert.Equal(new Usage(600, 285, 120, 30, 165, 72.5, 2), chair1);
        var chair2 = report.Chairs.Single(c => c.ChairName == "Chair 2").Figures.Booked;
        Assert.Equal(new Usage(480, 45, 60, 15, 360, 25.0, 1), chair2);
        // The clinic: 555 of 1,080 open chair-minutes = 51.4%.
        Assert.Equal(new Usage(1080, 330, 180, 45, 525, 51.4, 3), report.Clinic.Booked);
        Assert.Equal(report.Clinic.Booked, report.Days.Single().Figures.Booked);
        Assert.Equal(report.Clinic.Booked, report.Weeks.Single().Figures.Booked);
        Assert.Equal(Monday, report.Weeks.Single().Monday);
        Assert.Null(report.Clinic.Actual); // a future day has no actual figures
        Assert.Equal(2, report.ChairDays.Count);
    }

    [Fact]
    public void Compute_TheHeatmap_PutsEachChairMinuteUnderItsWeekdayAndHour()
    {
        var (clinic, sessions) = SmallClinicMonday();

        var heat = Utilisation.Compute(clinic.Settings, clinic.Chairs, Monday, Monday, sessions, Moments.Now).Heatmap
            .Where(h => h.Weekday == IsoDayOfWeek.Monday).ToDictionary(h => h.Hour);

        // 09:00: Chair 1 infusing (of 2 open chair-hours). 10:00: Chair 1 observing then turning over, Chair 2 infusing then observing.
        Assert.Equal(new HeatCell(IsoDayOfWeek.Monday, 9, 120, 60, 50.0), heat[9]);
        Assert.Equal(new HeatCell(IsoDayOfWeek.Monday, 10, 120, 120, 100.0), heat[10]);
        Assert.Equal(new HeatCell(IsoDayOfWeek.Monday, 11, 120, 60, 50.0), heat[11]);
        Assert.Equal(new HeatCell(IsoDayOfWeek.Monday, 16, 60, 60, 100.0), heat[16]); // Chair 2 is out of service
        Assert.Equal(new HeatCell(IsoDayOfWeek.Monday, 17, 60, 15, 25.0), heat[17]); // Chair 1's last turnover, 17:00–17:15
        Assert.Equal(10, heat.Count); // 08:00 to 18:00
        Assert.Equal(1080, heat.Values.Sum(h => h.OpenMinutes));
        Assert.Equal(555, heat.Values.Sum(h => h.OccupiedMinutes));
    }

    [Fact]
    public void Compute_APastDay_PutsActualTimesAndAttendanceBesideTheBook()
    {
        var (clinic, sessions) = SmallClinicMonday();
        var now = clinic.At(Monday.PlusDays(1), 12);
        var early = sessions[0];
        sessions[0] = early with
        {
            Status = SessionStatus.Completed,
            CheckedInAt = clinic.At(Monday, 8, 50),
            InfusionStartedAt = clinic.At(Monday, 9, 10),
            ObservationStartedAt = clinic.At(Monday, 9, 58),
            CompletedAt = clinic.At(Monday, 11, 0),
        };
        sessions[1] = sessions[1] with { Status = SessionStatus.NoShow, EndedAt = clinic.At(Monday, 12, 30) };
        sessions[2] = sessions[2] with
        {
            Status = SessionStatus.Completed,
            InfusionStartedAt = clinic.At(Monday, 10, 5),
            ObservationStartedAt = clinic.At(Monday, 10, 50),
            CompletedAt = clinic.At(Monday, 11, 50),
        };
        sessions[3] = sessions[3] with { EndedAt = clinic.At(Monday, 8, 0) }; // cancelled four hours before: late
        sessions.Add(Record(clinic, "Chair 2", Monday, 13, 0, 45, 60, SessionStatus.Cancelled) with { EndedAt = clinic.At(Monday.PlusDays(-6), 9) });
        sessions.Add(Record(clinic, "Chair 1", Monday, 8, 0, 45, 60, SessionStatus.Cancelled) with { EndedAt = clinic.At(Monday, 7), EndedByClinic = true });

        var report = Utilisation.Compute(clinic.Settings, clinic.Chairs, Monday, Monday, sessions, now);

        var chair1 = report.Chairs.Single(c => c.ChairName == "Chair 1").Figures;
        Assert.Equal(new Usage(600, 285, 120, 30, 165, 72.5, 2), chair1.Booked); // the no-show held its time in the book
        Assert.Equal(new Usage(600, 48, 62, 15, 475, 20.8, 1), chair1.Actual);
        var chair2 = report.Chairs.Single(c => c.ChairName == "Chair 2").Figures;
        Assert.Equal(new Usage(480, 45, 60, 15, 360, 25.0, 1), chair2.Actual);
        // Due: two completed, one no-show, one late cancel; the early cancel and the clinic's own are not counted.
        Assert.Equal(new Attendance(4, 2, 1, 1, 25.0, 25.0), report.Clinic.Attendance);
        Assert.Equal(new Usage(1080, 93, 122, 30, 835, 22.7, 2), report.Clinic.Actual);
        Assert.Null(report.LeadTime); // the report has no day from today on
    }

    [Fact]
    public void Compute_WithARecoveryArea_CountsOnlyInfusionAndTurnoverOnTheChair()
    {
        var clinic = new ClinicBuilder().WithRecoveryArea(4).WithChairs(1).Build();
        var sessions = new[] { Record(clinic, "Chair 1", Monday, 9, 0, 45, 120) };

        var booked = Utilisation.Compute(clinic.Settings, clinic.Chairs, Monday, Monday, sessions, Moments.Now).Clinic.Booked;

        Assert.Equal(new Usage(600, 45, 0, 15, 540, 10.0, 1), booked);
    }

    [Fact]
    public void Compute_AClosureAndAnInactiveChair_HaveNoOpenMinutes()
    {
        var clinic = new ClinicBuilder().WithClosure(Monday, "Snow").WithChair("Chair 1").WithChair("Old", active: false).Build();

        var report = Utilisation.Compute(clinic.Settings, clinic.Chairs, Monday, Monday.PlusDays(1), [], Moments.Now);

        Assert.Equal(["Chair 1"], report.Chairs.Select(c => c.ChairName));
        Assert.Equal([0.0, 600.0], report.Days.Select(d => d.Figures.Booked.OpenMinutes));
        Assert.Null(report.Days[0].Figures.Booked.UtilisationPercent);
    }

    [Fact]
    public void Compute_LeadTime_CountsTheFullDaysFromToday()
    {
        var clinic = new ClinicBuilder().Build();
        var today = Moments.Now.InZone(clinic.Zone).Date; // Mon 23 Nov 2026, 07:00 at the clinic
        var sessions = new List<SessionRecord>();
        foreach (var day in new[] { today, today.PlusDays(1) })
        {
            foreach (var chair in new[] { "Chair 1", "Chair 2" })
            {
                // 08:00 300+120 (435 min) and 15:15 45+60 (120 min): 555 of 600 = 92.5%.
                sessions.Add(Record(clinic, chair, day, 8, 0, 300, 120));
                sessions.Add(Record(clinic, chair, day, 15, 15, 45, 60));
            }
        }
        sessions.Add(Record(clinic, "Chair 1", today.PlusDays(2), 8, 0, 300, 120));

        var report = Utilisation.Compute(clinic.Settings, clinic.Chairs, today, today.PlusDays(4), sessions, Moments.Now);

        Assert.Equal(new LeadTime(85, 2, today.PlusDays(2)), report.LeadTime);
        Assert.Equal(new LeadTime(85, 2, today.PlusDays(2)), report.Chairs[0].LeadTime);
        var full = Utilisation.Compute(clinic.Settings, clinic.Chairs, today, today.PlusDays(1), sessions, Moments.Now);
        Assert.Equal(new LeadTime(85, null, null), full.LeadTime); // full to the end of the report
    }

    [Fact]
    public void Compute_NurseLoad_CountsStartsAndPatientsInCareAgainstTheLimitsAndMarksThePeak()
    {
        // One nurse 08:00–18:00 monitoring up to 2 patients.
        var clinic = new ClinicBuilder().WithChairs(3).WithNurseShift(new LocalTime(8, 0), new LocalTime(18, 0), 1).WithPatientsPerNurse(2).Build();
        var sessions = new[]
        {
            Record(clinic, "Chair 1", Monday, 9, 0, 45, 60), // in care 09:00–10:45
            Record(clinic, "Chair 2", Monday, 9, 15, 45, 60), // in care 09:15–11:00
            Record(clinic, "Chair 3", Monday, 11, 0, 45, 60),
        };

        var report = Utilisation.Compute(clinic.Settings, clinic.Chairs, Monday, Monday, sessions, Moments.Now, new UtilisationOptions { NurseSlots = true });

        var slots = report.NurseSlots.ToDictionary(s => s.Start.TimeOfDay);
        Assert.Equal(40, slots.Count);
        Assert.Equal(new NurseSlot(Monday + new LocalTime(9, 0), 1, 1, 1, 1, 1, 2, true, false, false), slots[new LocalTime(9, 0)]);
        Assert.Equal(new NurseSlot(Monday + new LocalTime(9, 15), 1, 1, 2, 1, 1, 2, true, true, true), slots[new LocalTime(9, 15)]);
        Assert.Equal(2, slots[new LocalTime(10, 30)].InCare);
        Assert.True(slots[new LocalTime(10, 30)].Peak);
        Assert.Equal(1, slots[new LocalTime(10, 45)].InCare); // the 09:00 patient left care at 10:45
        Assert.Equal(1, slots[new LocalTime(11, 0)].InCare); // 09:15 left as 11:00 arrived: half-open intervals
        var peaks = report.Days.Single().Nurses;
        Assert.Equal(new NursePeaks(1, new LocalTime(9, 0), 1, 2, new LocalTime(9, 15), 2, 3, 6), peaks);
    }
}
