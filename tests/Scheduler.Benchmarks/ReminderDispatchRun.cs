using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using Scheduler.Application.Reminders;
using Scheduler.Infrastructure;
using Scheduler.Infrastructure.Delivery;
using Scheduler.Infrastructure.Persistence;
using Scheduler.Web.Jobs;
using static Scheduler.Benchmarks.BenchmarkSupport;

namespace Scheduler.Benchmarks;

/// <summary>
/// Issue target: 100,000 reminders falling due in the same minute are dispatched through the
/// embedded channel in ≤ 60 s, none sent twice. Each run seeds a fresh SQLite database
/// (<see cref="ReminderWorkload"/>), builds a host with the app's own registrations (persistence,
/// senders, <c>AddBackgroundJobs</c>: Quartz with a persistent store in a SQLite file of its own),
/// triggers <see cref="DispatchRemindersJob"/> through Quartz and times it from the trigger to the
/// end of the run, then checks the outcome in the database and at the senders.
/// </summary>
public static class ReminderDispatchRun
{
    private const string Usage =
        "reminders [count] [--batch-size B[,B...]] [--runs R] [--phases] [--statements] [--log-level Warning|Information] [--no-warmup] [--keep] [--analyze] [--cache-mb M]";

    public static async Task<int> Run(string[] args)
    {
        if (!Options.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine("Usage: Scheduler.Benchmarks " + Usage);
            return 2;
        }
        var sample = SampleFile();
        Console.WriteLine($"reminders: {options.Count:N0} messages due at {ReminderWorkload.DueMinute} (10:00 America/New_York), clock fixed at {ReminderWorkload.Now}; " +
                          $"batch size {string.Join(", ", options.BatchSizes)}; {options.Runs} run(s) each, fresh databases, sizes interleaved");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite {SqliteVersion()}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
                          $"log level {options.LogLevel} (the embedded sender logs each message at Information), phases {(options.Phases ? "timed" : "not timed")}");
        if (options.Analyze)
            Console.WriteLine("ANALYZE on the seeded database before each run");
        if (options.CacheMegabytes is { } cache)
            Console.WriteLine($"PROTOTYPE: SQLite page cache {cache} MB per connection (the app leaves SQLite's default, 2 MB)");
        Console.WriteLine();

        var ok = true;
        if (options.Warmup)
        {
            // The first run in a process pays for JIT and EF model building; an app that has been up has paid already.
            var warm = await Once(Math.Min(options.Count, 5_000), options.BatchSizes[0], options, sample, "warm-up");
            ok &= warm.Ok;
        }
        var results = options.BatchSizes.ToDictionary(b => b, _ => new List<RunResult>());
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var batch in options.BatchSizes)
            {
                var result = await Once(options.Count, batch, options, sample, $"run {run}");
                results[batch].Add(result);
                ok &= result.Ok;
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{options.Count:N0} messages, {options.Runs} run(s) per batch size; dispatch = trigger to end of the Quartz job");
        Console.WriteLine($"{"batch",6} {"dispatch median",16} {"min–max",16} {"msg/s (median)",15} {"CPU median",11} {"seeding median",15}  checks");
        foreach (var (batch, runs) in results)
        {
            var dispatch = runs.Select(r => r.Dispatch.TotalSeconds).ToList();
            var seeding = runs.Select(r => r.Seeding.TotalSeconds).ToList();
            var cpu = runs.Select(r => r.Cpu.TotalSeconds).ToList();
            Console.WriteLine($"{batch,6} {Median(dispatch),14:0.00} s {dispatch.Min(),7:0.00}–{dispatch.Max():0.00} s {options.Count / Median(dispatch),15:N0} " +
                              $"{Median(cpu),9:0.00} s {Median(seeding),13:0.00} s  {(runs.All(r => r.Ok) ? "all passed" : "FAILED")}");
        }
        if (results.Count > 1)
        {
            var best = results.MinBy(r => Median(r.Value.Select(x => x.Dispatch.TotalSeconds).ToList()));
            Console.WriteLine($"fastest median: batch size {best.Key}");
        }
        var target = results.Values.SelectMany(r => r).All(r => r.Dispatch <= TimeSpan.FromSeconds(60));
        Console.WriteLine(options.Count == 100_000
            ? $"target (100,000 in ≤ 60 s, none twice): {(ok && target ? "met" : "NOT met")}"
            : "target: it is stated for 100,000 messages (the default count)");
        return ok ? 0 : 1;
    }

    private static async Task<RunResult> Once(int count, int batchSize, Options options, string sampleFile, string label)
    {
        var ct = CancellationToken.None;
        var dir = Path.Combine(Path.GetTempPath(), "scheduler-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var databasePath = Path.Combine(dir, "scheduler.db");
        try
        {
            var counter = new SendCounter();
            var phases = options.Phases ? new PhaseTimes() : null;
            using var host = BuildHost(dir, databasePath, batchSize, options.LogLevel, counter, phases, options.CacheMegabytes);

            ReminderSeed seed;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
                await DatabaseInitializer.Migrate(db, ct);
                seed = await ReminderWorkload.Seed(db, count, sampleFile, ct);
                if (options.Analyze)
                    await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            }

            // The app's trigger fires once at start-up and then every EverySeconds: paused here, so the
            // only run is the one triggered below, as SchedulerApp.DispatchReminders() does in the tests.
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
            foreach (var trigger in await scheduler.GetTriggersOfJob(DispatchRemindersJob.Key, ct))
                await scheduler.PauseTrigger(trigger.Key, ct);
            var request = Guid.NewGuid().ToString("N");
            var listener = new RunListener(request);
            scheduler.ListenerManager.AddJobListener(listener, Matchers.Key(DispatchRemindersJob.Key));
            await host.StartAsync(ct);

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            await scheduler.TriggerJob(DispatchRemindersJob.Key, new JobDataMap { ["request"] = request }, ct);
            var (report, jobRunTime) = await listener.Done.Task.WaitAsync(TimeSpan.FromMinutes(30), ct);
            var dispatch = sw.Elapsed;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            await host.StopAsync(ct);

            var embedded = host.Services.GetRequiredService<MessageSenders>().AllEmbedded;
            var check = await Verify(databasePath, seed, counter, report, listener.Executions, embedded);
            var rate = count / dispatch.TotalSeconds;
            Console.WriteLine($"{label}: batch {batchSize}, {count:N0} messages: seeding {seed.Elapsed.TotalSeconds:0.00} s; " +
                              $"dispatch {dispatch.TotalSeconds:0.00} s (job {jobRunTime.TotalSeconds:0.00} s, process CPU {cpu.TotalSeconds:0.00} s), {rate:N0} msg/s; {check.Summary}");
            if (phases is not null)
                PrintPhases(phases, jobRunTime, options.Statements);
            if (options.Keep)
                Console.WriteLine($"    kept {dir}");
            return new RunResult(seed.Elapsed, dispatch, cpu, check.Ok);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                if (!options.Keep)
                    Directory.Delete(dir, true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static IHost BuildHost(string dir, string databasePath, int batchSize, LogLevel logLevel, SendCounter counter, PhaseTimes? phases,
        int? cacheMegabytes)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Scheduler"] = $"Data Source={databasePath}",
            ["Quartz:ConnectionString"] = $"Data Source={Path.Combine(dir, "quartz.db")}",
            // Quartz keeps one scheduler per name per process.
            ["Quartz:InstanceName"] = "bench-" + Path.GetFileName(dir),
            ["Reminders:Dispatch:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Reminders:Dispatch:EverySeconds"] = "3600",
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel);

        // The registrations of src/Scheduler.Web/Program.cs that the dispatcher needs, in the same order.
        var services = builder.Services;
        services.AddSingleton<IClock>(new FixedClock(ReminderWorkload.Now));
        services.AddSchedulerPersistence(builder.Configuration);
        services.AddSingleton(new ReminderLinks(LinkKey.DefaultBaseUrl, RandomNumberGenerator.GetBytes(32)));
        services.AddReminderSenders(builder.Configuration);
        foreach (var registered in services.Where(d => d.ServiceType == typeof(IMessageSender)).ToList())
            services.AddSingleton<IMessageSender>(sp => new CountingSender(Resolve<IMessageSender>(registered, sp), counter));
        services.AddScoped<IReminderOutbox, EfReminderOutbox>();
        services.AddScoped<ReminderDispatcher>();
        services.AddBackgroundJobs(builder.Configuration);

        // Measurement aids, off by default: a page cache size, and timers.
        static IReminderOutbox Outbox(IServiceProvider sp) => new EfReminderOutbox(sp.GetRequiredService<SchedulerDbContext>());
        if (cacheMegabytes is { } mb)
            services.ConfigureDbContext<SchedulerDbContext>(o => o.AddInterceptors(new CacheSizeInterceptor(mb)));
        if (phases is not null)
        {
            services.AddScoped<IReminderOutbox>(sp => new TimedOutbox(Outbox(sp), phases));
            services.ConfigureDbContext<SchedulerDbContext>(o => o.AddInterceptors(new CommandTimer(phases)));
        }
        return builder.Build();
    }

    private static T Resolve<T>(ServiceDescriptor descriptor, IServiceProvider sp) where T : class =>
        (T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));

    private static async Task<Check> Verify(string databasePath, ReminderSeed seed, SendCounter counter, DispatchReport report, int executions, bool embedded)
    {
        var problems = new List<string>();
        if (!embedded)
            problems.Add("a channel's sender is not the embedded one");
        var byStatus = new Dictionary<string, int>(StringComparer.Ordinal);
        var byChannel = new Dictionary<string, int>(StringComparer.Ordinal);
        var sentIds = new HashSet<Guid>();
        await using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using (var command = new SqliteCommand("SELECT \"Status\", \"Channel\", \"Id\" FROM \"ReminderMessages\"", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var status = reader.GetString(0);
                    byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                    if (status == "Sent")
                    {
                        var channel = reader.IsDBNull(1) ? "(none)" : reader.GetString(1);
                        byChannel[channel] = byChannel.GetValueOrDefault(channel) + 1;
                        sentIds.Add(reader.GetGuid(2));
                    }
                }
            }
        }
        var sent = byStatus.GetValueOrDefault("Sent");
        var left = byStatus.GetValueOrDefault("Scheduled") + byStatus.GetValueOrDefault("Sending");
        if (sent != seed.Messages)
            problems.Add($"{sent:N0} of {seed.Messages:N0} messages are Sent ({string.Join(", ", byStatus.Select(s => $"{s.Key} {s.Value:N0}"))})");
        if (left != 0)
            problems.Add($"{left:N0} left Scheduled or Sending");
        if (byChannel.GetValueOrDefault("Sms") != seed.SmsExpected || byChannel.GetValueOrDefault("Email") != seed.EmailExpected)
            problems.Add($"channels: {string.Join(", ", byChannel.Select(c => $"{c.Key} {c.Value:N0}"))}, expected Sms {seed.SmsExpected:N0}, Email {seed.EmailExpected:N0}");
        var twice = counter.Calls.Count(c => c.Value != 1);
        if (counter.Calls.Count != seed.Messages || twice != 0)
            problems.Add($"the senders saw {counter.Calls.Count:N0} distinct ids, {twice:N0} of them more than once");
        if (!sentIds.SetEquals(counter.Calls.Keys))
            problems.Add("the ids the senders saw are not the ids recorded as Sent");
        if (report.Claimed != seed.Messages || report.Sent != seed.Messages)
            problems.Add($"the job reported {report.Claimed:N0} claimed, {report.Sent:N0} sent, {report.Suppressed:N0} suppressed, {report.Failed:N0} failed");
        if (executions != 1)
            problems.Add($"the job ran {executions} times, expected once");
        var summary = problems.Count == 0
            ? $"{sent:N0} Sent (SMS {byChannel.GetValueOrDefault("Sms"):N0}, email {byChannel.GetValueOrDefault("Email"):N0}), 0 left, " +
              $"{counter.Calls.Count:N0} ids sent once each: OK"
            : "FAILED: " + string.Join("; ", problems);
        return new Check(problems.Count == 0, summary);
    }

    private static void PrintPhases(PhaseTimes p, TimeSpan job, bool statements)
    {
        var rest = job - p.Settle - p.Claim - p.Facts - p.Save;
        Console.WriteLine($"    {p.Batches} batches; per phase, summed (of which inside SQLite commands, rows read included):");
        Console.WriteLine($"    settle abandoned {Ms(p.Settle)}; claim {Ms(p.Claim)} (UPDATE {Ms(p.SqlClaimUpdate)} in {p.ClaimUpdates} statements, read claimed {Ms(p.SqlClaimRead)}); " +
                          $"facts {Ms(p.Facts)} (SQL {Ms(p.SqlFacts)}); save {Ms(p.Save)} (SQL {Ms(p.SqlSave)} in {p.SaveCommands:N0} commands); " +
                          $"other SQL {Ms(p.SqlOther)}; decide, render, send and scopes {Ms(rest)}");
        if (!statements)
            return;
        foreach (var (sql, count, total) in p.Statements.Take(12))
        {
            var oneLine = string.Join(' ', sql.Split((char[])['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
            Console.WriteLine($"      {Ms(total),9} {count,7:N0}x  {(oneLine.Length > 400 ? oneLine[..400] + "…" : oneLine)}");
        }
    }

    private static string Ms(TimeSpan t) => $"{t.TotalSeconds:0.00} s";

    private sealed record RunResult(TimeSpan Seeding, TimeSpan Dispatch, TimeSpan Cpu, bool Ok);

    private sealed record Check(bool Ok, string Summary);

    private sealed class Options
    {
        public int Count { get; private set; } = 100_000;
        public List<int> BatchSizes { get; } = [];
        public int Runs { get; private set; } = 3;
        public bool Phases { get; private set; }
        public bool Warmup { get; private set; } = true;
        public bool Statements { get; private set; }
        public bool Keep { get; private set; }
        public bool Analyze { get; private set; }
        public int? CacheMegabytes { get; private set; }
        public LogLevel LogLevel { get; private set; } = LogLevel.Warning;

        public static bool TryParse(string[] args, out Options options, out string error)
        {
            options = new Options();
            error = "";
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                string? Next() => i + 1 < args.Length ? args[++i] : null;
                switch (arg)
                {
                    case "--batch-size":
                        foreach (var part in (Next() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                        {
                            if (!int.TryParse(part, CultureInfo.InvariantCulture, out var b) || b < 1)
                            {
                                error = $"--batch-size takes positive numbers, not '{part}'.";
                                return false;
                            }
                            options.BatchSizes.Add(b);
                        }
                        break;
                    case "--runs":
                        if (!int.TryParse(Next(), CultureInfo.InvariantCulture, out var r) || r < 1)
                        {
                            error = "--runs takes a positive number.";
                            return false;
                        }
                        options.Runs = r;
                        break;
                    case "--phases":
                        options.Phases = true;
                        break;
                    case "--statements":
                        options.Phases = true;
                        options.Statements = true;
                        break;
                    case "--analyze":
                        options.Analyze = true;
                        break;
                    case "--cache-mb":
                        if (!int.TryParse(Next(), CultureInfo.InvariantCulture, out var mb) || mb < 1)
                        {
                            error = "--cache-mb takes a positive number of megabytes.";
                            return false;
                        }
                        options.CacheMegabytes = mb;
                        break;
                    case "--keep":
                        options.Keep = true;
                        break;
                    case "--no-warmup":
                        options.Warmup = false;
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
                        if (!int.TryParse(arg, CultureInfo.InvariantCulture, out var n) || n < 1)
                        {
                            error = $"Unknown argument '{arg}'.";
                            return false;
                        }
                        options.Count = n;
                        break;
                }
            }
            if (options.BatchSizes.Count == 0)
                options.BatchSizes.Add(new DispatchOptions().BatchSize);
            return true;
        }
    }

    /// <summary>Waits for the run that carries <c>request</c> in its data map; counts every run of the job.</summary>
    private sealed class RunListener(string request) : IJobListener
    {
        private int _executions;

        public TaskCompletionSource<(DispatchReport Report, TimeSpan RunTime)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Name { get; } = "bench-run-" + request;
        public int Executions => _executions;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _executions);
            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.MergedJobDataMap.GetString("request") == request)
            {
                if (jobException is not null)
                    Done.TrySetException(jobException);
                else
                    Done.TrySetResult(((DispatchReport)context.Result!, context.JobRunTime));
            }
            return ValueTask.CompletedTask;
        }
    }
}
