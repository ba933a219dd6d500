using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Application.Capacity;
using Scheduler.Application.Common;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Capacity;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Series;
using Scheduler.Infrastructure;
using Scheduler.Infrastructure.Persistence;
using static Scheduler.Benchmarks.BenchmarkSupport;

namespace Scheduler.Benchmarks;

/// <summary>
/// Issue 5's speed targets: utilisation for a 30-chair clinic over one year of history (about
/// 20,000 sessions) in ≤ 500 ms, and an 8-week capacity question in ≤ 2 s. The book is generated
/// by <see cref="RebookingWorkload"/> (a year of history before a fixed "now" and the weeks ahead,
/// with a realistic past lifecycle), written once to a SQLite file, and both use cases are timed
/// end to end on the app's services as a request runs them (a fresh DI scope per call), over R runs
/// after one untimed warm-up; then again split into the store read and the domain work.
/// </summary>
public static class CapacityRun
{
    private const string Usage = "utilisation [--runs R] [--chairs 30] [--weeks-ahead 8] [--seed S] [--past-per-chair 2.6] [--ahead-per-chair 4.2[,3.6]] [--profile] [--no-warmup] [--keep]";
    private static readonly TimeSpan ReportTarget = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan CapacityTarget = TimeSpan.FromSeconds(2);

    /// <summary>"Today" at the clinic: Friday 29 Oct 2027 (EDT; the year back crosses both clock changes, the weeks ahead the November one).</summary>
    public static readonly LocalDate Today = new(2027, 10, 29);

    /// <summary>The run's fixed clock: that Friday at 19:30 in New York, after closing, so no session is under way.</summary>
    public static Instant Now => (Today + new LocalTime(19, 30)).InZoneStrictly(RebookingWorkload.Zone).ToInstant();

    /// <summary>The year of history the report covers: [today − 364 days, today].</summary>
    public static LocalDate From => Today.PlusDays(-364);

    /// <summary>The first week the capacity question asks about: next week's Monday.</summary>
    public static LocalDate NextMonday => Today.With(DateAdjusters.Next(IsoDayOfWeek.Monday));

    /// <summary>Series start from six weeks before the year, so its first weeks hold the later sessions of series started earlier.</summary>
    private const int LeadInWeeks = 6;

    /// <summary>Sessions a chair a day the history is filled to (≈ 45% of the open chair time).</summary>
    private const double DefaultPastPerChair = 2.6;

    /// <summary>The weeks ahead: filled to this a chair a day next week, tapering to <see cref="DefaultAheadLastPerChair"/> in the last week asked about.</summary>
    private const double DefaultAheadFirstPerChair = 4.2;

    private const double DefaultAheadLastPerChair = 3.6;

    // The past lifecycle: shares of the sessions over by now.
    private const double NoShowShare = 0.05;
    private const double CancelShare = 0.045;
    private const double LateShareOfCancels = 0.4;

    // Sessions ahead: cancelled already (the time is free again), confirmed.
    private const double FutureCancelShare = 0.02;

    private static readonly Duration NoShowGrace = Duration.FromMinutes(30);
    private static readonly Duration LateCancellation = Duration.FromHours(24);

    public static async Task<int> Run(string[] args)
    {
        if (!Options.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine("Usage: Scheduler.Benchmarks " + Usage);
            return 2;
        }
        var ct = CancellationToken.None;
        var zone = RebookingWorkload.Zone;
        Console.WriteLine($"utilisation: {options.Chairs} recliners, clock fixed at {Now.InZone(zone):yyyy-MM-dd HH:mm} New York ({Today.DayOfWeek}); " +
                          $"report over {Formats.Day(From)} – {Formats.Day(Today)}; capacity question for {options.WeeksAhead} weeks from {Formats.Day(NextMonday)}; " +
                          $"{options.Runs} timed run(s){(options.Warmup ? " after one warm-up" : "")}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite {SqliteVersion()}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");

        var dir = Path.Combine(Path.GetTempPath(), "scheduler-bench", "utilisation-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // The book: generated in memory, then written once; nothing below writes to it.
            var sw = Stopwatch.StartNew();
            var lifecycle = new Lifecycle(new Random(options.Seed ^ 0x5EED));
            var lastStart = NextMonday.PlusWeeks(options.WeeksAhead).PlusDays(-1);
            var book = RebookingWorkload.Generate(SampleFile(), options.Chairs, perChair: 3, options.Seed,
                firstDay: From.PlusWeeks(-LeadInWeeks), lastStart: lastStart, now: Now,
                dayTarget: d => DayTarget(d, options), lifecycle: lifecycle.Apply);
            var generated = sw.Elapsed;
            var path = Path.Combine(dir, "book.db");
            sw.Restart();
            await using (var sp = BuildServices(path))
            {
                await using (var scope = sp.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
                    await DatabaseInitializer.Migrate(db, ct);
                    await RebookingWorkload.Seed(db, book, ct);
                }
                // What the app does at its next start-up on this database (PRAGMA optimize included).
                await using (var scope = sp.CreateAsyncScope())
                    await DatabaseInitializer.Migrate(scope.ServiceProvider.GetRequiredService<SchedulerDbContext>(), ct);
            }
            SqliteConnection.ClearAllPools();
            await Checkpoint(path);
            var written = sw.Elapsed;

            var expected = Expect(book);
            var all = book.Series.SelectMany(s => s.Sessions).ToList();
            Console.WriteLine($"book: {book.Series.Count:N0} series (6 induction sessions and {RebookingWorkload.Boosters} boosters each), {all.Count:N0} sessions in all, " +
                              $"{book.Messages.Count:N0} reminder messages, {book.Nurses} nurses a shift; {book.SeriesRefused:N0} series starts found no room; " +
                              $"generated in {generated.TotalSeconds:0.0} s, written in {written.TotalSeconds:0.0} s ({new FileInfo(path).Length / 1_048_576.0:0.0} MB)");
            Console.WriteLine($"  the year {Formats.Day(From)} – {Formats.Day(Today)}: {expected.InYear:N0} sessions " +
                              $"({expected.Completed:N0} completed, {expected.NoShows:N0} no-shows, {expected.Cancelled:N0} cancelled of which {expected.LateCancellations:N0} late (< 24 h), " +
                              $"{expected.Other:N0} today's or otherwise); booked {expected.BookedPercent:0.0}% of the open chair time; " +
                              $"completed sessions started {expected.MeanLateStart:0.0} min late on average (p90 {expected.P90LateStart:0} min), observed {expected.MeanLongerObservation:0.0} min longer");
            Console.WriteLine($"  ahead: {expected.Ahead:N0} sessions from {Formats.Day(Today.PlusDays(1))} ({expected.AheadConfirmed:N0} confirmed, {expected.AheadCancelled:N0} already cancelled); " +
                              $"booked by weekday over the {options.WeeksAhead} weeks asked about: {WeekdayFill(book, NextMonday, NextMonday.PlusWeeks(options.WeeksAhead))}");

            await using var services = BuildServices(path);
            var clinicId = book.Clinic.Id.Value;
            var protocolId = book.Protocol.Id.Value;
            var failures = new List<string>();

            Console.WriteLine();

            // (a) the utilisation report over the year, (b) the capacity question, end to end.
            var reportTimes = new List<double>();
            var capacityTimes = new List<double>();
            var answers = new List<string>();
            UtilisationView? view = null;
            CapacityView? capacity = null;
            for (var run = options.Warmup ? 0 : 1; run <= options.Runs; run++)
            {
                // The warm-up is the process's first request of each kind (JIT, EF model and queries cold).
                var label = run == 0 ? "warm-up" : $"run {run}";
                var paused = GC.GetTotalPauseDuration();
                sw.Restart();
                await using (var scope = services.CreateAsyncScope())
                {
                    var report = await scope.ServiceProvider.GetRequiredService<UtilisationQueries>()
                        .Report(clinicId, Formatting.Date(From), Formatting.Date(Today), ct);
                    view = report.Ok ? UtilisationView.Of(clinicId, report.Value!, chairDays: false) : null;
                    if (!report.Ok)
                        failures.Add($"{label}: the report was refused: {report.Problem!.Detail}");
                }
                var reportTime = sw.Elapsed;
                var reportPause = GC.GetTotalPauseDuration() - paused;
                paused = GC.GetTotalPauseDuration();

                sw.Restart();
                await using (var scope = services.CreateAsyncScope())
                {
                    var answer = await scope.ServiceProvider.GetRequiredService<CapacityQuestion>()
                        .Handle(clinicId, new CapacityInput(protocolId, Formatting.Date(NextMonday), options.WeeksAhead, null, null), ct);
                    capacity = answer.Ok ? answer.Value : null;
                    if (!answer.Ok)
                        failures.Add($"{label}: the capacity question was refused: {answer.Problem!.Detail}");
                }
                var capacityTime = sw.Elapsed;
                var capacityPause = GC.GetTotalPauseDuration() - paused;

                var perWeek = capacity is null ? "-" : string.Join(" ", capacity.Weeks.Select(w => w.MoreSeries));
                Console.WriteLine($"{label,-8} utilisation {reportTime.TotalMilliseconds,7:0.0} ms (GC pauses {reportPause.TotalMilliseconds,5:0.0} ms)   " +
                                  $"capacity {capacityTime.TotalMilliseconds,7:0.0} ms (GC pauses {capacityPause.TotalMilliseconds,5:0.0} ms)   more series per week: {perWeek}");
                if (run == 0)
                    continue;
                reportTimes.Add(reportTime.TotalMilliseconds);
                capacityTimes.Add(capacityTime.TotalMilliseconds);
                answers.Add(perWeek);
            }

            // The same work split into the store read and the domain pass (not part of the figures above).
            var split = await Split(services, book, options, failures, ct);

            // The book of the weeks ahead as the app's forecast sees it (not timed; after the runs, so the warm-up is the process's first request).
            await using (var scope = services.CreateAsyncScope())
            {
                var forecast = await scope.ServiceProvider.GetRequiredService<UtilisationQueries>().Forecast(clinicId, options.WeeksAhead + 1, ct);
                if (!forecast.Ok)
                {
                    failures.Add($"the forecast was refused: {forecast.Problem!.Detail}");
                }
                else
                {
                    var weeks = forecast.Value!.Weeks.Skip(1).ToList();
                    Console.WriteLine($"the book ahead by week (the app's forecast, booked): {string.Join(", ", weeks.Select(w => $"{w.Week![5..]} {w.UtilisationPercent:0.0}%"))}");
                }
            }

            if (options.Profile)
                await ProfileRead(path, clinicId, options.Runs, ct);

            // Checks: the report against the seeded book; the capacity answer is complete, the same every run, and wrote nothing.
            if (view is not null)
                CheckReport(view, expected, split.SessionsRead, failures);
            if (capacity is not null)
            {
                if (capacity.Weeks.Count != options.WeeksAhead)
                    failures.Add($"the capacity answer has {capacity.Weeks.Count} weeks, not {options.WeeksAhead}");
                if (capacity.Weeks.Any(w => w.StoppedBy != "noRoom"))
                    failures.Add($"weeks not stopped by a full book: {string.Join(", ", capacity.Weeks.Where(w => w.StoppedBy != "noRoom").Select(w => $"{w.WeekStart} {w.StoppedBy}"))}");
                if (capacity.Total == 0)
                    failures.Add("the capacity answer found room for no series at all");
                if (answers.Distinct().Count() > 1)
                    failures.Add($"the capacity answer differs between runs: {string.Join(" | ", answers.Distinct())}");
                if (split.CapacityTotal != capacity.Total)
                    failures.Add($"the domain answer on the loaded book counts {split.CapacityTotal} series, the use case {capacity.Total}");
            }
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
                var count = await db.Sessions.AsNoTracking().CountAsync(ct);
                if (count != all.Count)
                    failures.Add($"the database holds {count} sessions after the runs, {all.Count} were seeded");
            }

            Console.WriteLine();
            Console.WriteLine($"{reportTimes.Count} timed run(s), {options.Chairs} chairs:");
            Console.WriteLine($"  (a) utilisation report, {Formats.Day(From)} – {Formats.Day(Today)} ({split.SessionsRead:N0} sessions read): " +
                              $"median {Median(reportTimes):0.0} ms (min–max {reportTimes.Min():0.0}–{reportTimes.Max():0.0} ms)");
            Console.WriteLine($"      split (median of {split.Runs}): store read {split.Read:0.0} ms, domain pass {split.Pass:0.0} ms, view {split.View:0.0} ms; " +
                              $"JSON of the view {split.JsonKb:N0} KB in {split.Json:0.0} ms (not in the figure above)");
            Console.WriteLine($"  (b) capacity question, {options.WeeksAhead} weeks from {Formats.Day(NextMonday)}: " +
                              $"median {Median(capacityTimes):0.0} ms (min–max {capacityTimes.Min():0.0}–{capacityTimes.Max():0.0} ms)");
            Console.WriteLine($"      split (median of {split.Runs}): book load {split.Load:0.0} ms ({split.BookSessions:N0} sessions, {Formats.Day(NextMonday)} – {Formats.Day(split.BookTo)}), " +
                              $"SeriesCapacity.Answer {split.Answer:0.0} ms ({split.Plans:N0} plans: {split.CapacityTotal:N0} placed, {split.Plans - split.CapacityTotal} refused)");
            if (view is not null)
            {
                var c = view.Clinic;
                Console.WriteLine($"  year: booked {c.UtilisationPercent:0.0}% ({c.Sessions:N0} sessions), actual {c.ActualUtilisationPercent:0.0}% of the days before today " +
                                  $"({c.ActualSessions:N0} sessions started); due {c.Due:N0}, completed {c.Completed:N0}, no-shows {c.NoShows:N0} ({c.NoShowPercent:0.0}%), " +
                                  $"late cancellations {c.LateCancellations:N0} ({c.LateCancellationPercent:0.0}%)");
            }
            if (capacity is not null)
            {
                Console.WriteLine($"  capacity: {capacity.Total} more series of \"{capacity.ProtocolName}\" ({capacity.SessionsPerSeries} sessions each) can start: " +
                                  string.Join(", ", capacity.Weeks.Select(w => $"{w.WeekStart[5..]} {w.MoreSeries}")));
                foreach (var w in capacity.Weeks)
                    Console.WriteLine($"      {w.WeekStart}: {w.MoreSeries,3}; the next one: {w.Reason}");
            }
            var reportMet = Median(reportTimes) <= ReportTarget.TotalMilliseconds;
            var capacityMet = Median(capacityTimes) <= CapacityTarget.TotalMilliseconds;
            Console.WriteLine($"target (a) utilisation over a year ≤ 500 ms: {(reportMet ? "met" : "NOT met")}{(reportTimes.Max() <= ReportTarget.TotalMilliseconds ? " (every run)" : "")}; " +
                              $"target (b) {options.WeeksAhead}-week capacity question ≤ 2 s: {(capacityMet ? "met" : "NOT met")}{(capacityTimes.Max() <= CapacityTarget.TotalMilliseconds ? " (every run)" : "")}" +
                              (options.Chairs == 30 ? "" : " (the targets are stated for 30 chairs)"));
            if (failures.Count > 0)
            {
                Console.WriteLine($"CHECKS FAILED ({failures.Count}):");
                foreach (var f in failures)
                    Console.WriteLine("  " + f);
                return 1;
            }
            Console.WriteLine("checks OK: the report's counts and booked minutes agree with the seeded book; the capacity answer is complete, " +
                              "the same every run and matches the domain's; its series break no rule checked; the database is unchanged");
            return 0;
        }
        finally
        {
            RemoveScratch(dir, options.Keep);
        }
    }

    /// <summary>Sessions a day: the history at its sessions a chair, the weeks ahead from the first week's tapering to the last week's.</summary>
    private static int DayTarget(LocalDate date, Options options)
    {
        if (date <= Today)
            return (int)Math.Round(options.PastPerChair * options.Chairs);
        var week = Math.Max(0, Period.DaysBetween(NextMonday, date) / 7);
        var share = options.WeeksAhead <= 1 ? 0 : Math.Min(1.0, week / (double)(options.WeeksAhead - 1));
        return (int)Math.Round((options.AheadFirst + (options.AheadLast - options.AheadFirst) * share) * options.Chairs);
    }

    /// <summary>
    /// The lifecycle of each generated session. Over by now: 5% no-shows (marked 30–90 min after
    /// the start), 4.5% cancelled by the patient (40% of them within 24 h of the start, the rest
    /// 1–14 days ahead), the rest completed with recorded times: arrival up to 20 min early (15%
    /// up to 25 min late), the infusion started after the arrival and a wait (0–5 min for most, up
    /// to 45), lasting 2 min less to 8 min more than booked, observation 0–15 min longer (15%:
    /// 15–40 min). Ahead: 2% already cancelled, 60% of the next three days' sessions and 20% of the
    /// next two weeks' confirmed. Its own random source, so the generator's stays as it was.
    /// </summary>
    private sealed class Lifecycle(Random rng)
    {
        public void Apply(Session s, Instant bookedAt)
        {
            var f = s.Footprint;
            if (f.TurnoverEnd <= Now)
                Past(s, f, bookedAt);
            else
                Ahead(s, f, bookedAt);
        }

        private void Past(Session s, SessionFootprint f, Instant bookedAt)
        {
            var roll = rng.NextDouble();
            if (roll < NoShowShare)
            {
                if (rng.NextDouble() < 0.5)
                    Must(s.Confirm(Later(bookedAt, f.Start - Duration.FromHours(rng.Next(18, 73)))));
                Must(s.MarkNoShow(f.Start + Duration.FromMinutes(rng.Next(30, 91)), NoShowGrace, "Did not arrive"));
                return;
            }
            if (roll < NoShowShare + CancelShare)
            {
                var late = rng.NextDouble() < LateShareOfCancels;
                var ahead = late ? Duration.FromMinutes(rng.Next(60, 24 * 60)) : Duration.FromMinutes(rng.Next(24 * 60 + 1, 14 * 24 * 60));
                Must(s.Cancel(Later(bookedAt, f.Start - ahead), late ? "Unwell; called the day before" : "Patient cancelled"));
                return;
            }
            if (rng.NextDouble() < 0.65)
                Must(s.Confirm(Later(bookedAt, f.Start - Duration.FromHours(rng.Next(18, 73)))));
            var arrived = rng.NextDouble() < 0.85
                ? f.Start - Duration.FromMinutes(rng.Next(0, 21))
                : f.Start + Duration.FromMinutes(rng.Next(1, 26));
            Must(s.CheckIn(arrived));
            var wait = rng.NextDouble() switch
            {
                < 0.6 => rng.Next(0, 6),
                < 0.9 => rng.Next(5, 21),
                _ => rng.Next(20, 46),
            };
            var infusionStart = (arrived > f.Start ? arrived : f.Start) + Duration.FromMinutes(wait);
            Must(s.StartInfusion(infusionStart));
            var observationStart = infusionStart + (f.InfusionEnd - f.Start) + Duration.FromMinutes(rng.Next(-2, 9));
            Must(s.StartObservation(observationStart));
            var longer = rng.NextDouble() < 0.85 ? rng.Next(0, 16) : rng.Next(15, 41);
            Must(s.Complete(observationStart + f.Observation + Duration.FromMinutes(longer)));
        }

        private void Ahead(Session s, SessionFootprint f, Instant bookedAt)
        {
            if (rng.NextDouble() < FutureCancelShare)
            {
                var at = bookedAt + Duration.FromTicks((long)((Now - bookedAt).BclCompatibleTicks * rng.NextDouble()));
                Must(s.Cancel(Later(bookedAt, at), "Patient cancelled"));
                return;
            }
            var lead = f.Start - Now;
            var roll = rng.NextDouble();
            if ((lead < Duration.FromDays(3) && roll < 0.6) || (lead < Duration.FromDays(14) && roll < 0.2))
                Must(s.Confirm(Later(bookedAt, Now - Duration.FromHours(rng.Next(1, 30)))));
        }

        /// <summary>Never before the series was booked.</summary>
        private static Instant Later(Instant bookedAt, Instant at) => at > bookedAt ? at : bookedAt + Duration.FromMinutes(1);

        private static void Must(Refusal? refusal)
        {
            if (refusal is not null)
                throw new InvalidOperationException($"Generated session lifecycle refused: {refusal.Message}");
        }
    }

    /// <summary>What the report must say, counted from the generated book.</summary>
    private sealed record Expected(
        int InYear, int NotCancelled, double OccupiedMinutes, double OpenMinutes, int Due, int Completed, int NoShows, int Cancelled, int LateCancellations,
        int Other, int Started, double MeanLateStart, double P90LateStart, double MeanLongerObservation, int Ahead, int AheadConfirmed, int AheadCancelled)
    {
        public double BookedPercent => 100.0 * OccupiedMinutes / OpenMinutes;
    }

    private static Expected Expect(RebookingBook book)
    {
        var settings = book.Clinic.Settings;
        var zone = settings.Zone;
        LocalDate DateOf(Session s) => s.Footprint.Start.InZone(zone).Date;
        var sessions = book.Series.SelectMany(s => s.Sessions).ToList();
        var year = sessions.Where(s => DateOf(s) >= From && DateOf(s) <= Today).ToList();
        var past = year.Where(s => DateOf(s) < Today).ToList();
        var notCancelled = year.Where(s => s.Status != SessionStatus.Cancelled).ToList();
        var occupied = notCancelled.Sum(s => (s.Footprint.TurnoverEnd - s.Footprint.Start).TotalMinutes);
        double open = 0;
        for (var date = From; date <= Today; date = date.PlusDays(1))
        {
            if (settings.ClosureOn(date) is not null)
                continue;
            foreach (var r in settings.Hours.On(date.DayOfWeek))
                open += ((date + r.To).InZoneStrictly(zone).ToInstant() - (date + r.From).InZoneStrictly(zone).ToInstant()).TotalMinutes * book.Chairs.Count;
        }
        var late = past.Count(s => s.Status == SessionStatus.Cancelled && s.EndedAt > s.Footprint.Start - LateCancellation);
        var completed = past.Where(s => s.Status == SessionStatus.Completed).ToList();
        var lateStarts = completed.Select(s => (s.InfusionStartedAt!.Value - s.Footprint.Start).TotalMinutes).Order().ToList();
        var longer = completed.Select(s => (s.CompletedAt!.Value - s.ObservationStartedAt!.Value - s.Footprint.Observation).TotalMinutes).ToList();
        var ahead = sessions.Where(s => DateOf(s) > Today).ToList();
        return new Expected(
            year.Count, notCancelled.Count, occupied, open,
            past.Count(s => s.Status != SessionStatus.Cancelled) + late,
            completed.Count,
            past.Count(s => s.Status == SessionStatus.NoShow),
            year.Count(s => s.Status == SessionStatus.Cancelled),
            late,
            year.Count(s => s.Status is not (SessionStatus.Completed or SessionStatus.NoShow or SessionStatus.Cancelled)),
            year.Count(s => s.InfusionStartedAt is not null && DateOf(s) < Today),
            lateStarts.Average(), lateStarts[(int)(lateStarts.Count * 0.9)], longer.Average(),
            ahead.Count, ahead.Count(s => s.Status == SessionStatus.Confirmed), ahead.Count(s => s.Status == SessionStatus.Cancelled));
    }

    /// <summary>Occupied / open chair time by weekday over local days [from, to).</summary>
    private static string WeekdayFill(RebookingBook book, LocalDate from, LocalDate to)
    {
        var settings = book.Clinic.Settings;
        var zone = settings.Zone;
        var open = new Dictionary<IsoDayOfWeek, double>();
        var busy = new Dictionary<IsoDayOfWeek, double>();
        for (var date = from; date < to; date = date.PlusDays(1))
        {
            if (settings.ClosureOn(date) is not null)
                continue;
            foreach (var r in settings.Hours.On(date.DayOfWeek))
                open[date.DayOfWeek] = open.GetValueOrDefault(date.DayOfWeek) + (r.To - r.From).ToDuration().TotalMinutes * book.Chairs.Count;
        }
        foreach (var s in book.Series.SelectMany(x => x.Sessions).Where(s => s.Status.Occupies()))
        {
            var date = s.Footprint.Start.InZone(zone).Date;
            if (date >= from && date < to)
                busy[date.DayOfWeek] = busy.GetValueOrDefault(date.DayOfWeek) + (s.Footprint.TurnoverEnd - s.Footprint.Start).TotalMinutes;
        }
        return string.Join(", ", open.OrderBy(o => o.Key).Select(o => $"{o.Key.ToString()[..3]} {100 * busy.GetValueOrDefault(o.Key) / o.Value:0}%"));
    }

    private static void CheckReport(UtilisationView view, Expected e, int read, List<string> failures)
    {
        var c = view.Clinic;
        void Same(string what, double got, double want, double tolerance = 0)
        {
            if (Math.Abs(got - want) > tolerance)
                failures.Add($"the report's {what} is {got:N1}, the seeded book's {want:N1}");
        }
        Same("sessions read", read, e.InYear);
        Same("booked sessions", c.Sessions, e.NotCancelled);
        Same("booked occupied minutes", c.InfusionMinutes + c.ObservationMinutes + c.TurnoverMinutes, e.OccupiedMinutes, 0.5);
        Same("open minutes", c.OpenMinutes, e.OpenMinutes, 0.5);
        Same("sessions due", c.Due, e.Due);
        Same("completed sessions", c.Completed, e.Completed);
        Same("no-shows", c.NoShows, e.NoShows);
        Same("late cancellations", c.LateCancellations, e.LateCancellations);
        Same("sessions with an actual start", c.ActualSessions ?? 0, e.Started);
        if (c.ActualUtilisationPercent is not { } actual || actual <= c.UtilisationPercent * 0.8)
            failures.Add($"actual utilisation {c.ActualUtilisationPercent}% against booked {c.UtilisationPercent}%: expected a little above booked for the past days");
        if (view.Days.Count != 365)
            failures.Add($"the report has {view.Days.Count} days, expected 365");
    }

    private sealed record SplitResult(int Runs, int SessionsRead, double Read, double Pass, double View, double Json, long JsonKb,
        double Load, int BookSessions, LocalDate BookTo, double Answer, int Plans, int CapacityTotal);

    /// <summary>
    /// The same two answers in pieces, each piece timed alone over the run count: the store's
    /// stream of session records, <see cref="Utilisation"/> over them, the view (and its JSON, for
    /// the record); the book load the capacity question makes, and <see cref="SeriesCapacity.Answer"/> on it.
    /// </summary>
    private static async Task<SplitResult> Split(ServiceProvider services, RebookingBook book, Options options, List<string> failures, CancellationToken ct)
    {
        var clinicId = book.Clinic.Id;
        var zone = book.Clinic.Settings.Zone;
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        List<double> read = [], pass = [], viewing = [], serialising = [], load = [], answering = [];
        var count = 0;
        long bytes = 0;
        var bookSessions = 0;
        var plans = 0;
        var total = 0;
        var to = NextMonday;
        for (var run = 0; run < options.Runs; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ISchedulerStore>();
            var clinic = (await store.Clinic(clinicId, ct))!;
            var chairs = await store.Chairs(clinicId, ct);
            var sw = Stopwatch.StartNew();
            var records = new List<SessionRecord>(25_000);
            await foreach (var r in store.SessionRecords(clinicId, From.AtStartOfDayInZone(zone).ToInstant(), Today.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), ct))
                records.Add(r);
            read.Add(sw.Elapsed.TotalMilliseconds);
            count = records.Count;
            sw.Restart();
            var report = Utilisation.Compute(clinic.Settings, chairs, From, Today, records, Now);
            pass.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var view = UtilisationView.Of(clinicId.Value, report, chairDays: false);
            viewing.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            bytes = JsonSerializer.SerializeToUtf8Bytes(view, json).Length;
            serialising.Add(sw.Elapsed.TotalMilliseconds);

            // As CapacityQuestion loads it: from the first week's Monday to the last day a series counted in the last week could reach.
            var protocol = (await store.Protocol(book.Protocol.Id, ct))!;
            var lastWeek = new PlanRequest(PatientId.New(), protocol, NextMonday.PlusWeeks(options.WeeksAhead - 1), Availability.Any, null, 1, 7);
            to = lastWeek.EarliestDate.PlusDays(lastWeek.FirstSessionSearchDays + (protocol.Induction.Count - 1) * protocol.Induction.MaxGapDays
                + lastWeek.Boosters * (protocol.Maintenance?.MaxIntervalDays ?? 0));
            sw.Restart();
            var loaded = await ClinicBook.Load(store, clinic, NextMonday, to, null, ct);
            load.Add(sw.Elapsed.TotalMilliseconds);
            bookSessions = loaded.Index.Count;
            sw.Restart();
            var answer = SeriesCapacity.Answer(loaded.Index, loaded.Chairs, protocol, NextMonday, options.WeeksAhead, Now);
            answering.Add(sw.Elapsed.TotalMilliseconds);
            total = answer.Total;
            plans = answer.Total + answer.Weeks.Count(w => w.Stop == CapacityStop.NoRoom);
            if (run == 0)
                CheckPlaced(loaded.Index, answer, failures);
        }
        return new SplitResult(options.Runs, count, Median(read), Median(pass), Median(viewing), Median(serialising), bytes / 1024,
            Median(load), bookSessions, to, Median(answering), plans, total);
    }

    /// <summary>The series counted: no two on a chair at once, none on a chair taken in the live book, and the whole copy within hours, closures and nurse limits.</summary>
    private static void CheckPlaced(BookIndex live, CapacityAnswer answer, List<string> failures)
    {
        var placed = answer.Weeks.SelectMany(w => w.Series).SelectMany(s => s.Sessions).ToList();
        var clashes = placed.Count(p => !live.IsChairFree(p.Chair, p.Footprint.Start.ToUnixTimeTicks(), p.Footprint.TurnoverEnd.ToUnixTimeTicks()));
        foreach (var chair in placed.GroupBy(p => p.Chair))
        {
            var ordered = chair.OrderBy(p => p.Footprint.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
                clashes += ordered[i].Footprint.Start < ordered[i - 1].Footprint.TurnoverEnd ? 1 : 0;
        }
        if (clashes > 0)
            failures.Add($"{clashes} sessions of the counted series clash on a chair");
        var breaking = answer.Book.SessionsBreakingSettings();
        if (breaking.Count > 0)
            failures.Add($"{breaking.Count} sessions of the book with the counted series break hours, closures or nurse limits");
        if (answer.Book.Count != live.Count + placed.Count)
            failures.Add($"the copy holds {answer.Book.Count} sessions, expected {live.Count} + {placed.Count}");
    }

    /// <summary>
    /// Where the store read's time goes: the SQL the store sends (captured from EF), its query plan,
    /// and the same command run on a plain connection: stepping the rows only (with and without the
    /// rebooking-case subquery), reading every column as SQLite gives it, and reading the instants as
    /// DateTime and the ids as Guid as EF does, against the store's <see cref="ISchedulerStore.SessionRecords"/>.
    /// </summary>
    private static async Task ProfileRead(string path, Guid clinicId, int runs, CancellationToken ct)
    {
        var capture = new CaptureSql();
        await using var services = BuildServices(path, capture);
        var zone = RebookingWorkload.Zone;
        var from = From.AtStartOfDayInZone(zone).ToInstant();
        var to = Today.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        List<double> ef = [];
        var times = new[] { new List<double>(), new List<double>(), new List<double>(), new List<double>() };
        for (var run = 0; run <= runs; run++)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var store = scope.ServiceProvider.GetRequiredService<ISchedulerStore>();
                var sw = Stopwatch.StartNew();
                var n = 0;
                await foreach (var r in store.SessionRecords(new ClinicId(clinicId), from, to, ct))
                    n++;
                if (run > 0)
                    ef.Add(sw.Elapsed.TotalMilliseconds);
            }
            var (sql, parameters) = capture.Last ?? throw new InvalidOperationException("No SQL was captured.");
            var withoutCases = Regex.Replace(sql, @"""s"".""Status"" = 'Cancelled' AND EXISTS \((?:[^()]|\([^()]*\))*\)", "0");
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync(ct);
            for (var mode = 0; mode < 4; mode++)
            {
                await using var command = new SqliteCommand(mode == 1 ? withoutCases : sql, connection);
                foreach (var (name, value, type) in parameters)
                    command.Parameters.Add(new SqliteParameter(name, type) { Value = value ?? DBNull.Value });
                var sw = Stopwatch.StartNew();
                await using (var reader = await command.ExecuteReaderAsync(ct))
                {
                    // Which columns hold instants and ids, from the text of the first row that has them.
                    var kinds = new char[reader.FieldCount];
                    while (await reader.ReadAsync(ct))
                    {
                        if (mode < 2)
                            continue;
                        for (var i = 0; i < reader.FieldCount; i++)
                        {
                            if (reader.IsDBNull(i))
                                continue;
                            if (mode == 2 || kinds[i] == 'v')
                            {
                                _ = reader.GetValue(i);
                                continue;
                            }
                            if (kinds[i] == '\0')
                                kinds[i] = reader.GetValue(i) is string t ? (t.Length == 36 && t[8] == '-' ? 'g' : t.Length >= 19 && t[4] == '-' && t[10] == ' ' ? 'd' : 'v') : 'v';
                            _ = kinds[i] switch
                            {
                                'd' => reader.GetDateTime(i),
                                'g' => (object)reader.GetGuid(i),
                                _ => reader.GetValue(i),
                            };
                        }
                    }
                }
                if (run > 0)
                    times[mode].Add(sw.Elapsed.TotalMilliseconds);
            }
            if (run == runs)
            {
                Console.WriteLine($"profile of the store read (median of {runs}): ISchedulerStore.SessionRecords {Median(ef):0.0} ms; the same SQL on a plain connection: " +
                                  $"stepping the rows {Median(times[0]):0.0} ms ({Median(times[1]):0.0} ms without the rebooking-case subquery), " +
                                  $"and reading every column as SQLite gives it {Median(times[2]):0.0} ms, or with instants as DateTime and ids as Guid {Median(times[3]):0.0} ms");
                Console.WriteLine("  SQL: " + sql.ReplaceLineEndings(" "));
                await using var plan = new SqliteCommand("EXPLAIN QUERY PLAN " + sql, connection);
                foreach (var (name, value, type) in parameters)
                    plan.Parameters.Add(new SqliteParameter(name, type) { Value = value ?? DBNull.Value });
                await using var rows = await plan.ExecuteReaderAsync(ct);
                var steps = new List<string>();
                while (await rows.ReadAsync(ct))
                    steps.Add(rows.GetString(3));
                Console.WriteLine("  plan: " + string.Join(" | ", steps));
            }
        }
    }

    /// <summary>The last reader command EF sent, with its parameters.</summary>
    private sealed class CaptureSql : DbCommandInterceptor
    {
        public (string Sql, List<(string Name, object? Value, SqliteType Type)> Parameters)? Last { get; private set; }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Capture(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            return ValueTask.FromResult(result);
        }

        private void Capture(DbCommand command)
        {
            if (command.CommandText.Contains("FROM \"Sessions\"", StringComparison.Ordinal))
                Last = (command.CommandText, command.Parameters.Cast<SqliteParameter>().Select(p => (p.ParameterName, (object?)p.Value, p.SqliteType)).ToList());
        }
    }

    private static ServiceProvider BuildServices(string databasePath, CaptureSql? capture = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Scheduler"] = $"Data Source={databasePath}" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        // The registrations of src/Scheduler.Web/Program.cs that the two use cases need.
        services.AddSingleton<IClock>(new FixedClock(Now));
        services.AddSchedulerPersistence(configuration);
        services.AddScoped<UtilisationQueries>();
        services.AddScoped<CapacityQuestion>();
        if (capture is not null)
            services.ConfigureDbContext<SchedulerDbContext>(o => o.AddInterceptors(capture));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static async Task Checkpoint(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Options
    {
        public int Runs { get; private set; } = 5;
        public int Chairs { get; private set; } = 30;
        public int WeeksAhead { get; private set; } = 8;
        public int Seed { get; private set; } = RebookingWorkload.DefaultSeed;
        public double PastPerChair { get; private set; } = DefaultPastPerChair;
        public double AheadFirst { get; private set; } = DefaultAheadFirstPerChair;
        public double AheadLast { get; private set; } = DefaultAheadLastPerChair;
        public bool Warmup { get; private set; } = true;
        public bool Keep { get; private set; }
        public bool Profile { get; private set; }

        public static bool TryParse(string[] args, out Options options, out string error)
        {
            options = new Options();
            error = "";
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                int? Positive() => i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;
                switch (arg)
                {
                    case "--runs":
                        options.Runs = Positive() ?? 0;
                        break;
                    case "--chairs":
                        options.Chairs = Positive() ?? 0;
                        break;
                    case "--weeks-ahead":
                        options.WeeksAhead = Positive() is { } w and <= CapacityQuestion.MaxWeeks ? w : 0;
                        break;
                    case "--seed":
                        options.Seed = Positive() ?? 0;
                        break;
                    case "--past-per-chair":
                        if (!double.TryParse(i + 1 < args.Length ? args[++i] : null, CultureInfo.InvariantCulture, out var past) || past is <= 0 or > 5.5)
                        {
                            error = "--past-per-chair takes sessions a chair a day, above 0 and at most 5.5.";
                            return false;
                        }
                        options.PastPerChair = past;
                        break;
                    case "--ahead-per-chair":
                        var parts = (i + 1 < args.Length ? args[++i] : "").Split(',');
                        if (parts.Length is < 1 or > 2 || !parts.All(p => double.TryParse(p, CultureInfo.InvariantCulture, out var a) && a is > 0 and <= 5.5))
                        {
                            error = "--ahead-per-chair takes sessions a chair a day next week and, optionally after a comma, in the last week (above 0, at most 5.5).";
                            return false;
                        }
                        options.AheadFirst = double.Parse(parts[0], CultureInfo.InvariantCulture);
                        options.AheadLast = double.Parse(parts[^1], CultureInfo.InvariantCulture);
                        break;
                    case "--no-warmup":
                        options.Warmup = false;
                        break;
                    case "--profile":
                        options.Profile = true;
                        break;
                    case "--keep":
                        options.Keep = true;
                        break;
                    default:
                        error = $"Unknown argument '{arg}'.";
                        return false;
                }
                if (options.Runs == 0 || options.Chairs == 0 || options.WeeksAhead == 0 || options.Seed == 0)
                {
                    error = $"{arg} takes a positive number{(arg == "--weeks-ahead" ? $" up to {CapacityQuestion.MaxWeeks}" : "")}.";
                    return false;
                }
            }
            return true;
        }
    }
}
