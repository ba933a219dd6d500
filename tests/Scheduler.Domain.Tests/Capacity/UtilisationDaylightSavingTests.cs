using Scheduler.Domain.Capacity;

namespace Scheduler.Domain.Tests.Capacity;

/// <summary>
/// Days with a clock change count the minutes they really have. New York changes on Sun 14 Mar 2027
/// (02:00 → 03:00, a 23-hour day) and Sun 7 Nov 2027 (02:00 → 01:00, a 25-hour day).
/// </summary>
public class UtilisationDaylightSavingTests
{
    private static readonly LocalDate SpringForward = new(2027, 3, 14);
    private static readonly LocalDate FallBack = new(2027, 11, 7);

    /// <summary>One chair, open every day from midnight to the end of the day.</summary>
    private static TestClinic AllDay() =>
        new ClinicBuilder().OpenEveryDay(LocalTime.Midnight, LocalTime.MaxValue).WithChairs(1).Build();

    /// <summary>One chair, open every night 01:00–04:00 (across the change).</summary>
    private static TestClinic Overnight() =>
        new ClinicBuilder().OpenEveryDay(new LocalTime(1, 0), new LocalTime(4, 0)).WithChairs(1).Build();

    [Fact]
    public void Compute_AnAllDayClinic_Has23And25HourDays()
    {
        var clinic = AllDay();

        var spring = Utilisation.Compute(clinic.Settings, clinic.Chairs, SpringForward.PlusDays(-1), SpringForward.PlusDays(1), [], Moments.Now);
        var fall = Utilisation.Compute(clinic.Settings, clinic.Chairs, FallBack.PlusDays(-1), FallBack.PlusDays(1), [], Moments.Now);

        Assert.Equal([1440.0, 1380.0, 1440.0], spring.Days.Select(d => d.Figures.Booked.OpenMinutes));
        Assert.Equal([1440.0, 1500.0, 1440.0], fall.Days.Select(d => d.Figures.Booked.OpenMinutes));
    }

    [Fact]
    public void Compute_OpenAcrossTheChange_CountsRealMinutesAndPutsThemUnderTheLocalHour()
    {
        var clinic = Overnight();

        var spring = Utilisation.Compute(clinic.Settings, clinic.Chairs, SpringForward, SpringForward, [], Moments.Now);
        var fall = Utilisation.Compute(clinic.Settings, clinic.Chairs, FallBack, FallBack, [], Moments.Now);

        // 01:00 EST to 04:00 EDT is two hours; 01:00 EDT to 04:00 EST is four.
        Assert.Equal(120, spring.Clinic.Booked.OpenMinutes);
        Assert.Equal(240, fall.Clinic.Booked.OpenMinutes);
        Assert.Equal([(1, 60.0), (3, 60.0)], spring.Heatmap.Select(h => (h.Hour, h.OpenMinutes)));
        Assert.Equal([(1, 120.0), (2, 60.0), (3, 60.0)], fall.Heatmap.Select(h => (h.Hour, h.OpenMinutes))); // 01:00 happens twice
    }

    [Fact]
    public void Compute_ASessionAcrossFallBack_OccupiesItsRealLength()
    {
        var clinic = Overnight();
        var start = Instant.FromUtc(2027, 11, 7, 5, 0); // 01:00 EDT, the first 01:00
        var footprint = SessionFootprint.Of(start, Duration.FromMinutes(45), Duration.FromMinutes(60), clinic.Settings);
        var session = new SessionRecord(clinic.Chairs[0].Id, SessionStatus.Booked, footprint);

        var report = Utilisation.Compute(clinic.Settings, clinic.Chairs, FallBack, FallBack, [session], Moments.Now);

        // 120 real minutes (01:00 EDT to 01:00 EST) of 240: 50%; all of it in the local hour 01, which fills it.
        Assert.Equal(new Usage(240, 45, 60, 15, 120, 50.0, 1), report.Clinic.Booked);
        Assert.Equal(120, report.Heatmap.Single(h => h.Hour == 1).OccupiedMinutes);
        Assert.Equal(100.0, report.Heatmap.Single(h => h.Hour == 1).OccupancyPercent);
    }
}
