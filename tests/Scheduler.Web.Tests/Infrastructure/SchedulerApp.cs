using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Quartz;
using Scheduler.Application.Reminders;
using Scheduler.Web.Accounts;
using Scheduler.Web.Jobs;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP (in-process test server) on a real SQLite file of its own, with a settable
/// clock. Dispose and create another on the same <see cref="DatabasePath"/> to restart it.
/// </summary>
public sealed class SchedulerApp : WebApplicationFactory<Program>
{
    /// <summary>Monday 23 Nov 2026, 12:00 UTC: the default "now" of the tests.</summary>
    public static readonly Instant DefaultNow = Instant.FromUtc(2026, 11, 23, 12, 0);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public SchedulerApp(string? databasePath = null, bool loadSample = true, Instant? now = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "scheduler-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        LoadSample = loadSample;
        Clock = new TestClock(now ?? DefaultNow);
    }

    public string DatabasePath { get; }

    /// <summary>Quartz's own store, beside the database (kept with it across a restart).</summary>
    public string QuartzPath => DatabasePath + ".quartz";

    public string LinkKeyPath => DatabasePath + ".key";

    /// <summary>The data-protection keys (sign-in cookies and tokens), kept with the database across a restart.</summary>
    public string KeysPath => DatabasePath + ".keys";

    /// <summary>Settings the next start of the app gets, such as SMTP or SMS providers.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Service replacements for this app (registered after the app's own), such as a recording message sender.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }
    public bool LoadSample { get; }
    public TestClock Clock { get; }

    /// <summary>
    /// Sign in as real staff only (cookie or bearer token), as in production. Off by default: the API
    /// tests act as the staff member their X-Actor/X-Roles headers name (<see cref="HeaderSignInHandler"/>).
    /// </summary>
    public bool SignInForReal { get; set; }

    /// <summary>Leaves the database file after disposal, for a restart on the same file.</summary>
    public bool KeepDatabase { get; set; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepDatabase)
            return;
        // Pooled connections would keep the files open.
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(KeysPath))
                Directory.Delete(KeysPath, recursive: true);
        }
        catch (IOException)
        {
        }
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", QuartzPath, QuartzPath + "-wal", QuartzPath + "-shm", LinkKeyPath })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Scheduler", $"Data Source={DatabasePath}");
        builder.UseSetting("Samples:LoadWhenEmpty", LoadSample ? "true" : "false");
        builder.UseSetting("Quartz:ConnectionString", $"Data Source={QuartzPath}");
        // Quartz keeps one scheduler per name per process; apps of parallel tests need their own.
        builder.UseSetting("Quartz:InstanceName", "tests-" + Path.GetFileNameWithoutExtension(DatabasePath));
        builder.UseSetting("Reminders:LinkKeyFile", LinkKeyPath);
        builder.UseSetting("DataProtection:KeysFolder", KeysPath);
        // No timed runs while a test looks: tests run the jobs with DispatchReminders() and DetectNoShows().
        builder.UseSetting("Reminders:Dispatch:EverySeconds", "3600");
        builder.UseSetting("Lifecycle:NoShowCheckEverySeconds", "3600");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            if (!SignInForReal)
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderSignInHandler>(HeaderSignInHandler.Name, null);
                services.PostConfigure<PolicySchemeOptions>(StaffSignIn.Scheme, o => o.ForwardDefaultSelector = HeaderSignInHandler.Select);
            }
            TestServices?.Invoke(services);
        });
    }

    /// <summary>
    /// Runs the reminder dispatcher through Quartz, as its timer would, and waits for that run to end.
    /// Returns what it did.
    /// </summary>
    public async Task<DispatchReport> DispatchReminders() => (DispatchReport)(await RunJob(DispatchRemindersJob.Key))!;

    /// <summary>Runs the no-show check through Quartz and waits for it; returns how many sessions it marked.</summary>
    public async Task<int> DetectNoShows() => (int)(await RunJob(DetectNoShowsJob.Key))!;

    /// <summary>Triggers one run of a Quartz job and waits for that run (not another one) to end; returns its result.</summary>
    public async Task<object?> RunJob(JobKey job)
    {
        _ = Services; // The host (and Quartz with it) starts with the server (Services starts it; Server is not there under Kestrel).
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var request = Guid.NewGuid().ToString("N");
        var listener = new RunListener(request);
        scheduler.ListenerManager.AddJobListener(listener, Matchers.Key(job));
        try
        {
            await scheduler.TriggerJob(job, new JobDataMap { ["request"] = request });
            return await listener.Done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(listener.Name);
        }
    }

    private sealed class RunListener(string request) : IJobListener
    {
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Name { get; } = "test-run-" + request;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.MergedJobDataMap.GetString("request") == request)
            {
                if (jobException is not null)
                    Done.TrySetException(jobException);
                else
                    Done.TrySetResult(context.Result);
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Creates a staff member with one role (as an administrator would); returns the user name.</summary>
    public async Task<string> CreateStaff(string email, string role, string password = StaffPassword)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        await StaffBootstrap.Create(users, email, password, role, "a test user");
        return email;
    }

    /// <summary>The password <see cref="CreateStaff"/> gives when none is named.</summary>
    public const string StaffPassword = "correct horse battery";

    /// <summary>Reads JSON with the web defaults (camelCase).</summary>
    public static async Task<T> Read<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;
}
