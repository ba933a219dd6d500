using Quartz;
using Scheduler.Application.Reminders;

namespace Scheduler.Web.Jobs;

/// <summary>
/// Sends the reminders that are due, batch after batch until none is left. Quartz fires it every
/// few seconds and once at start-up (so what fell due while the app was down goes out as soon as it
/// is back). Never two at once in this process; across processes the claims keep each message to
/// one sender. The work is <see cref="ReminderDispatcher"/>'s: each batch gets its own scope.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DispatchRemindersJob(IServiceScopeFactory scopes, DispatchOptions options, ILogger<DispatchRemindersJob> logger) : IJob
{
    public static readonly JobKey Key = new("dispatch-reminders", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var total = DispatchReport.Empty;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().DispatchBatch(cancellationToken);
            total = total.Plus(report);
            if (report.Claimed < options.BatchSize || cancellationToken.IsCancellationRequested)
                break;
        }
        if (total != DispatchReport.Empty)
            LogDispatched(logger, total.Claimed, total.Sent, total.Failed, total.Suppressed, total.PutOff, total.Settled, total.HandedBack);
        context.Result = total;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reminders: {Claimed} due, {Sent} sent, {Failed} failed, {Suppressed} suppressed, {PutOff} put off past quiet hours, {Settled} abandoned claims settled, {HandedBack} handed back")]
    private static partial void LogDispatched(ILogger logger, int claimed, int sent, int failed, int suppressed, int putOff, int settled, int handedBack);
}
