using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Infrastructure.Persistence.Migrations;

/// <summary>
/// Reminder delivery: what a message's sending recorded (claim, attempts, channel, body, provider id),
/// its signed-link code, the SMS opt-outs, the replies patients sent, and each clinic's saved policy.
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122080000_AddReminderDelivery")]
public sealed class AddReminderDelivery : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "LinkCode",
            table: "ReminderMessages",
            nullable: false, maxLength: 40,
            defaultValue: "");

        migrationBuilder.AddColumn<Guid>(
            name: "ClaimId",
            table: "ReminderMessages",
            nullable: true);

        migrationBuilder.AddColumn<DateTime>(
            name: "ClaimedUntil",
            table: "ReminderMessages",
            nullable: true);

        migrationBuilder.AddColumn<int>(
            name: "Attempts",
            table: "ReminderMessages",
            nullable: false,
            defaultValue: 0);

        migrationBuilder.AddColumn<DateTime>(
            name: "NextAttemptAt",
            table: "ReminderMessages",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "LastError",
            table: "ReminderMessages",
            nullable: true, maxLength: 500);

        migrationBuilder.AddColumn<DateTime>(
            name: "SentAt",
            table: "ReminderMessages",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "Channel",
            table: "ReminderMessages",
            nullable: true, maxLength: 10);

        migrationBuilder.AddColumn<string>(
            name: "SentTo",
            table: "ReminderMessages",
            nullable: true, maxLength: 254);

        migrationBuilder.AddColumn<string>(
            name: "Subject",
            table: "ReminderMessages",
            nullable: true, maxLength: 500);

        migrationBuilder.AddColumn<string>(
            name: "Body",
            table: "ReminderMessages",
            nullable: true, maxLength: 8000);

        migrationBuilder.AddColumn<string>(
            name: "ProviderId",
            table: "ReminderMessages",
            nullable: true, maxLength: 200);

        migrationBuilder.AddColumn<string>(
            name: "Note",
            table: "ReminderMessages",
            nullable: true, maxLength: 500);

        // Messages planned before links existed get a code of their own (8 characters, like new ones).
        migrationBuilder.Sql("UPDATE \"ReminderMessages\" SET \"LinkCode\" = lower(hex(randomblob(4))) WHERE \"LinkCode\" = '';");

        migrationBuilder.CreateTable(
            name: "InboundSms",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProviderId = table.Column<string>(nullable: false, maxLength: 100),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                From = table.Column<string>(nullable: false, maxLength: 40),
                To = table.Column<string>(nullable: true, maxLength: 40),
                Body = table.Column<string>(nullable: false, maxLength: 1600),
                Intent = table.Column<string>(nullable: false, maxLength: 20),
                PatientId = table.Column<Guid>(nullable: true),
                ClinicId = table.Column<Guid>(nullable: true),
                Outcome = table.Column<string>(nullable: false, maxLength: 500),
                NeedsFrontDesk = table.Column<bool>(nullable: false),
                HandledAt = table.Column<DateTime>(nullable: true),
                HandledBy = table.Column<string>(nullable: true, maxLength: 200),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InboundSms", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "SmsOptOuts",
            columns: table => new
            {
                Phone = table.Column<string>(nullable: false, maxLength: 20),
                At = table.Column<DateTime>(nullable: false),
                Reply = table.Column<string>(nullable: false, maxLength: 160),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SmsOptOuts", x => x.Phone);
            });

        migrationBuilder.CreateTable(
            name: "ReminderPolicies",
            columns: table => new
            {
                ClinicId = table.Column<Guid>(nullable: false),
                Policy = table.Column<string>(nullable: false, maxLength: 100000),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReminderPolicies", x => x.ClinicId);
                table.ForeignKey(
                    name: "FK_ReminderPolicies_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_InboundSms_ClinicId_ReceivedAt",
            table: "InboundSms",
            columns: new[] { "ClinicId", "ReceivedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_InboundSms_From",
            table: "InboundSms",
            column: "From");

        migrationBuilder.CreateIndex(
            name: "IX_InboundSms_ProviderId",
            table: "InboundSms",
            column: "ProviderId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ReminderMessages_ClaimId",
            table: "ReminderMessages",
            column: "ClaimId");

        migrationBuilder.CreateIndex(
            name: "IX_ReminderMessages_LinkCode",
            table: "ReminderMessages",
            column: "LinkCode",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ReminderMessages_PatientId_SentAt",
            table: "ReminderMessages",
            columns: new[] { "PatientId", "SentAt" });

        migrationBuilder.CreateIndex(
            name: "IX_ReminderMessages_Status_NextAttemptAt",
            table: "ReminderMessages",
            columns: new[] { "Status", "NextAttemptAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ReminderPolicies");
        migrationBuilder.DropTable(name: "SmsOptOuts");
        migrationBuilder.DropTable(name: "InboundSms");
        migrationBuilder.DropIndex(name: "IX_ReminderMessages_Status_NextAttemptAt", table: "ReminderMessages");
        migrationBuilder.DropIndex(name: "IX_ReminderMessages_PatientId_SentAt", table: "ReminderMessages");
        migrationBuilder.DropIndex(name: "IX_ReminderMessages_LinkCode", table: "ReminderMessages");
        migrationBuilder.DropIndex(name: "IX_ReminderMessages_ClaimId", table: "ReminderMessages");
        migrationBuilder.DropIndex(name: "IX_InboundSms_ProviderId", table: "InboundSms");
        migrationBuilder.DropIndex(name: "IX_InboundSms_From", table: "InboundSms");
        migrationBuilder.DropIndex(name: "IX_InboundSms_ClinicId_ReceivedAt", table: "InboundSms");
        migrationBuilder.DropColumn(name: "Note", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "ProviderId", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "Body", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "Subject", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "SentTo", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "Channel", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "SentAt", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "LastError", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "NextAttemptAt", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "Attempts", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "ClaimedUntil", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "ClaimId", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "LinkCode", table: "ReminderMessages");
    }
}
