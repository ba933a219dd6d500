using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Scheduler.Infrastructure.Accounts;
using Scheduler.Infrastructure.Persistence;

namespace Scheduler.Architecture.Tests;

/// <summary>
/// The migrations are written by hand (the EF design-time package cannot be restored here), so this
/// checks that applying them gives exactly the schema the EF model describes.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    [Fact]
    public async Task Migrate_CreatesTheSameSchemaAsTheModel()
    {
        var dir = Path.Combine(Path.GetTempPath(), "scheduler-schema", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var migrated = Path.Combine(dir, "migrated.db");
        var created = Path.Combine(dir, "created.db");

        await using (var db = Context(migrated))
            await db.Database.MigrateAsync();
        await using (var db = Context(created))
            await db.Database.EnsureCreatedAsync();

        Assert.Equal(await Schema(created), await Schema(migrated));
    }

    [Fact]
    public async Task Migrate_LeavesNoPendingMigration()
    {
        var path = Path.Combine(Path.GetTempPath(), "scheduler-schema", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var db = Context(path);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public async Task MigrateAccounts_CreatesTheSameSchemaAsTheModel()
    {
        var dir = Path.Combine(Path.GetTempPath(), "scheduler-schema", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var migrated = Path.Combine(dir, "migrated.db");
        var created = Path.Combine(dir, "created.db");

        await using (var db = Accounts(migrated))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        await using (var db = Accounts(created))
            await db.Database.EnsureCreatedAsync();

        Assert.Equal(await Schema(created), await Schema(migrated));
    }

    [Fact]
    public async Task BothContexts_MigrateOneFile_EachWithItsOwnHistory()
    {
        var path = Path.Combine(Path.GetTempPath(), "scheduler-schema", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        await using (var db = Context(path))
            await db.Database.MigrateAsync();
        await using (var accounts = Accounts(path))
        {
            await accounts.Database.MigrateAsync();
            Assert.Empty(await accounts.Database.GetPendingMigrationsAsync());
        }
        await using (var db = Context(path))
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private static AccountsDbContext Accounts(string path) =>
        new(new DbContextOptionsBuilder<AccountsDbContext>()
            .UseSqlite($"Data Source={path};Pooling=False", s => s.MigrationsHistoryTable(AccountsDbContext.HistoryTable))
            .Options);

    private static SchedulerDbContext Context(string path) =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>()
            .UseSqlite($"Data Source={path};Pooling=False")
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options);

    /// <summary>Tables, columns (name, type, not-null, pk) and indexes, sorted; EF's own migration tables left out.</summary>
    private static async Task<List<string>> Schema(string path)
    {
        var lines = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%Migrations%' ESCAPE '\\'";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')";
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    lines.Add($"{table}.{reader.GetString(0)} {reader.GetString(1)} notnull={reader.GetInt64(2)} pk={reader.GetInt64(3)}");
            }
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = $"SELECT il.name, il.\"unique\", group_concat(ii.name, ',') FROM pragma_index_list('{table}') il JOIN pragma_index_info(il.name) ii GROUP BY il.name";
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    lines.Add($"{table} index {reader.GetString(0)} unique={reader.GetInt64(1)} ({reader.GetString(2)})");
            }
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')";
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    lines.Add($"{table} fk {reader.GetString(1)} -> {reader.GetString(0)}.{reader.GetString(2)} {reader.GetString(3)}");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
