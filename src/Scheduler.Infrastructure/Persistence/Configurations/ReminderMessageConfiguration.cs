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
        b.Property(m => m.LinkCode).HasMaxLength(40).IsRequired();
        // A dispatcher's update of a claimed message only lands while its claim still holds.
        b.Property(m => m.ClaimId).IsConcurrencyToken();
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.SentTo).HasMaxLength(254);
        b.Property(m => m.Subject).HasMaxLength(500);
        b.Property(m => m.Body).HasMaxLength(8000);
        b.Property(m => m.ProviderId).HasMaxLength(200);
        b.Property(m => m.LastError).HasMaxLength(500);
        b.Property(m => m.Note).HasMaxLength(500);
        b.HasOne<Clinic>().WithMany().HasForeignKey(m => m.ClinicId);
        b.HasOne<Session>().WithMany().HasForeignKey(m => m.SessionId);
        b.HasIndex(m => m.SessionId);
        b.HasIndex(m => m.PatientId);
        b.HasIndex(m => m.LinkCode).IsUnique();
        b.HasIndex(m => m.ClaimId);
        b.HasIndex(m => m.RelatedId);
        // The dispatcher's queries: pending messages by due time, failed ones by next attempt.
        b.HasIndex(m => new { m.Status, m.DueAt });
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // The send-time SMS caps: what a patient was sent lately.
        b.HasIndex(m => new { m.PatientId, m.SentAt });
    }
}

internal sealed class SmsOptOutConfiguration : IEntityTypeConfiguration<SmsOptOut>
{
    public void Configure(EntityTypeBuilder<SmsOptOut> b)
    {
        b.ToTable("SmsOptOuts");
        b.HasKey(o => o.Phone);
        b.Property(o => o.Phone).HasMaxLength(20);
        b.Property(o => o.Reply).HasMaxLength(160);
    }
}

internal sealed class InboundSmsConfiguration : IEntityTypeConfiguration<InboundSms>
{
    public void Configure(EntityTypeBuilder<InboundSms> b)
    {
        b.ToTable("InboundSms");
        b.HasKey(m => m.Id);
        b.Property(m => m.ProviderId).HasMaxLength(100);
        b.HasIndex(m => m.ProviderId).IsUnique();
        b.Property(m => m.From).HasMaxLength(40);
        b.Property(m => m.To).HasMaxLength(40);
        b.Property(m => m.Body).HasMaxLength(InboundSms.MaxBodyLength);
        b.Property(m => m.Intent).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Outcome).HasMaxLength(500);
        b.Property(m => m.HandledBy).HasMaxLength(200);
        b.HasIndex(m => new { m.ClinicId, m.ReceivedAt });
        b.HasIndex(m => m.From);
    }
}

internal sealed class ClinicReminderPolicyConfiguration : IEntityTypeConfiguration<ClinicReminderPolicy>
{
    public void Configure(EntityTypeBuilder<ClinicReminderPolicy> b)
    {
        b.ToTable("ReminderPolicies");
        b.HasKey(p => p.ClinicId);
        b.HasOne<Clinic>().WithOne().HasForeignKey<ClinicReminderPolicy>(p => p.ClinicId);
        b.Property(p => p.Policy).HasConversion(Json.ReminderPolicy, Json.ByReference<ReminderPolicy>()).HasMaxLength(100_000).IsRequired();
    }
}
