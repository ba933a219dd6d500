using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Quartz;
using Scheduler.Application.Background;
using Scheduler.Application.Common;
using Scheduler.Domain.Audit;
using Scheduler.Web.Jobs;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>
/// <see cref="IBackgroundWork"/> on the real app and its real Quartz SQLite store, with test kinds of
/// work: a piece of work runs and leaves a WorkRun per attempt; a key still waiting or running is not
/// added twice; a failure is retried with a growing wait; a continuation waits for its parent's
/// success; work outlives a restart, whether it had not started or was cut short by the stop (and a
/// recovered run is still retried, with what continues it still waiting for it).
/// </summary>
public sealed class BackgroundWorkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Enqueue_RunsTheWork_AndItsRunSaysSucceededWithTheSummary()
    {
        var log = new WorkLog();
        await using var app = Start(log);
        var clinic = Guid.NewGuid();

        await Work(app).Enqueue("note-1", new NoteWork("hello", clinic), CancellationToken.None);

        var run = (await RunsUntil(app, "note-1", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded))).Single();
        Assert.Equal(("note", "note-1", clinic, 1), (run.Kind, run.Key, run.ClinicId, run.Attempt));
        Assert.Equal("Noted hello.", run.Summary);
        Assert.Null(run.Error);
        Assert.Equal(app.Clock.GetCurrentInstant(), run.FinishedAt);
        Assert.Equal(["hello"], log.Of("note-1").Select(c => c.What));
    }

    [Fact]
    public async Task Schedule_RunsTheWorkAtItsMoment_OrAtOnceWhenThatHasPassed()
    {
        var log = new WorkLog();
        await using var app = Start(log);
        var scheduler = await Scheduler(app);
        var asked = Stopwatch.GetTimestamp();
        var quartzNow = Instant.FromDateTimeOffset(scheduler.TimeProvider.GetUtcNow());

        await Work(app).Schedule("later", new NoteWork("later", Guid.NewGuid()), quartzNow.Plus(Duration.FromSeconds(2)), CancellationToken.None);
        await Work(app).Schedule("overdue", new NoteWork("overdue", Guid.NewGuid()), quartzNow.Minus(Duration.FromHours(1)), CancellationToken.None);

        await RunsUntil(app, "overdue", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded));
        await RunsUntil(app, "later", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded));
        var later = Assert.Single(log.Of("later"));
        Assert.True(Stopwatch.GetElapsedTime(asked, later.Timestamp) >= TimeSpan.FromSeconds(1.9), "scheduled work ran before its moment");
    }

    [Fact]
    public async Task Enqueue_SameKeyTwiceWhileWaiting_RunsOnce()
    {
        var log = new WorkLog();
        await using var app = Start(log);
        var scheduler = await Hold(app);

        await Work(app).Enqueue("note-twice", new NoteWork("first", Guid.NewGuid()), CancellationToken.None);
        await Work(app).Enqueue("note-twice", new NoteWork("second", Guid.NewGuid()), CancellationToken.None);
        await scheduler.Start();

        await RunsUntil(app, "note-twice", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded));
        // One job per key: once it has left the store there is nothing left to run.
        await Until(async () => !await scheduler.Exists(QuartzBackgroundWork.JobKey("note-twice")), "the job to leave the store");
        Assert.Equal(["first"], log.Of("note-twice").Select(c => c.What));
        Assert.Single(await Runs(app, "note-twice"));
    }

    [Fact]
    public async Task Enqueue_SameKeyWhileRunning_AddsNothing()
    {
        var log = new WorkLog();
        var gate = new Gate(GateMode.HoldUntilReleased);
        await using var app = Start(log, gate);

        await Work(app).Enqueue("held", new HeldWork("first"), CancellationToken.None);
        await gate.Started.Task.WaitAsync(Patience);
        await Work(app).Enqueue("held", new HeldWork("second"), CancellationToken.None);
        gate.Release.SetResult();

        await RunsUntil(app, "held", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded));
        await Until(async () => !await (await Scheduler(app)).Exists(QuartzBackgroundWork.JobKey("held")), "the job to leave the store");
        Assert.Equal(["first"], log.Of("held").Select(c => c.What));
        Assert.Single(await Runs(app, "held"));
    }

    [Fact]
    public async Task FailingWork_IsRetriedWithAGrowingWait_AndEachAttemptHasItsRun()
    {
        var log = new WorkLog();
        await using var app = Start(log, settings: new() { ["Background:FirstRetrySeconds"] = "1", ["Background:MaxRetries"] = "3" });

        await Work(app).Enqueue("flaky", new FlakyWork("sync", FailTimes: 2), CancellationToken.None);

        var runs = await RunsUntil(app, "flaky", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded));
        Assert.Equal(
            [(1, WorkOutcome.Failed, "Failure 1 of sync."), (2, WorkOutcome.Failed, "Failure 2 of sync."), (3, WorkOutcome.Succeeded, "sync done after 2 failure(s).")],
            runs.Select(r => (r.Attempt, r.Outcome, r.Error ?? r.Summary)));
        var calls = log.Of("flaky");
        Assert.Equal([1, 2, 3], calls.Select(c => c.Attempt));
        // Retries wait 1 s, then 2 s (factor 2); a little slack for timer granularity.
        Assert.True(Between(calls[0], calls[1]) >= TimeSpan.FromSeconds(0.9), $"first retry after {Between(calls[0], calls[1])}");
        Assert.True(Between(calls[1], calls[2]) >= TimeSpan.FromSeconds(1.8), $"second retry after {Between(calls[1], calls[2])}");
    }

    [Fact]
    public async Task Continuation_RunsOnlyAfterItsParentSucceeded_RetriesIncluded()
    {
        var log = new WorkLog();
        await using var app = Start(log, settings: new() { ["Background:FirstRetrySeconds"] = "1" });
        var scheduler = await Hold(app);

        await Work(app).Enqueue("parent", new FlakyWork("import", FailTimes: 1), CancellationToken.None);
        await Work(app).ContinueWith("parent", "child", new NoteWork("after import", Guid.NewGuid()), CancellationToken.None);
        await scheduler.Start();

        await RunsUntil(app, "child", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded));
        Assert.Equal([WorkOutcome.Failed, WorkOutcome.Succeeded], (await Runs(app, "parent")).Select(r => r.Outcome));
        var parentSuccess = log.Of("parent").Single(c => c.Attempt == 2);
        var child = Assert.Single(log.Of("child"));
        Assert.True(child.Seq > parentSuccess.Seq, "the continuation ran before its parent succeeded");
    }

    [Fact]
    public async Task Continuation_OfAParentThatFailedForGood_NeverRuns()
    {
        var log = new WorkLog();
        await using var app = Start(log, settings: new() { ["Background:FirstRetrySeconds"] = "1", ["Background:MaxRetries"] = "1" });
        var scheduler = await Hold(app);

        await Work(app).Enqueue("doomed", new FlakyWork("import", FailTimes: 99), CancellationToken.None);
        await Work(app).ContinueWith("doomed", "never", new NoteWork("after import", Guid.NewGuid()), CancellationToken.None);
        await scheduler.Start();

        await RunsUntil(app, "doomed", runs => runs.Count(r => r.Outcome == WorkOutcome.Failed) == 2);
        await Until(async () => !await scheduler.Exists(QuartzBackgroundWork.JobKey("doomed")), "the failed parent to leave the store");
        await Until(async () => !await scheduler.Exists(QuartzBackgroundWork.JobKey("never")), "the discarded continuation to leave the store");
        Assert.Empty(log.Of("never"));
        Assert.Empty(await Runs(app, "never"));
    }

    [Fact]
    public async Task ContinueWith_AParentNoLongerThere_RunsAtOnce()
    {
        var log = new WorkLog();
        await using var app = Start(log);

        await Work(app).ContinueWith("long-gone", "orphan", new NoteWork("anyway", Guid.NewGuid()), CancellationToken.None);

        await RunsUntil(app, "orphan", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded));
    }

    [Fact]
    public async Task EnqueuedWork_TheAppStoppedBeforeItRan_RunsAfterARestart()
    {
        string databasePath;
        var before = new WorkLog();
        await using (var first = Start(before))
        {
            first.KeepDatabase = true;
            databasePath = first.DatabasePath;
            await Hold(first);
            await Work(first).Enqueue("survivor", new NoteWork("still here", Guid.NewGuid()), CancellationToken.None);
        }
        Assert.Empty(before.Of("survivor"));

        var after = new WorkLog();
        await using var second = Start(after, databasePath: databasePath);

        var run = (await RunsUntil(second, "survivor", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded))).Single();
        Assert.Equal("Noted still here.", run.Summary);
        Assert.Equal(["still here"], after.Of("survivor").Select(c => c.What));
    }

    [Fact]
    public async Task WorkCutShortByTheAppStopping_IsRecordedInterrupted_AndRunsAgainAfterARestart()
    {
        string databasePath;
        var gate = new Gate(GateMode.HoldUntilStopped);
        await using (var first = Start(new WorkLog(), gate))
        {
            first.KeepDatabase = true;
            databasePath = first.DatabasePath;
            await Work(first).Enqueue("long", new HeldWork("rebuild"), CancellationToken.None);
            await gate.Started.Task.WaitAsync(Patience);
        }

        var after = new WorkLog();
        await using var second = Start(after, databasePath: databasePath, now: SchedulerApp.DefaultNow.Plus(Duration.FromHours(1)));

        var runs = await RunsUntil(second, "long", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded));
        Assert.Equal([WorkOutcome.Interrupted, WorkOutcome.Succeeded], runs.OrderBy(r => r.StartedAt).Select(r => r.Outcome));
        Assert.Equal(["rebuild"], after.Of("long").Select(c => c.What));
    }


    [Fact]
    public async Task InterruptedWork_ThatFailsOnceRecovered_IsStillRetried_AndWhatContinuesItThenRuns()
    {
        string databasePath;
        var gate = new Gate(GateMode.HoldUntilStopped);
        await using (var first = Start(new WorkLog(), gate))
        {
            first.KeepDatabase = true;
            databasePath = first.DatabasePath;
            await Work(first).Enqueue("long", new HeldWork("rebuild"), CancellationToken.None);
            await gate.Started.Task.WaitAsync(Patience);
            await Work(first).ContinueWith("long", "next", new NoteWork("after rebuild", Guid.NewGuid()), CancellationToken.None);
        }

        var after = new WorkLog();
        await using var second = Start(after, new Gate(GateMode.FailFirstCall), databasePath, SchedulerApp.DefaultNow.Plus(Duration.FromHours(1)));

        // The recovered run has no retry policy of its own; RunWorkJob's (10 s before the first retry) applies.
        await RunsUntil(second, "next", runs => runs.Any(r => r.Outcome == WorkOutcome.Succeeded), TimeSpan.FromSeconds(40));
        Assert.Equal(
            [(WorkOutcome.Interrupted, 1), (WorkOutcome.Failed, 1), (WorkOutcome.Succeeded, 2)],
            (await Runs(second, "long")).OrderBy(r => r.StartedAt).ThenBy(r => r.Attempt).Select(r => (r.Outcome, r.Attempt)));
        var success = after.Of("long").Single(c => c.Attempt == 2);
        Assert.True(Assert.Single(after.Of("next")).Seq > success.Seq, "the continuation ran before the recovered work succeeded");
    }

    private static SchedulerApp Start(WorkLog log, Gate? gate = null, string? databasePath = null, Instant? now = null, Dictionary<string, string?>? settings = null)
    {
        var app = new SchedulerApp(databasePath, loadSample: false, now: now);
        foreach (var (key, value) in settings ?? [])
            app.Settings[key] = value;
        app.TestServices = services =>
        {
            services.AddSingleton(log);
            services.AddSingleton(gate ?? new Gate(GateMode.Pass));
            services.AddWorkHandler<NoteWork, NoteHandler>();
            services.AddWorkHandler<FlakyWork, FlakyHandler>();
            services.AddWorkHandler<HeldWork, HeldHandler>("held");
        };
        _ = app.Server; // Starts the host, and Quartz with it.
        return app;
    }

    private static IBackgroundWork Work(SchedulerApp app) => app.Services.GetRequiredService<IBackgroundWork>();

    private static async Task<IScheduler> Scheduler(SchedulerApp app) =>
        await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    /// <summary>Puts Quartz in standby (once the host has started it), so that what is added now waits.</summary>
    private static async Task<IScheduler> Hold(SchedulerApp app)
    {
        var scheduler = await Scheduler(app);
        await Until(async () => await scheduler.GetStatus() == SchedulerStatus.Running, "Quartz to start");
        await scheduler.Standby();
        return scheduler;
    }

    private static TimeSpan Between(Call a, Call b) => Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp);

    private static async Task<IReadOnlyList<WorkRun>> Runs(SchedulerApp app, string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISchedulerStore>();
        return [.. (await store.WorkRuns(null, null, 1000, CancellationToken.None)).Where(r => r.Key == key).OrderBy(r => r.Attempt)];
    }

    private static async Task<IReadOnlyList<WorkRun>> RunsUntil(SchedulerApp app, string key, Func<IReadOnlyList<WorkRun>, bool> done, TimeSpan? patience = null)
    {
        var limit = patience ?? Patience;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var runs = await Runs(app, key);
            if (done(runs))
                return runs;
            if (waited.Elapsed > limit)
                Assert.Fail($"Gave up waiting for the runs of '{key}' after {limit}; they are: "
                    + string.Join(", ", runs.Select(r => $"#{r.Attempt} {r.Outcome} {r.Error ?? r.Summary}")));
            await Task.Delay(100);
        }
    }

    private static async Task Until(Func<Task<bool>> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            if (waited.Elapsed > Patience)
                Assert.Fail($"Gave up waiting for {what} after {Patience}.");
            await Task.Delay(100);
        }
    }
}

/// <summary>Work for one clinic that always succeeds.</summary>
public sealed record NoteWork(string Text, Guid ClinicId) : IClinicWork;

/// <summary>Work that fails its first <see cref="FailTimes"/> attempts.</summary>
public sealed record FlakyWork(string Text, int FailTimes);

/// <summary>Work that waits at a <see cref="Gate"/> before it finishes.</summary>
public sealed record HeldWork(string Text);

public sealed record Call(long Seq, string Key, string What, int Attempt, long Timestamp);

/// <summary>Every handler call of one app, in order, with a monotonic timestamp.</summary>
public sealed class WorkLog
{
    private readonly ConcurrentQueue<Call> _calls = new();
    private long _seq;

    public void Record(WorkContext context, string what) =>
        _calls.Enqueue(new Call(Interlocked.Increment(ref _seq), context.Key, what, context.Attempt, Stopwatch.GetTimestamp()));

    public IReadOnlyList<Call> Of(string key) => [.. _calls.Where(c => c.Key == key).OrderBy(c => c.Seq)];
}

public enum GateMode
{
    Pass,
    HoldUntilReleased,
    HoldUntilStopped,
    FailFirstCall,
}

public sealed class Gate(GateMode mode)
{
    public GateMode Mode { get; } = mode;
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public bool FirstCall() => Interlocked.Increment(ref _calls) == 1;
}

public sealed class NoteHandler(WorkLog log) : IWorkHandler<NoteWork>
{
    public Task<string> Run(NoteWork work, WorkContext context, CancellationToken ct)
    {
        log.Record(context, work.Text);
        return Task.FromResult($"Noted {work.Text}.");
    }
}

public sealed class FlakyHandler(WorkLog log) : IWorkHandler<FlakyWork>
{
    public Task<string> Run(FlakyWork work, WorkContext context, CancellationToken ct)
    {
        log.Record(context, work.Text);
        if (context.Attempt <= work.FailTimes)
            throw new InvalidOperationException($"Failure {context.Attempt} of {work.Text}.");
        return Task.FromResult($"{work.Text} done after {context.Attempt - 1} failure(s).");
    }
}

public sealed class HeldHandler(WorkLog log, Gate gate) : IWorkHandler<HeldWork>
{
    public async Task<string> Run(HeldWork work, WorkContext context, CancellationToken ct)
    {
        log.Record(context, work.Text);
        gate.Started.TrySetResult();
        if (gate.Mode == GateMode.HoldUntilReleased)
            await gate.Release.Task.WaitAsync(ct);
        else if (gate.Mode == GateMode.FailFirstCall && gate.FirstCall())
            throw new InvalidOperationException($"{work.Text} failed the first time.");
        else if (gate.Mode == GateMode.HoldUntilStopped)
            await Task.Delay(Timeout.Infinite, ct);
        return $"{work.Text} done.";
    }
}
