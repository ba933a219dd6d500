using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Application.Schedule;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// The timeline page's query: the chair schedule's blocks with the patients' names, every session of
/// the period (cancelled ones listed but holding no chair time), and when nothing can be booked.
/// </summary>
public sealed class ChairTimelineTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly LocalTimeRange Hours9To5 = new(new LocalTime(9, 0), new LocalTime(17, 0));

    [Fact]
    public async Task Timeline_NamesThePatients_AndListsACancelledSessionWithoutItsBlocks()
    {
        await using var s = await Scenario.Start();
        var riley = await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00");
        var quinn = await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-08T09:00");
        await (await s.Client.Post($"/sessions/{quinn.Id()}/cancel", new { reason = "Patient is travelling", rebook = false })).Expect(HttpStatusCode.OK);

        var view = await Timeline(s, new LocalDate(2026, 12, 8), new LocalDate(2026, 12, 8));

        Assert.Equal(
            [("Quinn Fictional", "Recliner 2", SessionStatus.Cancelled, false), ("Riley Demo", "Recliner 1", SessionStatus.Booked, true)],
            view.Sessions.Select(x => (x.PatientName, x.ChairName, x.Status, x.Occupies)));
        Assert.Equal(
            [("infusion", "10:00", "10:45"), ("observation", "10:45", "11:45"), ("turnover", "11:45", "12:00")],
            view.Blocks.Select(b => (b.Kind, Time(b.Start), Time(b.End))));
        Assert.All(view.Blocks, b => Assert.Equal((riley.Id(), s.Recliner(1)), (b.SessionId, b.ChairId!.Value)));
        Assert.Equal(8, view.Chairs.Count);
        Assert.False(view.RecoveryArea);
    }

    [Fact]
    public async Task Timeline_ShowsClosedHoursAClosureAndAnOutOfServiceWindowClippedToThePeriod()
    {
        await using var s = await Scenario.Start();
        await (await s.Client.Post($"/chairs/{s.Recliner(3)}/out-of-service", new { start = "2026-12-23T15:00", end = "2026-12-28T09:00", reason = "New pump" }))
            .Expect(HttpStatusCode.OK);

        var view = await Timeline(s, new LocalDate(2026, 12, 23), new LocalDate(2026, 12, 24));

        Assert.Equal(
            [(null, "closed", "2026-12-23 00:00", "2026-12-23 07:30", "Closed"),
             (null, "closed", "2026-12-23 19:00", "2026-12-24 00:00", "Closed"),
             (null, "closure", "2026-12-24 00:00", "2026-12-25 00:00", "Christmas Eve"),
             ((Guid?)s.Recliner(3), "outOfService", "2026-12-23 15:00", "2026-12-25 00:00", "New pump")],
            view.Areas.Select(a => (a.ChairId, a.Kind, Local(a.Start), Local(a.End), a.Reason)));
    }

    [Fact]
    public void ClosedTime_OnTheSpringForwardDay_RunsFromMidnightToOpeningInRealTime()
    {
        var settings = Settings(NewYork, sundays: true, new LocalTimeRange(new LocalTime(7, 30), new LocalTime(19, 0)));

        var closed = ChairTimeline.ClosedTime(settings, new LocalDate(2027, 3, 14)).ToList();

        // The clocks skip 02:00-03:00: midnight to 07:30 is six and a half hours, 19:00 to midnight five.
        Assert.Equal([Duration.FromMinutes(390), Duration.FromHours(5)], closed.Select(a => a.End - a.Start));
        Assert.Equal([("00:00", "07:30"), ("19:00", "00:00")], closed.Select(a => (Time(a.Start, NewYork), Time(a.End, NewYork))));
    }

    [Fact]
    public void ClosedTime_OnTheFallBackDay_CountsTheRepeatedHour()
    {
        var settings = Settings(London, sundays: true, new LocalTimeRange(new LocalTime(8, 0), new LocalTime(18, 0)));

        var closed = ChairTimeline.ClosedTime(settings, new LocalDate(2027, 10, 31)).ToList();

        Assert.Equal([Duration.FromHours(9), Duration.FromHours(6)], closed.Select(a => a.End - a.Start));
    }

    [Fact]
    public void ClosedTime_OnADaylightSavingSundayWithoutHours_IsTheWholeDayOf23Or25Hours()
    {
        Assert.Equal(Duration.FromHours(23), Assert.Single(ChairTimeline.ClosedTime(Settings(NewYork, sundays: false, Hours9To5), new LocalDate(2027, 3, 14))) is var a ? a.End - a.Start : default);
        Assert.Equal(Duration.FromHours(25), Assert.Single(ChairTimeline.ClosedTime(Settings(London, sundays: false, Hours9To5), new LocalDate(2027, 10, 31))) is var b ? b.End - b.Start : default);
    }

    [Fact]
    public void ClosedTime_IncludesTheBreakBetweenTwoOpeningRanges_AndAllOfADayWithoutHours()
    {
        var settings = Settings(NewYork, sundays: false,
            new LocalTimeRange(new LocalTime(8, 0), new LocalTime(12, 0)),
            new LocalTimeRange(new LocalTime(13, 0), new LocalTime(17, 0)));

        var monday = ChairTimeline.ClosedTime(settings, new LocalDate(2027, 1, 11)).ToList();
        var sunday = ChairTimeline.ClosedTime(settings, new LocalDate(2027, 1, 10)).ToList();

        Assert.Equal([("00:00", "08:00"), ("12:00", "13:00"), ("17:00", "00:00")], monday.Select(a => (Time(a.Start, NewYork), Time(a.End, NewYork))));
        var whole = Assert.Single(sunday);
        Assert.Equal(("closed", Duration.FromHours(24), "Closed on Sundays"), (whole.Kind, whole.End - whole.Start, whole.Reason));
    }

    private static async Task<TimelineView> Timeline(Scenario s, LocalDate from, LocalDate to)
    {
        await using var scope = s.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChairTimeline>().Handle(s.Sample.ClinicId, from, to, CancellationToken.None);
        Assert.True(result.Ok, result.Problem?.Detail);
        return result.Value!;
    }

    /// <summary>Open every day (Monday to Saturday unless <paramref name="sundays"/>) over the given ranges; one nurse; observation in the chair.</summary>
    private static ClinicSettings Settings(DateTimeZone zone, bool sundays, params LocalTimeRange[] ranges)
    {
        var days = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None && (sundays || d != IsoDayOfWeek.Sunday)).ToArray();
        return new ClinicSettings(zone,
            new WeeklyHours(days.ToDictionary(d => d, _ => (IReadOnlyList<LocalTimeRange>)ranges)),
            [], Duration.FromMinutes(15), Duration.FromMinutes(15), Duration.FromMinutes(15),
            [new NurseShift(days, new LocalTimeRange(new LocalTime(7, 0), new LocalTime(20, 0)), 1)], 4, ObservationPlace.InChair);
    }

    private static string Time(Instant at) => Time(at, NewYork);

    private static string Time(Instant at, DateTimeZone zone) => at.InZone(zone).TimeOfDay.ToString("HH:mm", null);

    private static string Local(Instant at) => at.InZone(NewYork).LocalDateTime.ToString("uuuu-MM-dd HH:mm", null);
}
