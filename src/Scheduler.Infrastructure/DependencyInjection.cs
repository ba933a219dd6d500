using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Application.Common;
using Scheduler.Infrastructure.Accounts;
using Scheduler.Infrastructure.Persistence;

namespace Scheduler.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database from configuration: <c>Database:Provider</c> (Sqlite, the default) and
    /// <c>ConnectionStrings:Scheduler</c>.
    /// </summary>
    public static IServiceCollection AddSchedulerPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Scheduler") ?? "Data Source=data/scheduler.db";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Database provider '{provider}' is not supported yet; use Sqlite.");

        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.DataSource is { Length: > 0 } path && path != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
            Directory.CreateDirectory(dir);
        // Readers go on while a booking holds the write lock; writers wait their turn (up to 30 s).
        sqlite.DefaultTimeout = 30;
        sqlite.Pooling = true;
        services.AddDbContext<SchedulerDbContext>(o => o
            .UseSqlite(sqlite.ToString())
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        // The staff accounts live in the same file, under their own migration history.
        services.AddDbContext<AccountsDbContext>(o => o
            .UseSqlite(sqlite.ToString(), s => s.MigrationsHistoryTable(AccountsDbContext.HistoryTable))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        services.AddScoped<ISchedulerStore, EfSchedulerStore>();
        return services;
    }
}
