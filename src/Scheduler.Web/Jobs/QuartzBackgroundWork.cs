using NodaTime;
using Quartz;
using Scheduler.Application.Background;

namespace Scheduler.Web.Jobs;

/// <summary>
/// <see cref="IBackgroundWork"/> on Quartz's persistent store. A piece of work is one job in group
/// "work" named by its key, run by <see cref="RunWorkJob"/>, with one one-shot trigger of the same
/// key carrying the retry policy. The job asks for recovery, so a run cut short by a crash or a
/// shutdown runs again; it is not durable, so it leaves the store once its trigger is done (after
/// success, or when its retries are spent): the history lives in the WorkRuns table.
/// </summary>
public sealed class QuartzBackgroundWork(ISchedulerFactory schedulers, WorkKinds kinds, BackgroundWorkOptions options) : IBackgroundWork
{
    public const string Group = "work";

    /// <summary>Job data: the registered name of the work's kind.</summary>
    public const string KindEntry = "kind";

    /// <summary>Job data: the work, as JSON (web defaults).</summary>
    public const string WorkEntry = "work";

    public static JobKey JobKey(string key) => new(key, Group);

    private readonly RetryPolicy _retryPolicy = options.RetryPolicy();

    public Task Enqueue<TWork>(string key, TWork work, CancellationToken ct)
        where TWork : notnull =>
        Add(key, work, (t, _) => t.StartNow(), ct);

    // A start more than the misfire threshold in the past would make the trigger a misfire, left to
    // the store's misfire pass (once a threshold, a minute here) rather than fired at once.
    public Task Schedule<TWork>(string key, TWork work, Instant at, CancellationToken ct)
        where TWork : notnull =>
        Add(key, work, (t, now) => at.ToDateTimeOffset() > now ? t.StartAt(at.ToDateTimeOffset()) : t.StartNow(), ct);

    public async Task ContinueWith<TWork>(string parentKey, string key, TWork work, CancellationToken ct)
        where TWork : notnull
    {
        var scheduler = await schedulers.GetScheduler(ct);
        // A continuation waits for a trigger's firing, not for a job. The parent's trigger is normally
        // the one of the same key; after a shutdown cut its run short it is the recovery trigger
        // Quartz stored in its place, hence asking the job.
        var parentTrigger = (await scheduler.GetTriggersOfJob(JobKey(parentKey), ct)).FirstOrDefault()?.Key;
        if (parentTrigger is null)
        {
            await Add(key, work, (t, _) => t.StartNow(), ct);
            return;
        }
        try
        {
            await Add(key, work, (t, _) => t.StartAfter(parentTrigger, ContinuationCondition.OnSuccess), ct);
        }
        catch (ObjectDoesNotExistException)
        {
            // The parent finished between the look-up and the insert: the store refuses a continuation
            // of a trigger it no longer holds.
            await Add(key, work, (t, _) => t.StartNow(), ct);
        }
    }

    private async Task Add<TWork>(string key, TWork work, Func<TriggerBuilder<IJob>, DateTimeOffset, TriggerBuilder<IJob>> start, CancellationToken ct)
        where TWork : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var kind = kinds.For(typeof(TWork));
        var scheduler = await schedulers.GetScheduler(ct);
        var job = JobBuilder.Create<RunWorkJob>()
            .WithIdentity(JobKey(key))
            .RequestRecovery()
            .StoreDurably(false)
            .UsingJobData(KindEntry, kind.Name)
            .UsingJobData(WorkEntry, kind.Write(work))
            .Build();
        var trigger = start(TriggerBuilder.Create(scheduler.TimeProvider).WithIdentity(key, Group).ForJob(job).WithRetryPolicy(_retryPolicy), scheduler.TimeProvider.GetUtcNow())
            .Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, default, ct);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Still waiting or running under this key: asking again adds nothing.
        }
    }
}
