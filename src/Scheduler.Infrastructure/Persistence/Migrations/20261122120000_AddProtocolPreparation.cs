using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Scheduler.Infrastructure.Persistence.Migrations;

/// <summary>A protocol's preparation instructions for the patient (optional text, up to 2,000 characters).</summary>
[DbContext(typeof(SchedulerDbContext))]
[Migration("20261122120000_AddProtocolPreparation")]
public sealed class AddProtocolPreparation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(
            name: "Preparation",
            table: "Protocols",
            nullable: true, maxLength: 2000);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "Preparation", table: "Protocols");
}
