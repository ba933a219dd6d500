using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Application.Background;
using Scheduler.Application.Clinics;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;
using Scheduler.Infrastructure;
using Scheduler.Infrastructure.Persistence;
using Scheduler.Web.Jobs;
using static Scheduler.Benchmarks.BenchmarkSupport;

namespace Scheduler.Benchmarks;

/// <summary>
/// Issue target: closing a 30-chair clinic for a full day (about 90 sessions) finishes rebooking in
/// ≤ 10 s. The book (<see cref="RebookingWorkload"/>) is generated and written to a SQLite file once;
/// each run works on a fresh copy of that file, with the app's services (persistence, reminders,
/// <see cref="CloseDay"/>, <see cref="Disruptions"/>, the rebooking handler as the app registers it),
/// a fixed clock and an <see cref="IBackgroundWork"/> that only records what is asked for. It times
/// <see cref="CloseDay.Handle"/> (the transaction that cancels the day's sessions and opens a case for
/// each) and then the rebooking job, called directly in a scope of its own as the app's job runner
/// does, until no case is pending; then checks the book.
/// </summary>
public static class RebookingRun
{
    private const string Usage = "rebooking [--runs R] [--chairs N] [--per-chair P] [--seed S] [--profile] [--no-warmup] [--keep] [--log-level Warning|Information]";
    private const string Reason = "Snow storm: the clinic is closed";
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(10);

    public static async Task<int> Run(string[] args)
    {
        if (!Options.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine("Usage: Scheduler.Benchmarks " + Usage);
            return 2;
        }
        var ct = CancellationToken.None;
        Console.WriteLine($"rebooking: {options.Chairs} recliners, about {options.PerChair} sessions per chair a day, close {Formats.Day(RebookingWorkload.ClosedDay)}, " +
                          $"clock fixed at {RebookingWorkload.Now.InZone(RebookingWorkload.Zone):yyyy-MM-dd HH:mm} New York; {options.Runs} run(s), a fresh copy of the database each");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite {SqliteVersion()}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC" +
                          (options.Profile ? "; PROFILE: store calls and SQL timed (adds overhead), one replay of the searches before each rebooking" : ""));

        var dir = Path.Combine(Path.GetTempPath(), "scheduler-bench", "rebook-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var sw = Stopwatch.StartNew();
            var book = RebookingWorkload.Generate(SampleFile(), options.Chairs, options.PerChair, options.Seed);
            var generated = sw.Elapsed;
            var seedPath = Path.Combine(dir, "seed.db");
            sw.Restart();
            await using (var sp = BuildServices(seedPath, new RecordingBackgroundWork(), null, options.LogLevel))
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
            var statistics = await Checkpoint(seedPath);
            var seeded = sw.Elapsed;
            Console.WriteLine($"book: {book.Series.Count:N0} series ({RebookingWorkload.Boosters} boosters each), {book.Sessions:N0} sessions, {book.Messages.Count:N0} reminder messages; " +
                              $"{book.Nurses} nurses a shift; {book.OnClosedDay} sessions on the closed day (the generator aims at {book.Target} a day); " +
                              $"{book.FillAround:P1} of the open chair time booked over the four weeks around it; {book.SeriesRefused} series starts found no room; " +
                              $"sessions a day on average by weekday over those weeks: {string.Join(", ", book.PerWeekday.Select(d => $"{d.Key.ToString()[..3]} {d.Value:0}"))}; " +
                              $"generated in {generated.TotalSeconds:0.0} s, written in {seeded.TotalSeconds:0.0} s ({new FileInfo(seedPath).Length / 1_048_576.0:0.0} MB, {statistics})");
            Console.WriteLine();

            var ok = true;
            if (options.Warmup)
                ok &= (await Once(dir, seedPath, book, options, "warm-up", ct)).Ok;
            var results = new List<RunResult>();
            for (var run = 1; run <= options.Runs; run++)
            {
                var result = await Once(dir, seedPath, book, options, $"run {run}", ct);
                results.Add(result);
                ok &= result.Ok;
            }

            Console.WriteLine();
            var total = results.Select(r => r.Total.TotalSeconds).ToList();
            var close = results.Select(r => r.Close.TotalSeconds).ToList();
            var rebook = results.Select(r => r.Rebook.TotalSeconds).ToList();
            Console.WriteLine($"{results.Count} run(s), {options.Chairs} chairs, {results[0].Sessions} sessions on the closed day:");
            Console.WriteLine($"  close day  median {Median(close),6:0.000} s  (min–max {close.Min():0.000}–{close.Max():0.000} s)");
            Console.WriteLine($"  rebooking  median {Median(rebook),6:0.000} s  (min–max {rebook.Min():0.000}–{rebook.Max():0.000} s)");
            Console.WriteLine($"  total      median {Median(total),6:0.000} s  (min–max {total.Min():0.000}–{total.Max():0.000} s)");
            Console.WriteLine($"  cases: held {results[0].Held}, same time {results[0].SameTime}, front desk {results[0].FrontDesk}, no longer needed {results[0].Resolved}" +
                              (results.All(r => r.Held == results[0].Held && r.FrontDesk == results[0].FrontDesk) ? " (every run alike)" : " (runs differ: see above)"));
            var met = results.All(r => r.Total <= Target);
            Console.WriteLine(options.Chairs == 30
                ? $"target (30 chairs, about 90 sessions, rebooked in ≤ 10 s): {(ok && met ? "met" : "NOT met")}{(ok ? "" : " (a check failed)")}"
                : $"target: stated for 30 chairs; every run {(met ? "within" : "NOT within")} 10 s");
            return ok ? 0 : 1;
        }
        finally
        {
            RemoveScratch(dir, options.Keep);
        }
    }

    private static async Task<RunResult> Once(string dir, string seedPath, RebookingBook book, Options options, string label, CancellationToken ct)
    {
        var path = Path.Combine(dir, $"{label.Replace(' ', '-')}.db");
        File.Copy(seedPath, path, true);
        var work = new RecordingBackgroundWork();
        var times = options.Profile ? new StoreTimes() : null;
        var clinicId = book.Clinic.Id;
        var failures = new List<string>();
        await using var sp = BuildServices(path, work, times, options.LogLevel);

        // Phase 1: the front desk closes the day.
        var sw = Stopwatch.StartNew();
        Result<CloseDayView> closed;
        await using (var scope = sp.CreateAsyncScope())
        {
            closed = await scope.ServiceProvider.GetRequiredService<CloseDay>()
                .Handle(clinicId.Value, new CloseDayInput(Formatting.Date(RebookingWorkload.ClosedDay), Reason), ct);
        }
        var close = sw.Elapsed;
        if (!closed.Ok)
        {
            Console.WriteLine($"{label}: closing the day was refused: {closed.Problem!.Detail}");
            return new RunResult(close, TimeSpan.Zero, 0, 0, 0, 0, 0, false);
        }
        var requests = work.Enqueued.Where(e => e.Work is RebookWork).ToList();
        if (requests.Count != 1)
            failures.Add($"closing asked for the rebooking job {requests.Count} times, expected once");
        var closeTimes = times is null ? null : Snapshot(times);

        Replay? replay = null;
        if (options.Profile)
            replay = await ReplaySearches(sp, clinicId, null, ct);
        times?.Clear();

        // Phase 2: the rebooking job, as the app's job runner calls it (a scope of its own per run), until nothing is pending.
        var key = requests.Count > 0 ? requests[0].Key : WorkKeys.Rebook(clinicId);
        var request = requests.Count > 0 ? (RebookWork)requests[0].Work : new RebookWork(clinicId.Value);
        var rebook = TimeSpan.Zero;
        var calls = 0;
        var summaries = new List<string>();
        while (true)
        {
            calls++;
            sw.Restart();
            try
            {
                await using var scope = sp.CreateAsyncScope();
                summaries.Add(await scope.ServiceProvider.GetRequiredService<IWorkHandler<RebookWork>>().Run(request, new WorkContext(key, 1), ct));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"the rebooking job threw {e.GetType().Name}: {e.Message}");
                Console.WriteLine($"    {label}: the rebooking job threw: {e}");
            }
            rebook += sw.Elapsed;
            int pending;
            await using (var scope = sp.CreateAsyncScope())
                pending = (await scope.ServiceProvider.GetRequiredService<SchedulerDbContext>().RebookingCases.AsNoTracking()
                    .CountAsync(c => c.ClinicId == clinicId && c.Status == RebookingStatus.Pending, ct));
            if (pending == 0)
                break;
            if (calls == 5)
            {
                failures.Add($"{pending} case(s) still pending after {calls} runs of the job");
                break;
            }
        }

        var check = await Verify(sp, book, closed.Value!, failures, ct);
        var total = close + rebook;
        Console.WriteLine($"{label}: {check.OnDay} sessions on {Formats.Day(RebookingWorkload.ClosedDay)}, {closed.Value!.RebookingCases.Count} cases: " +
                          $"{check.Held} held, {check.SameTime} same time, {check.FrontDesk} front desk, {check.Resolved} no longer needed; " +
                          $"close {close.TotalSeconds:0.000} s, rebooking {rebook.TotalSeconds:0.000} s ({calls} run{(calls == 1 ? "" : "s")} of the job), " +
                          $"total {total.TotalSeconds:0.000} s; {(failures.Count == 0 ? "checks OK" : "FAILED: " + string.Join("; ", failures))}");
        if (label is "warm-up" or "run 1" || options.Profile)
        {
            Console.WriteLine($"    job: {string.Join(" | ", summaries)}");
            Console.WriteLine($"    {check.Details}");
        }
        if (times is not null)
            PrintProfile(closeTimes!, close, times, rebook, replay!, check.Cases);
        return new RunResult(close, rebook, check.OnDay, check.Held, check.SameTime, check.FrontDesk, check.Resolved, failures.Count == 0);
    }

    private static ServiceProvider BuildServices(string databasePath, RecordingBackgroundWork work, StoreTimes? times, LogLevel logLevel)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Scheduler"] = $"Data Source={databasePath}" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel));
        services.AddSingleton<IConfiguration>(configuration);

        // The registrations of src/Scheduler.Web/Program.cs that closing a day and the rebooking job need.
        services.AddSingleton<IClock>(new FixedClock(RebookingWorkload.Now));
        services.AddScoped<IActor, BenchmarkActor>();
        services.AddSchedulerPersistence(configuration);
        services.AddScoped<SessionReminders>();
        services.AddSingleton(new RebookingOptions());
        services.AddScoped<RebookingHolds>();
        services.AddScoped<Disruptions>();
        services.AddScoped<CloseDay>();
        // Instead of AddBackgroundJobs (Quartz): requests are recorded, and the benchmark runs the job itself.
        services.AddSingleton<IBackgroundWork>(work);
        services.AddWorkHandler<RebookWork, RebookSessions>("rebook");

        if (times is not null)
        {
            services.AddScoped(sp => TimedStore.Wrap(new EfSchedulerStore(sp.GetRequiredService<SchedulerDbContext>()), times));
            services.ConfigureDbContext<SchedulerDbContext>(o => o.AddInterceptors(new SqlTimer(times)));
        }
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private sealed record Check(int OnDay, int Held, int SameTime, int FrontDesk, int Resolved, int Cases, string Details);

    /// <summary>Sanity checks of the book after the run (not a test): failures are added to <paramref name="failures"/>.</summary>
    private static async Task<Check> Verify(ServiceProvider sp, RebookingBook book, CloseDayView closed, List<string> failures, CancellationToken ct)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == book.Clinic.Id, ct);
        var settings = clinic.Settings;
        var zone = settings.Zone;
        var now = RebookingWorkload.Now;
        var notice = new RebookingOptions().Limits.Notice;
        var protocol = book.Protocol;
        var cases = await db.RebookingCases.AsNoTracking().Where(c => c.ClinicId == clinic.Id).ToListAsync(ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.ClinicId == clinic.Id).ToListAsync(ct);
        var byId = sessions.ToDictionary(s => s.Id);
        var occupying = sessions.Where(s => s.Status.Occupies()).ToList();
        LocalDate DateOf(Session s) => s.Footprint.Start.InZone(zone).Date;
        void Fail(string what, int count, IEnumerable<string> examples)
        {
            if (count > 0)
                failures.Add($"{count} {what} (e.g. {string.Join(", ", examples.Take(2))})");
        }

        var onDay = sessions.Count(s => DateOf(s) == RebookingWorkload.ClosedDay);
        if (settings.ClosureOn(RebookingWorkload.ClosedDay) is null)
            failures.Add("the closed day is not a closure");
        if (closed.SessionsCancelled != book.OnClosedDay || cases.Count != book.OnClosedDay || closed.RebookingCases.Count != book.OnClosedDay)
            failures.Add($"{book.OnClosedDay} sessions were booked on the day; closing cancelled {closed.SessionsCancelled} and opened {closed.RebookingCases.Count} cases ({cases.Count} in the database)");
        var stillOnDay = occupying.Where(s => DateOf(s) == RebookingWorkload.ClosedDay).ToList();
        Fail("sessions still booked on the closed day", stillOnDay.Count, stillOnDay.Select(s => s.Id.ToString()));

        // No two sessions holding time overlap on a chair; one session a patient a day.
        var overlaps = new List<string>();
        foreach (var chair in occupying.GroupBy(s => s.ChairId))
        {
            var ordered = chair.OrderBy(s => s.Footprint.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Footprint.Start < ordered[i - 1].Footprint.TurnoverEnd)
                    overlaps.Add($"{ordered[i - 1].Id} and {ordered[i].Id} on {chair.Key}");
            }
        }
        Fail("overlapping pairs of sessions on a chair", overlaps.Count, overlaps);
        var twice = occupying.GroupBy(s => (s.PatientId, DateOf(s))).Where(g => g.Count() > 1).ToList();
        Fail("patient-days with two sessions", twice.Count, twice.Select(g => $"{g.Key.PatientId} on {g.Key.Item2}"));

        // Opening hours, closures, nurse limits of the settings as they are now, over the whole book.
        var index = new BookIndex(settings, occupying.Select(s => new BookedSession(s.Id, s.PatientId, s.ChairId, s.Footprint)));
        var breaking = index.SessionsBreakingSettings();
        Fail("sessions breaking opening hours, closures or nurse limits", breaking.Count, breaking.Select(b => b.Session.ToString()));

        // Every session the rebooking placed or moved, checked with the booking rules against the rest of its day.
        var original = book.Series.SelectMany(s => s.Sessions).ToDictionary(s => s.Id);
        var placed = occupying.Where(s => !original.TryGetValue(s.Id, out var o) || o.Footprint.Start != s.Footprint.Start || o.ChairId != s.ChairId).ToList();
        var chairs = book.Chairs.ToDictionary(c => c.Id);
        var refusals = new List<string>();
        foreach (var s in placed)
        {
            var day = new BookIndex(settings, occupying.Where(o => o.Id != s.Id && DateOf(o) == DateOf(s))
                .Select(o => new BookedSession(o.Id, o.PatientId, o.ChairId, o.Footprint)));
            if (BookingRules.Check(day, chairs[s.ChairId], protocol, s.PatientId, s.Footprint.Start, now, out _) is { } refusal)
                refusals.Add($"{s.Id}: {refusal.Code}");
        }
        Fail("rebooked or moved sessions refused by the booking rules", refusals.Count, refusals);
        var moved = placed.Count(s => original.ContainsKey(s.Id));

        // Series spacing between every two consecutive sessions that hold time; one session per place in a series.
        var spacing = new List<string>();
        foreach (var series in occupying.GroupBy(s => s.SeriesId))
        {
            var ordered = series.OrderBy(s => s.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                if (i > 0 && ordered[i].Ordinal == ordered[i - 1].Ordinal)
                    spacing.Add($"series {series.Key}: session {ordered[i].Ordinal} twice");
                var previous = i > 0 && ordered[i - 1].Ordinal == ordered[i].Ordinal - 1 ? DateOf(ordered[i - 1]) : (LocalDate?)null;
                if (SeriesSpacing.CheckNeighbours(protocol, ordered[i].Ordinal, DateOf(ordered[i]), previous, null) is { } refusal)
                    spacing.Add($"series {series.Key}: {refusal.Message}");
            }
        }
        Fail("spacing problems", spacing.Count, spacing);

        // Each case's outcome agrees with the book.
        var pending = cases.Count(c => c.Status == RebookingStatus.Pending);
        if (pending > 0)
            failures.Add($"{pending} cases still pending");
        var wrong = new List<string>();
        var occupyingPlaces = occupying.Select(s => (s.SeriesId, s.Ordinal)).ToHashSet();
        var messages = await db.Messages.AsNoTracking().Where(m => m.ClinicId == clinic.Id && (m.RelatedId != null || m.Status == MessageStatus.Scheduled))
            .Select(m => new { m.SessionId, m.RelatedId, m.Kind, m.Status }).ToListAsync(ct);
        var asked = messages.Where(m => m.RelatedId != null && m.Kind == ReminderKind.Rebooking).GroupBy(m => m.RelatedId!.Value).ToDictionary(g => g.Key, g => g.Count());
        foreach (var c in cases)
        {
            switch (c.Status)
            {
                case RebookingStatus.Held or RebookingStatus.Rebooked:
                    if (c.HeldSessionId is not { } heldId || !byId.TryGetValue(heldId, out var s) || !s.Status.Occupies() || s.Ordinal != c.Ordinal || s.SeriesId != c.SeriesId)
                        wrong.Add($"case {c.Id}: its held session is missing or not the series' session {c.Ordinal}");
                    else if (DateOf(s) == RebookingWorkload.ClosedDay || s.Footprint.Start < now + notice)
                        wrong.Add($"case {c.Id}: held at {s.Footprint.Start}, on the closed day or with less than the notice");
                    if (c.Status == RebookingStatus.Held && asked.GetValueOrDefault(c.Id) != 1)
                        wrong.Add($"case {c.Id}: {asked.GetValueOrDefault(c.Id)} rebooking messages to the patient, expected 1");
                    break;
                case RebookingStatus.FrontDesk:
                    if (occupyingPlaces.Contains((c.SeriesId, c.Ordinal)))
                        wrong.Add($"case {c.Id}: with the front desk but session {c.Ordinal} of the series is booked");
                    if (string.IsNullOrWhiteSpace(c.FrontDeskReason))
                        wrong.Add($"case {c.Id}: with the front desk without a reason");
                    break;
            }
        }
        Fail("cases whose outcome disagrees with the book", wrong.Count, wrong);

        // Closing stopped the reminders of the cancelled sessions.
        var cancelledIds = sessions.Where(s => DateOf(s) == RebookingWorkload.ClosedDay).Select(s => s.Id).ToHashSet();
        var stillDue = messages.Count(m => m.Status == MessageStatus.Scheduled && m.RelatedId == null && cancelledIds.Contains(m.SessionId));
        if (stillDue > 0)
            failures.Add($"{stillDue} reminders of cancelled sessions still scheduled");

        var held = cases.Where(c => c.Status == RebookingStatus.Held).ToList();
        var sameTime = cases.Count(c => c.Status == RebookingStatus.Rebooked && c.HeldStart == c.OriginalStart);
        var frontDesk = cases.Where(c => c.Status == RebookingStatus.FrontDesk).ToList();
        var offsets = held.Where(c => c.HeldStart is not null)
            .GroupBy(c => Period.DaysBetween(c.OriginalStart.InZone(zone).Date, c.HeldStart!.Value.InZone(zone).Date))
            .OrderBy(g => g.Key).Select(g => $"{g.Key:+0;-0}d×{g.Count()}");
        var reasons = frontDesk.GroupBy(c => Shorten(c.FrontDeskReason ?? "")).OrderByDescending(g => g.Count()).Take(3)
            .Select(g => $"{g.Count()}× \"{g.Key}\"");
        string Offset(RebookingCase c) => $"{Period.DaysBetween(c.OriginalStart.InZone(zone).Date, c.HeldStart!.Value.InZone(zone).Date):+0;-0}d";
        var byOrdinal = cases.GroupBy(c => c.Ordinal).OrderBy(g => g.Key).Select(g =>
            $"session {g.Key}: {g.Count()} → " + string.Join(", ",
                g.Where(c => c.HeldStart is not null).GroupBy(Offset).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}×{o.Count()}")
                    .Concat(g.Count(c => c.Status == RebookingStatus.FrontDesk) is var fd and > 0 ? [$"front desk×{fd}"] : [])));
        var details = $"held at (days from the closed day): {string.Join(" ", offsets)}; {held.Count(c => c.Shifted is not null)} held cases moved later sessions too " +
                      $"({moved} sessions moved, {placed.Count - moved} make-up sessions, all pass the booking rules)" +
                      $"\n    by place in the series: {string.Join("; ", byOrdinal)}" +
                      (frontDesk.Count > 0 ? $"\n    front desk: {string.Join("; ", reasons)}" +
                       string.Concat(frontDesk.GroupBy(c => c.Ordinal).OrderBy(g => g.Key).Select(g => $"\n      session {g.Key}, e.g.: {g.First().FrontDeskReason}")) : "");
        if (frontDesk.Count > 0)
        {
            // The same search again for each case sent to the front desk, on the book as the run left it (fuller than when the case was decided).
            var again = await ReplaySearches(sp, clinic.Id, frontDesk.Select(c => c.Id).ToList(), ct);
            var foundNow = again.Results.Where(r => r.Found).ToList();
            details += $"\n    the same search again on the final book for the {frontDesk.Count} front-desk cases: {foundNow.Count} find a time now" +
                       (foundNow.Count > 0 ? $" (e.g. session {foundNow[0].Ordinal}: {foundNow[0].Where})" : "") +
                       $"; slot probes median {Median(again.Probes.Select(p => (double)p).ToList()):N0}, max {again.Probes.DefaultIfEmpty().Max():N0}, " +
                       $"{again.OverBudget.Count} over the search's budget of {ProbeBudget:N0}";
        }
        return new Check(onDay, held.Count, sameTime, frontDesk.Count, cases.Count(c => c.Status == RebookingStatus.Resolved), cases.Count, details);
    }

    private static string Shorten(string reason)
    {
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        var head = colon > 0 ? reason[..colon] : reason;
        return head.Length > 110 ? head[..110] + "…" : head;
    }

    private sealed record Replay(int Cases, TimeSpan Load, TimeSpan Occupying, TimeSpan Chairs, TimeSpan Search, long SessionsLoaded, int Found,
        TimeSpan FromToday, long FromTodayLoaded, List<int> Probes, List<int> OverBudget, List<(int Ordinal, bool Found, int Probes, string? Where)> Results);

    private static readonly System.Reflection.FieldInfo? ProbesField =
        typeof(RebookingSearch).GetField("_probes", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);

    private static int ProbeBudget =>
        typeof(RebookingSearch).GetField("ProbeBudget", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)?.GetValue(null) as int? ?? int.MaxValue;

    /// <summary>
    /// For the profile: each pending case's book load and search as <c>RebookSessions</c> makes them
    /// (same window, same arguments), timed apart, read-only, on the book as closing left it.
    /// </summary>
    private static async Task<Replay> ReplaySearches(ServiceProvider sp, ClinicId clinicId, IReadOnlyList<Guid>? caseIds, CancellationToken ct)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var times = new StoreTimes();
        var store = TimedStore.Wrap(new EfSchedulerStore(db), times);
        var options = new RebookingOptions();
        var now = RebookingWorkload.Now;
        var clinic = (await store.Clinic(clinicId, ct))!;
        var zone = clinic.Settings.Zone;
        TimeSpan load = TimeSpan.Zero, search = TimeSpan.Zero, narrow = TimeSpan.Zero;
        long loaded = 0, narrowLoaded = 0;
        var probes = new List<int>();
        var overBudget = new List<int>();
        var found = 0;
        var ids = caseIds ?? await store.PendingRebookings(clinicId, ct);
        var results = new List<(int Ordinal, bool Found, int Probes, string? Where)>();
        foreach (var id in ids)
        {
            var c = (await store.RebookingCase(id, ct))!;
            var series = (await store.Series(c.SeriesId, ct))!;
            var protocol = (await store.Protocol(series.ProtocolId, ct))!;
            var patient = (await store.Patient(series.PatientId, ct))!;
            var movable = series.Sessions.Where(s => s.Ordinal >= c.Ordinal && s.Status.Occupies()).ToList();
            var originalDate = c.OriginalStart.InZone(zone).Date;
            var lastDate = movable.Select(s => s.Footprint.Start.InZone(zone).Date).DefaultIfEmpty(originalDate).Max();
            var widestGap = protocol.Maintenance is { } m ? Math.Max(m.MaxIntervalDays, protocol.Induction.MaxGapDays) : protocol.Induction.MaxGapDays;
            var from = LocalDate.Min(now.InZone(zone).Date, originalDate.PlusDays(-options.SearchDays));
            var to = LocalDate.Max(originalDate.PlusDays(options.SearchDays), lastDate).PlusDays(widestGap + 1);
            var sw = Stopwatch.StartNew();
            var book = await ClinicBook.LoadWithout(store, clinic, from, to, movable.Select(s => s.Id).ToHashSet(), ct);
            load += sw.Elapsed;
            loaded += book.Index.Count;
            sw.Restart();
            var finder = new RebookingSearch(book.Index, book.Chairs, protocol, patient.Id, patient.Availability, now, options.Limits);
            var outcome = finder.Find(series.Sessions, c.Ordinal, null, c.OriginalStart, c.OriginalChairId, c.Trigger is RebookingTrigger.PatientCancelled or RebookingTrigger.NoShow);
            search += sw.Elapsed;
            // The search's own count of slot probes (private; read for the profile only), against its budget.
            if (ProbesField?.GetValue(finder) is int used)
            {
                probes.Add(used);
                if (used > ProbeBudget)
                    overBudget.Add(c.Ordinal);
            }
            if (outcome.Found)
                found++;
            results.Add((c.Ordinal, outcome.Found, ProbesField?.GetValue(finder) as int? ?? -1,
                outcome.Plan is { } plan ? $"{Formats.DayTime(plan.Main.Footprint.Start, zone)}, {plan.Shifts.Count} later session(s) moved" : null));
            // What the same load costs from today on (the search never offers a day before today).
            var fromToday = LocalDate.Max(now.InZone(zone).Date, originalDate.PlusDays(-options.SearchDays));
            sw.Restart();
            narrowLoaded += (await store.Occupying(clinic.Id, fromToday.PlusDays(-1).AtStartOfDayInZone(zone).ToInstant(),
                to.PlusDays(2).AtStartOfDayInZone(zone).ToInstant(), ct)).Count;
            narrow += sw.Elapsed;
            db.ChangeTracker.Clear();
        }
        return new Replay(ids.Count, load, times.Of(nameof(ISchedulerStore.Occupying)) - narrow, times.Of(nameof(ISchedulerStore.Chairs)), search,
            loaded, found, narrow, narrowLoaded, probes, overBudget, results);
    }

    private sealed record PhaseSnapshot(List<(string Method, TimeSpan Total, long Calls)> Methods, TimeSpan Sql, long SqlCommands);

    private static PhaseSnapshot Snapshot(StoreTimes t) => new(t.Methods.ToList(), t.Sql, t.SqlCommands);

    private static void PrintProfile(PhaseSnapshot closeTimes, TimeSpan close, StoreTimes rebookTimes, TimeSpan rebook, Replay replay, int cases)
    {
        static void Phase(string name, TimeSpan wall, List<(string Method, TimeSpan Total, long Calls)> methods, TimeSpan sql, long commands, int cases)
        {
            var work = methods.FirstOrDefault(m => m.Method == TimedStore.Work).Total;
            var inStore = methods.FirstOrDefault(m => m.Method == TimedStore.InsideWork).Total;
            Console.WriteLine($"    {name} {wall.TotalSeconds:0.000} s ({wall.TotalMilliseconds / Math.Max(1, cases):0.0} ms a case): {commands:N0} SQL commands, {sql.TotalSeconds:0.000} s in them (rows read included); " +
                              $"inside the booking lock {work.TotalSeconds:0.000} s, of which outside store calls (rules, search, index building, EF tracking) {(work - inStore).TotalSeconds:0.000} s");
            foreach (var (method, total, calls) in methods.Where(m => m.Method is not (TimedStore.Work or TimedStore.InsideWork)).Take(10))
                Console.WriteLine($"      {total.TotalSeconds,7:0.000} s {calls,6:N0}× {total.TotalMilliseconds / calls,8:0.00} ms  {method}");
        }

        Phase("close", close, closeTimes.Methods, closeTimes.Sql, closeTimes.SqlCommands, cases);
        Phase("rebooking", rebook, rebookTimes.Methods.ToList(), rebookTimes.Sql, rebookTimes.SqlCommands, cases);
        if (replay.Cases > 0)
        {
            var index = replay.Load - replay.Occupying - replay.Chairs;
            Console.WriteLine($"    replay of the {replay.Cases} searches on the book as closing left it ({replay.Found} found a time): per case, " +
                              $"ClinicBook.LoadWithout {replay.Load.TotalMilliseconds / replay.Cases:0.00} ms (Occupying {replay.Occupying.TotalMilliseconds / replay.Cases:0.00} ms for " +
                              $"{replay.SessionsLoaded / replay.Cases:N0} sessions, Chairs {replay.Chairs.TotalMilliseconds / replay.Cases:0.00} ms, BookIndex {index.TotalMilliseconds / replay.Cases:0.00} ms), " +
                              $"RebookingSearch.Find {replay.Search.TotalMilliseconds / replay.Cases:0.00} ms; in all {replay.Load.TotalSeconds:0.000} s + {replay.Search.TotalSeconds:0.000} s");
            Console.WriteLine($"    the same Occupying from today on instead of from {new RebookingOptions().SearchDays} days before the closed day: " +
                              $"{replay.FromTodayLoaded / replay.Cases:N0} sessions, {replay.FromToday.TotalMilliseconds / replay.Cases:0.00} ms a case");
            if (replay.Probes.Count > 0)
                Console.WriteLine($"    slot probes per search: median {Median(replay.Probes.Select(p => (double)p).ToList()):N0}, max {replay.Probes.Max():N0}; " +
                                  $"{replay.OverBudget.Count} search(es) ran out of the budget of {ProbeBudget:N0}" +
                                  (replay.OverBudget.Count > 0 ? $" (sessions {string.Join(", ", replay.OverBudget.Order())})" : ""));
        }
    }

    private static async Task<string> Checkpoint(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using (var command = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection))
            await command.ExecuteNonQueryAsync();
        await using (var command = new SqliteCommand("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'", connection))
        {
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
                return "no planner statistics";
        }
        await using (var command = new SqliteCommand("SELECT group_concat(DISTINCT tbl) FROM sqlite_stat1", connection))
            return $"statistics on {await command.ExecuteScalarAsync()}";
    }

    private sealed record RunResult(TimeSpan Close, TimeSpan Rebook, int Sessions, int Held, int SameTime, int FrontDesk, int Resolved, bool Ok)
    {
        public TimeSpan Total => Close + Rebook;
    }

    private sealed class Options
    {
        public int Runs { get; private set; } = 5;
        public int Chairs { get; private set; } = 30;
        public int PerChair { get; private set; } = 3;
        public int Seed { get; private set; } = RebookingWorkload.DefaultSeed;
        public bool Profile { get; private set; }
        public bool Warmup { get; private set; } = true;
        public bool Keep { get; private set; }
        public LogLevel LogLevel { get; private set; } = LogLevel.Warning;

        public static bool TryParse(string[] args, out Options options, out string error)
        {
            options = new Options();
            error = "";
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                string? Next() => i + 1 < args.Length ? args[++i] : null;
                int? Positive()
                {
                    var text = Next();
                    return int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;
                }
                switch (arg)
                {
                    case "--runs":
                        options.Runs = Positive() ?? 0;
                        break;
                    case "--chairs":
                        options.Chairs = Positive() ?? 0;
                        break;
                    case "--per-chair":
                        options.PerChair = Positive() ?? 0;
                        if (options.PerChair > 5)
                            options.PerChair = 0;
                        break;
                    case "--seed":
                        options.Seed = Positive() ?? 0;
                        break;
                    case "--profile":
                        options.Profile = true;
                        break;
                    case "--no-warmup":
                        options.Warmup = false;
                        break;
                    case "--keep":
                        options.Keep = true;
                        break;
                    case "--log-level":
                        if (!Enum.TryParse<LogLevel>(Next(), true, out var level))
                        {
                            error = "--log-level takes Warning, Information, ...";
                            return false;
                        }
                        options.LogLevel = level;
                        break;
                    default:
                        error = $"Unknown argument '{arg}'.";
                        return false;
                }
                if (options.Runs == 0 || options.Chairs == 0 || options.PerChair == 0 || options.Seed == 0)
                {
                    error = $"{arg} takes a positive number{(arg == "--per-chair" ? " from 1 to 5 (sessions per chair a day)" : "")}.";
                    return false;
                }
            }
            return true;
        }
    }
}
