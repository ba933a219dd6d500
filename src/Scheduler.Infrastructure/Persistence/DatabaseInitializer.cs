using Microsoft.EntityFrameworkCore;

namespace Scheduler.Infrastructure.Persistence;

public static class DatabaseInitializer
{
    /// <summary>Applies the migrations in this assembly; on SQLite also turns on write-ahead logging so reads never wait for a booking.</summary>
    public static async Task Migrate(SchedulerDbContext db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
