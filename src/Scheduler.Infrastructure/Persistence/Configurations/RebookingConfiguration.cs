using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Series;
using Scheduler.Domain.Waitlist;

namespace Scheduler.Infrastructure.Persistence.Configurations;

internal sealed class RebookingCaseConfiguration : IEntityTypeConfiguration<RebookingCase>
{
    public void Configure(EntityTypeBuilder<RebookingCase> b)
    {
        b.ToTable("RebookingCases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Trigger).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Cause).HasMaxLength(500);
        b.Property(c => c.Shifted).HasMaxLength(500);
        b.Property(c => c.FrontDeskReason).HasMaxLength(500);
        b.Property(c => c.ResolvedBy).HasMaxLength(200);
        b.Property(c => c.Resolution).HasMaxLength(500);
        // Two runs of the job (a retry beside a recovered run) cannot both decide one case.
        b.Property(c => c.UpdatedAt).IsConcurrencyToken();
        b.HasOne<Clinic>().WithMany().HasForeignKey(c => c.ClinicId);
        b.HasOne<Session>().WithMany().HasForeignKey(c => c.SessionId);
        b.HasIndex(c => new { c.ClinicId, c.Status, c.OriginalStart });
        b.HasIndex(c => c.SessionId);
        b.HasIndex(c => c.HeldSessionId);
        b.HasIndex(c => new { c.Status, c.HoldExpiresAt });
    }
}

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> b)
    {
        b.ToTable("WaitlistEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.AddedBy).HasMaxLength(200);
        b.HasOne<Clinic>().WithMany().HasForeignKey(e => e.ClinicId);
        b.HasOne<Session>().WithMany().HasForeignKey(e => e.SessionId);
        b.HasIndex(e => new { e.ClinicId, e.Status, e.AddedAt });
        b.HasIndex(e => e.SessionId);
    }
}

internal sealed class SlotOfferConfiguration : IEntityTypeConfiguration<SlotOffer>
{
    public void Configure(EntityTypeBuilder<SlotOffer> b)
    {
        b.ToTable("SlotOffers");
        b.HasKey(o => o.Id);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Cause).HasMaxLength(500);
        // The first accept changes the version; a second one, read before, fails to save.
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasOne<Clinic>().WithMany().HasForeignKey(o => o.ClinicId);
        b.HasMany(o => o.Recipients).WithOne().HasForeignKey(r => r.OfferId);
        b.Navigation(o => o.Recipients).HasField("_recipients").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(o => new { o.ClinicId, o.CreatedAt });
        b.HasIndex(o => new { o.Status, o.ExpiresAt });
    }
}

internal sealed class OfferRecipientConfiguration : IEntityTypeConfiguration<OfferRecipient>
{
    public void Configure(EntityTypeBuilder<OfferRecipient> b)
    {
        b.ToTable("OfferRecipients");
        b.HasKey(r => r.Id);
        b.Property(r => r.Answered).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Match).HasMaxLength(500);
        b.HasIndex(r => r.OfferId);
        b.HasIndex(r => new { r.PatientId, r.Answered });
    }
}
