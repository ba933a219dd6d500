using Microsoft.Data.Sqlite;
using Quartz;
using Scheduler.Application.Reminders;

namespace Scheduler.Web.Jobs;

/// <summary>
/// Quartz runs inside the app with a persistent job store in a SQLite file of its own
/// (<c>Quartz:ConnectionString</c>, default <c>data/quartz.db</c>; Quartz locks SQLite per process,
/// so it does not share the scheduler's file). The reminder dispatcher fires every
/// <c>Reminders:Dispatch:EverySeconds</c> (default 15) and at start-up; the no-show check every
/// <c>Lifecycle:NoShowCheckEverySeconds</c> (default 60) and at start-up; the rebooking upkeep every
/// <c>Rebooking:UpkeepEverySeconds</c> (default 60) and at start-up. Background work
/// (<see cref="Scheduler.Application.Background.IBackgroundWork"/>) runs on the same scheduler: see
/// <see cref="BackgroundWorkSetup"/>.
/// </summary>
public static class QuartzSetup
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = new SqliteConnectionStringBuilder(configuration["Quartz:ConnectionString"] is { Length: > 0 } cs ? cs : "Data Source=data/quartz.db");
        if (connectionString.DataSource is { Length: > 0 } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
            Directory.CreateDirectory(dir);
        connectionString.DefaultTimeout = 30;
        var every = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Reminders:Dispatch:EverySeconds", 15), 1, 3600));
        var noShowEvery = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Lifecycle:NoShowCheckEverySeconds", 60), 1, 3600));
        var upkeepEvery = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Rebooking:UpkeepEverySeconds", 60), 1, 3600));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = configuration["Quartz:InstanceName"] is { Length: > 0 } name ? name : "scheduler";
                // Stopping asks running jobs to stop (and still waits for them); background work cut
                // short that way is handed back to the store (RecoverFiringsCancelledByShutdown below)
                // and runs again after the restart.
                o.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = 4);
            q.UsePersistentStore(s =>
            {
                s.UseSqlite(connectionString.ToString());
                s.ProvisionSchema();
                s.UseSystemTextJsonSerializer();
                s.ConfigureStore(o =>
                {
                    o.StoreJobDataAsStrings = true;
                    o.MisfireThreshold = TimeSpan.FromSeconds(60);
                    o.RecoverFiringsCancelledByShutdown = true;
                });
            });
            // A missed run is not made up: the next run sends everything that is due anyway.
            q.ScheduleJob<DispatchRemindersJob>(
                t => t.WithIdentity("dispatch-reminders", "reminders").StartNow()
                    .WithSimpleSchedule(x => x.WithInterval(every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity(DispatchRemindersJob.Key).StoreDurably());
            q.ScheduleJob<DetectNoShowsJob>(
                t => t.WithIdentity("detect-no-shows", "sessions").StartNow()
                    .WithSimpleSchedule(x => x.WithInterval(noShowEvery).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity(DetectNoShowsJob.Key).StoreDurably());
            q.ScheduleJob<RebookingUpkeepJob>(
                t => t.WithIdentity("rebooking-upkeep", "rebooking").StartNow()
                    .WithSimpleSchedule(x => x.WithInterval(upkeepEvery).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity(RebookingUpkeepJob.Key).StoreDurably());
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton(configuration.GetSection("Reminders:Dispatch").Get<DispatchOptions>() ?? new DispatchOptions());
        services.AddBackgroundWork(configuration);
        return services;
    }
}
