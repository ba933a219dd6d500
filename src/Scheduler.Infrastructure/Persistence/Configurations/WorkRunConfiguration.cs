using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Domain.Audit;

namespace Scheduler.Infrastructure.Persistence.Configurations;

internal sealed class WorkRunConfiguration : IEntityTypeConfiguration<WorkRun>
{
    public void Configure(EntityTypeBuilder<WorkRun> b)
    {
        b.ToTable("WorkRuns");
        b.HasKey(r => r.Id);
        b.Property(r => r.Kind).HasMaxLength(50);
        b.Property(r => r.Key).HasMaxLength(200);
        b.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Summary).HasMaxLength(2000);
        b.Property(r => r.Error).HasMaxLength(2000);
        b.HasIndex(r => r.StartedAt);
        b.HasIndex(r => new { r.ClinicId, r.StartedAt });
        b.HasIndex(r => r.Key);
    }
}
