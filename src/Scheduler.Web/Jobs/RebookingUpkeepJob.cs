using Quartz;
using Scheduler.Application.Rebooking;

namespace Scheduler.Web.Jobs;

/// <summary>Releases expired holds, closes expired offers and re-asks for stalled rebooking, every minute; the work is <see cref="RebookingUpkeep"/>'s.</summary>
[DisallowConcurrentExecution]
public sealed partial class RebookingUpkeepJob(RebookingUpkeep upkeep, ILogger<RebookingUpkeepJob> logger) : IJob
{
    public static readonly JobKey Key = new("rebooking-upkeep", "rebooking");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var report = await upkeep.Run(cancellationToken);
        if (report.HoldsReleased + report.OffersExpired + report.ClinicsNudged > 0)
            LogDone(logger, report.HoldsReleased, report.OffersExpired, report.ClinicsNudged);
        context.Result = report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebooking upkeep: {Holds} hold(s) released, {Offers} offer(s) expired, rebooking asked again for {Clinics} clinic(s).")]
    private static partial void LogDone(ILogger logger, int holds, int offers, int clinics);
}
