using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Infrastructure.Persistence.Migrations;

/// <summary>
/// The first schema: clinics, chairs, protocols, patients, series, sessions and the audit trail.
/// Column types come from the provider's mapping of each CLR type, so the same migration serves
/// any relational provider. Moments are UTC date-times; JSON columns hold small settings values.
/// </summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122060000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Actor = table.Column<string>(nullable: false, maxLength: 200),
                EntityType = table.Column<string>(nullable: false, maxLength: 50),
                EntityId = table.Column<Guid>(nullable: false),
                Action = table.Column<string>(nullable: false, maxLength: 50),
                Details = table.Column<string>(nullable: false, maxLength: 2000),
                Reason = table.Column<string>(nullable: true, maxLength: 500),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Clinics",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false, maxLength: 200),
                Settings = table.Column<string>(nullable: false, maxLength: 100000),
                BookVersion = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Clinics", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Chairs",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClinicId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false, maxLength: 200),
                Kind = table.Column<string>(nullable: false, maxLength: 50),
                Active = table.Column<bool>(nullable: false),
                OutOfService = table.Column<string>(nullable: false, maxLength: 1000000),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Chairs", x => x.Id);
                table.ForeignKey(
                    name: "FK_Chairs_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Patients",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClinicId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false, maxLength: 200),
                Phone = table.Column<string>(nullable: true, maxLength: 16),
                Email = table.Column<string>(nullable: true, maxLength: 254),
                PreferredChannel = table.Column<string>(nullable: false, maxLength: 10),
                Availability = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Patients", x => x.Id);
                table.ForeignKey(
                    name: "FK_Patients_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Protocols",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClinicId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false, maxLength: 200),
                ChairKind = table.Column<string>(nullable: false, maxLength: 50),
                InfusionMinutes = table.Column<int>(nullable: false),
                ObservationMinutes = table.Column<int>(nullable: false),
                Induction = table.Column<string>(nullable: false),
                Maintenance = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Protocols", x => x.Id);
                table.ForeignKey(
                    name: "FK_Protocols_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Series",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClinicId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                ProtocolId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(nullable: false, maxLength: 20),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Series", x => x.Id);
                table.ForeignKey(
                    name: "FK_Series_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Series_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Series_Protocols_ProtocolId",
                    column: x => x.ProtocolId,
                    principalTable: "Protocols",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Sessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SeriesId = table.Column<Guid>(nullable: false),
                ClinicId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                Ordinal = table.Column<int>(nullable: false),
                Phase = table.Column<string>(nullable: false, maxLength: 20),
                ChairId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(nullable: false, maxLength: 20),
                ConfirmedAt = table.Column<DateTime>(nullable: true),
                CheckedInAt = table.Column<DateTime>(nullable: true),
                InfusionStartedAt = table.Column<DateTime>(nullable: true),
                ObservationStartedAt = table.Column<DateTime>(nullable: true),
                CompletedAt = table.Column<DateTime>(nullable: true),
                EndedAt = table.Column<DateTime>(nullable: true),
                EndReason = table.Column<string>(nullable: true, maxLength: 500),
                InfusionEnd = table.Column<DateTime>(nullable: false),
                ObservationEnd = table.Column<DateTime>(nullable: false),
                ObservationInRecovery = table.Column<bool>(nullable: false),
                Start = table.Column<DateTime>(nullable: false),
                TurnoverEnd = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Sessions", x => x.Id);
                table.ForeignKey(
                    name: "FK_Sessions_Chairs_ChairId",
                    column: x => x.ChairId,
                    principalTable: "Chairs",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Sessions_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Sessions_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Sessions_Series_SeriesId",
                    column: x => x.SeriesId,
                    principalTable: "Series",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_EntityId_At",
            table: "AuditEntries",
            columns: new[] { "EntityId", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_Chairs_ClinicId",
            table: "Chairs",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Patients_ClinicId_Name",
            table: "Patients",
            columns: new[] { "ClinicId", "Name" });

        migrationBuilder.CreateIndex(
            name: "IX_Protocols_ClinicId",
            table: "Protocols",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Series_ClinicId",
            table: "Series",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Series_PatientId",
            table: "Series",
            column: "PatientId");

        migrationBuilder.CreateIndex(
            name: "IX_Series_ProtocolId",
            table: "Series",
            column: "ProtocolId");

        migrationBuilder.CreateIndex(
            name: "IX_Sessions_ChairId_Start",
            table: "Sessions",
            columns: new[] { "ChairId", "Start" });

        migrationBuilder.CreateIndex(
            name: "IX_Sessions_ClinicId_Start",
            table: "Sessions",
            columns: new[] { "ClinicId", "Start" });

        migrationBuilder.CreateIndex(
            name: "IX_Sessions_PatientId",
            table: "Sessions",
            column: "PatientId");

        migrationBuilder.CreateIndex(
            name: "IX_Sessions_SeriesId",
            table: "Sessions",
            column: "SeriesId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Sessions");
        migrationBuilder.DropTable(name: "Series");
        migrationBuilder.DropTable(name: "Protocols");
        migrationBuilder.DropTable(name: "Patients");
        migrationBuilder.DropTable(name: "Chairs");
        migrationBuilder.DropTable(name: "Clinics");
        migrationBuilder.DropTable(name: "AuditEntries");
    }
}
