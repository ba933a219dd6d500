using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Infrastructure.Persistence.Migrations;

/// <summary>The job history: one row per run (attempt) of a piece of background work.</summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122090000_AddWorkRuns")]
public sealed class AddWorkRuns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WorkRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false, maxLength: 50),
                Key = table.Column<string>(nullable: false, maxLength: 200),
                ClinicId = table.Column<Guid>(nullable: true),
                Attempt = table.Column<int>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                FinishedAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<string>(nullable: false, maxLength: 20),
                Summary = table.Column<string>(nullable: true, maxLength: 2000),
                Error = table.Column<string>(nullable: true, maxLength: 2000),
            },
            constraints: table => table.PrimaryKey("PK_WorkRuns", x => x.Id));

        migrationBuilder.CreateIndex(
            name: "IX_WorkRuns_ClinicId_StartedAt",
            table: "WorkRuns",
            columns: ["ClinicId", "StartedAt"]);

        migrationBuilder.CreateIndex(
            name: "IX_WorkRuns_Key",
            table: "WorkRuns",
            column: "Key");

        migrationBuilder.CreateIndex(
            name: "IX_WorkRuns_StartedAt",
            table: "WorkRuns",
            column: "StartedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "WorkRuns");
}
