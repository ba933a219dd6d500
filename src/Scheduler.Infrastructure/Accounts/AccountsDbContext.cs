using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Scheduler.Infrastructure.Accounts;

/// <summary>
/// The staff who sign in (ASP.NET Core Identity's users and roles). Kept apart from the clinic's book:
/// it lives in the same database file, with its own migrations and migration history table.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    /// <summary>The migration history table of this context (the book's is EF's default).</summary>
    public const string HistoryTable = "__AccountsMigrationsHistory";
}
