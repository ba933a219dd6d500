using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Infrastructure.Persistence.Migrations;

/// <summary>
/// Rebooking and the waitlist: a case per disrupted session, the waitlist, freed times offered to it
/// with their recipients, and the rebooking case or offer a message is about.
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122100000_AddRebookingAndWaitlist")]
public sealed class AddRebookingAndWaitlist : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(
            name: "RelatedId",
            table: "ReminderMessages",
            nullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_ReminderMessages_RelatedId",
            table: "ReminderMessages",
            column: "RelatedId");

        migrationBuilder.CreateTable(
            name: "SlotOffers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClinicId = table.Column<Guid>(nullable: false),
                ChairId = table.Column<Guid>(nullable: false),
                Start = table.Column<DateTime>(nullable: false),
                Cause = table.Column<string>(nullable: false, maxLength: 500),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(nullable: false, maxLength: 20),
                TakenBy = table.Column<Guid>(nullable: true),
                ClosedAt = table.Column<DateTime>(nullable: true),
                Version = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SlotOffers", x => x.Id);
                table.ForeignKey(
                    name: "FK_SlotOffers_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OfferRecipients",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OfferId = table.Column<Guid>(nullable: false),
                EntryId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                SessionId = table.Column<Guid>(nullable: false),
                Rank = table.Column<int>(nullable: false),
                Match = table.Column<string>(nullable: false, maxLength: 500),
                Answered = table.Column<string>(nullable: false, maxLength: 20),
                AnsweredAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OfferRecipients", x => x.Id);
                table.ForeignKey(
                    name: "FK_OfferRecipients_SlotOffers_OfferId",
                    column: x => x.OfferId,
                    principalTable: "SlotOffers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "RebookingCases",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClinicId = table.Column<Guid>(nullable: false),
                SeriesId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                SessionId = table.Column<Guid>(nullable: false),
                Ordinal = table.Column<int>(nullable: false),
                Trigger = table.Column<string>(nullable: false, maxLength: 30),
                Cause = table.Column<string>(nullable: false, maxLength: 500),
                OriginalStart = table.Column<DateTime>(nullable: false),
                OriginalChairId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(nullable: false, maxLength: 20),
                Attempts = table.Column<int>(nullable: false),
                HeldSessionId = table.Column<Guid>(nullable: true),
                HeldChairId = table.Column<Guid>(nullable: true),
                HeldStart = table.Column<DateTime>(nullable: true),
                HoldExpiresAt = table.Column<DateTime>(nullable: true),
                Shifted = table.Column<string>(nullable: true, maxLength: 500),
                FrontDeskReason = table.Column<string>(nullable: true, maxLength: 500),
                ResolvedBy = table.Column<string>(nullable: true, maxLength: 200),
                ResolvedAt = table.Column<DateTime>(nullable: true),
                Resolution = table.Column<string>(nullable: true, maxLength: 500),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RebookingCases", x => x.Id);
                table.ForeignKey(
                    name: "FK_RebookingCases_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_RebookingCases_Sessions_SessionId",
                    column: x => x.SessionId,
                    principalTable: "Sessions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "WaitlistEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClinicId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                SeriesId = table.Column<Guid>(nullable: false),
                SessionId = table.Column<Guid>(nullable: false),
                Note = table.Column<string>(nullable: true, maxLength: 500),
                AddedAt = table.Column<DateTime>(nullable: false),
                AddedBy = table.Column<string>(nullable: false, maxLength: 200),
                Status = table.Column<string>(nullable: false, maxLength: 20),
                EndedAt = table.Column<DateTime>(nullable: true),
                EndReason = table.Column<string>(nullable: true, maxLength: 500),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WaitlistEntries", x => x.Id);
                table.ForeignKey(
                    name: "FK_WaitlistEntries_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_WaitlistEntries_Sessions_SessionId",
                    column: x => x.SessionId,
                    principalTable: "Sessions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_OfferRecipients_OfferId",
            table: "OfferRecipients",
            column: "OfferId");

        migrationBuilder.CreateIndex(
            name: "IX_OfferRecipients_PatientId_Answered",
            table: "OfferRecipients",
            columns: ["PatientId", "Answered"]);

        migrationBuilder.CreateIndex(
            name: "IX_RebookingCases_ClinicId_Status_OriginalStart",
            table: "RebookingCases",
            columns: ["ClinicId", "Status", "OriginalStart"]);

        migrationBuilder.CreateIndex(
            name: "IX_RebookingCases_HeldSessionId",
            table: "RebookingCases",
            column: "HeldSessionId");

        migrationBuilder.CreateIndex(
            name: "IX_RebookingCases_SessionId",
            table: "RebookingCases",
            column: "SessionId");

        migrationBuilder.CreateIndex(
            name: "IX_RebookingCases_Status_HoldExpiresAt",
            table: "RebookingCases",
            columns: ["Status", "HoldExpiresAt"]);

        migrationBuilder.CreateIndex(
            name: "IX_SlotOffers_ClinicId_CreatedAt",
            table: "SlotOffers",
            columns: ["ClinicId", "CreatedAt"]);

        migrationBuilder.CreateIndex(
            name: "IX_SlotOffers_Status_ExpiresAt",
            table: "SlotOffers",
            columns: ["Status", "ExpiresAt"]);

        migrationBuilder.CreateIndex(
            name: "IX_WaitlistEntries_ClinicId_Status_AddedAt",
            table: "WaitlistEntries",
            columns: ["ClinicId", "Status", "AddedAt"]);

        migrationBuilder.CreateIndex(
            name: "IX_WaitlistEntries_SessionId",
            table: "WaitlistEntries",
            column: "SessionId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "WaitlistEntries");
        migrationBuilder.DropTable(name: "RebookingCases");
        migrationBuilder.DropTable(name: "OfferRecipients");
        migrationBuilder.DropTable(name: "SlotOffers");
        migrationBuilder.DropIndex(name: "IX_ReminderMessages_RelatedId", table: "ReminderMessages");
        migrationBuilder.DropColumn(name: "RelatedId", table: "ReminderMessages");
    }
}
