using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;

namespace Scheduler.Infrastructure.Persistence.Configurations;

internal sealed class ReminderMessageConfiguration : IEntityTypeConfiguration<ReminderMessage>
{
    public void Configure(EntityTypeBuilder<ReminderMessage> b)
    {
        b.ToTable("ReminderMessages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Reason).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.ReasonText).HasMaxLength(500);
        b.HasOne<Clinic>().WithMany().HasForeignKey(m => m.ClinicId);
        b.HasOne<Session>().WithMany().HasForeignKey(m => m.SessionId);
        b.HasIndex(m => m.SessionId);
        b.HasIndex(m => m.PatientId);
        // The dispatcher's query: pending messages by due time.
        b.HasIndex(m => new { m.Status, m.DueAt });
    }
}
