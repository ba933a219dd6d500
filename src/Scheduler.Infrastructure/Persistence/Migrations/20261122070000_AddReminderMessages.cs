using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Infrastructure.Persistence.Migrations;

/// <summary>Reminder messages: one row per planned reminder of a session, with its status.</summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122070000_AddReminderMessages")]
public sealed class AddReminderMessages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ReminderMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClinicId = table.Column<Guid>(nullable: false),
                SessionId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false, maxLength: 20),
                SessionStart = table.Column<DateTime>(nullable: false),
                Nominal = table.Column<DateTime>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: true),
                Status = table.Column<string>(nullable: false, maxLength: 20),
                Reason = table.Column<string>(nullable: true, maxLength: 30),
                ReasonText = table.Column<string>(nullable: true, maxLength: 500),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReminderMessages", x => x.Id);
                table.ForeignKey(
                    name: "FK_ReminderMessages_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ReminderMessages_Sessions_SessionId",
                    column: x => x.SessionId,
                    principalTable: "Sessions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ReminderMessages_ClinicId",
            table: "ReminderMessages",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_ReminderMessages_PatientId",
            table: "ReminderMessages",
            column: "PatientId");

        migrationBuilder.CreateIndex(
            name: "IX_ReminderMessages_SessionId",
            table: "ReminderMessages",
            column: "SessionId");

        migrationBuilder.CreateIndex(
            name: "IX_ReminderMessages_Status_DueAt",
            table: "ReminderMessages",
            columns: new[] { "Status", "DueAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ReminderMessages");
    }
}
