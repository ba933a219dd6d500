using System.Text.Json;
using NodaTime;
using Quartz;
using Scheduler.Application.Background;
using Scheduler.Application.Common;
using Scheduler.Domain.Audit;

namespace Scheduler.Web.Jobs;

/// <summary>
/// Runs one attempt of a piece of background work (see <see cref="QuartzBackgroundWork"/>): reads the
/// work back, hands it to its kind's handler in a scope of its own, and keeps the attempt's
/// <see cref="WorkRun"/> (written before the handler starts, in a separate scope, so a crash leaves a
/// Running row behind rather than nothing). A failure is rethrown for Quartz's retry policy; a run the
/// app's stopping cut short is rethrown as a cancellation, which the store hands back for recovery.
/// </summary>
// The triggers QuartzBackgroundWork stores carry the configured policy. This one is for the trigger
// Quartz stores to recover a run the app's stopping cut short: it copies the original's job data but
// not its retry policy, so without this a recovered run that failed would not be retried (and the
// work continued after it would be dropped). Constants only, so the defaults of BackgroundWorkOptions.
[RetryPolicy(5, "00:00:10", 2, MaxDelay = "00:10:00")]
public sealed partial class RunWorkJob(IServiceScopeFactory scopes, WorkKinds kinds, IClock clock, ILogger<RunWorkJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.JobDetail.Key.Name;
        var kindName = context.MergedJobDataMap.GetString(QuartzBackgroundWork.KindEntry) ?? "";
        var attempt = context.RetryAttempt + 1;
        var kind = kinds.Named(kindName);
        object? work = null;
        string? unreadable = null;
        try
        {
            if (kind is null)
                unreadable = $"No handler is registered for work of kind '{kindName}'.";
            else
                work = kind.Read(context.MergedJobDataMap.GetString(QuartzBackgroundWork.WorkEntry) ?? "null");
        }
        catch (JsonException e)
        {
            unreadable = $"The stored {kindName} work cannot be read: {e.Message}";
        }

        await using var historyScope = scopes.CreateAsyncScope();
        var history = historyScope.ServiceProvider.GetRequiredService<ISchedulerStore>();
        var run = new WorkRun(kindName, key, (work as IClinicWork)?.ClinicId, attempt, clock.GetCurrentInstant());
        history.Add(run);
        await history.SaveChanges(cancellationToken);

        if (kind is null || work is null)
        {
            var error = unreadable ?? $"The stored {kindName} work cannot be read.";
            await Finish(history, run, WorkOutcome.Failed, null, error);
            LogFailed(logger, kindName, key, attempt, error);
            throw new JobExecutionException(error);
        }

        try
        {
            string summary;
            await using (var workScope = scopes.CreateAsyncScope())
                summary = await kind.Run(workScope.ServiceProvider, work, new WorkContext(key, attempt), cancellationToken);
            await Finish(history, run, WorkOutcome.Succeeded, summary, null);
            LogSucceeded(logger, kindName, key, attempt, summary);
            context.Result = summary;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            await Finish(history, run, WorkOutcome.Interrupted, null, "The app stopped before the work finished; it runs again after the restart.");
            LogInterrupted(logger, kindName, key, attempt);
            // Quartz hands a firing back for recovery only when it ends in a cancellation.
            if (e is OperationCanceledException)
                throw;
            throw new OperationCanceledException("The app stopped before the work finished.", e, cancellationToken);
        }
        catch (Exception e)
        {
            await Finish(history, run, WorkOutcome.Failed, null, e.Message);
            LogFailed(logger, kindName, key, attempt, e.Message);
            throw new JobExecutionException(e.Message, e);
        }
    }

    // Written even when the app is stopping: the outcome is what the history is for.
    private async Task Finish(ISchedulerStore history, WorkRun run, WorkOutcome outcome, string? summary, string? error)
    {
        run.Finish(outcome, summary, error, clock.GetCurrentInstant());
        await history.SaveChanges(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work {Kind} '{Key}' (attempt {Attempt}) succeeded: {Summary}")]
    private static partial void LogSucceeded(ILogger logger, string kind, string key, int attempt, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work {Kind} '{Key}' (attempt {Attempt}) failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string kind, string key, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work {Kind} '{Key}' (attempt {Attempt}) was cut short by the app stopping; it runs again after the restart.")]
    private static partial void LogInterrupted(ILogger logger, string kind, string key, int attempt);
}
