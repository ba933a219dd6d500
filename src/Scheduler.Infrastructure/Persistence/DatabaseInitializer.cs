using Microsoft.EntityFrameworkCore;
using Scheduler.Infrastructure.Accounts;

namespace Scheduler.Infrastructure.Persistence;

public static class DatabaseInitializer
{
    /// <summary>
    /// Applies the migrations in this assembly; on SQLite also turns on write-ahead logging so reads
    /// never wait for a booking, and lets SQLite refresh its statistics (so that, for one, it knows a
    /// message status is no selective column and plans the dispatcher's queries on the better index).
    /// </summary>
    public static async Task Migrate(SchedulerDbContext db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", ct);
        }
    }

    /// <summary>Applies the staff accounts' migrations (same database, after the book's).</summary>
    public static Task MigrateAccounts(AccountsDbContext db, CancellationToken ct) => db.Database.MigrateAsync(ct);
}
