using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Patients;

namespace Scheduler.Infrastructure.Persistence.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> b)
    {
        b.ToTable("Patients");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.Phone).HasConversion(v => v!.Value.Value, s => new PhoneNumber(s)).HasMaxLength(16);
        b.Property(p => p.Email).HasConversion(v => v!.Value.Value, s => new EmailAddress(s)).HasMaxLength(254);
        b.Property(p => p.PreferredChannel).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Availability).HasConversion(Json.Availability, Json.ByReference<Availability>()).IsRequired();
        b.HasOne<Clinic>().WithMany().HasForeignKey(p => p.ClinicId);
        b.HasIndex(p => new { p.ClinicId, p.Name });
    }
}
