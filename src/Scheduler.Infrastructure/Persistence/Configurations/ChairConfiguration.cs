using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;

namespace Scheduler.Infrastructure.Persistence.Configurations;

internal sealed class ChairConfiguration : IEntityTypeConfiguration<Chair>
{
    public void Configure(EntityTypeBuilder<Chair> b)
    {
        b.ToTable("Chairs");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.Kind).IsRequired();
        b.Property(c => c.OutOfService)
            .HasField("_outOfService")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(Json.OutOfService, Json.ByReference<IReadOnlyList<OutOfServiceWindow>>())
            .HasMaxLength(1_000_000)
            .IsRequired();
        b.HasOne<Clinic>().WithMany().HasForeignKey(c => c.ClinicId);
        b.HasIndex(c => c.ClinicId);
    }
}
