using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Domain.Clinics;

namespace Scheduler.Infrastructure.Persistence.Configurations;

internal sealed class ClinicConfiguration : IEntityTypeConfiguration<Clinic>
{
    /// <summary>Bumped inside every booking transaction: the row lock that serialises bookings of one clinic.</summary>
    public const string BookVersion = "BookVersion";

    public void Configure(EntityTypeBuilder<Clinic> b)
    {
        b.ToTable("Clinics");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.Settings).HasConversion(Json.Settings, Json.ByReference<ClinicSettings>()).HasMaxLength(100_000).IsRequired();
        b.Property<long>(BookVersion).IsRequired();
    }
}
