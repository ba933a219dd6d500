using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

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
    public bool LoadSample { get; }
    public TestClock Clock { get; }

    /// <summary>Leaves the database file after disposal, for a restart on the same file.</summary>
    public bool KeepDatabase { get; set; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepDatabase)
            return;
        // Pooled connections would keep the files open.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
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
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }

    /// <summary>Reads JSON with the web defaults (camelCase).</summary>
    public static async Task<T> Read<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;
}
