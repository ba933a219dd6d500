using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Protocols;

namespace Scheduler.Infrastructure.Persistence.Configurations;

internal sealed class ProtocolConfiguration : IEntityTypeConfiguration<Protocol>
{
    public void Configure(EntityTypeBuilder<Protocol> b)
    {
        b.ToTable("Protocols");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.ChairKind).IsRequired();
        b.Property(p => p.Infusion).HasColumnName("InfusionMinutes")
            .HasConversion(d => (int)d.Value.TotalMinutes, m => InfusionDuration.FromMinutes(m), Json.ByReference<InfusionDuration>());
        b.Property(p => p.Observation).HasColumnName("ObservationMinutes")
            .HasConversion(d => (int)d.Value.TotalMinutes, m => ObservationDuration.FromMinutes(m), Json.ByReference<ObservationDuration>());
        b.Property(p => p.Induction).HasConversion(Json.Induction, Json.ByReference<InductionPhase>()).IsRequired();
        b.Property(p => p.Preparation).HasMaxLength(Protocol.PreparationMaxLength);
        b.Property(p => p.Maintenance).HasConversion(Json.Maintenance, Json.ByReference<MaintenancePhase>());
        b.HasOne<Clinic>().WithMany().HasForeignKey(p => p.ClinicId);
        b.HasIndex(p => p.ClinicId);
        b.Ignore(p => p.CareLength);
    }
}
