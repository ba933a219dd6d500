using Quartz;
using Scheduler.Application.Sessions.Lifecycle;

namespace Scheduler.Web.Jobs;

/// <summary>Marks sessions nobody checked in for as no-shows, every minute; the work is <see cref="DetectNoShows"/>'s.</summary>
[DisallowConcurrentExecution]
public sealed partial class DetectNoShowsJob(DetectNoShows detect, ILogger<DetectNoShowsJob> logger) : IJob
{
    public static readonly JobKey Key = new("detect-no-shows", "sessions");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var marked = await detect.Run(cancellationToken);
        if (marked > 0)
            LogMarked(logger, marked);
        context.Result = marked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} session(s) marked as no-show: not checked in within the grace period.")]
    private static partial void LogMarked(ILogger logger, int count);
}
