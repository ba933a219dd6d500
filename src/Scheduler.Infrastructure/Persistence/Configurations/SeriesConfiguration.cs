using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Series;

namespace Scheduler.Infrastructure.Persistence.Configurations;

internal sealed class SeriesConfiguration : IEntityTypeConfiguration<TreatmentSeries>
{
    public void Configure(EntityTypeBuilder<TreatmentSeries> b)
    {
        b.ToTable("Series");
        b.HasKey(s => s.Id);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.CreatedAt);
        b.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId);
        b.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId);
        b.HasOne<Protocol>().WithMany().HasForeignKey(s => s.ProtocolId);
        b.HasMany(s => s.Sessions).WithOne().HasForeignKey(s => s.SeriesId);
        b.Navigation(s => s.Sessions).HasField("_sessions").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(s => s.PatientId);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    /// <summary>Column names of the footprint, for queries: intervals are [Start, TurnoverEnd) on the chair.</summary>
    public const string Start = "Start", InfusionEnd = "InfusionEnd", ObservationEnd = "ObservationEnd", TurnoverEnd = "TurnoverEnd", InRecovery = "ObservationInRecovery";

    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.ToTable("Sessions");
        b.HasKey(s => s.Id);
        b.Ignore(s => s.Footprint);
        b.Property<Instant>("_start").HasColumnName(Start);
        b.Property<Instant>("_infusionEnd").HasColumnName(InfusionEnd);
        b.Property<Instant>("_observationEnd").HasColumnName(ObservationEnd);
        b.Property<Instant>("_turnoverEnd").HasColumnName(TurnoverEnd);
        b.Property<bool>("_observationInRecovery").HasColumnName(InRecovery);
        b.Property(s => s.Ordinal);
        b.Property(s => s.Phase).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId);
        b.HasOne<Chair>().WithMany().HasForeignKey(s => s.ChairId);
        b.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId);
        b.HasIndex(nameof(Session.ClinicId), "_start");
        b.HasIndex(nameof(Session.ChairId), "_start");
        b.HasIndex(s => s.PatientId);
    }
}

internal sealed class AuditConfiguration : IEntityTypeConfiguration<Domain.Audit.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Domain.Audit.AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(a => a.Id);
        b.Property(a => a.Actor).HasMaxLength(200);
        b.Property(a => a.EntityType).HasMaxLength(50);
        b.Property(a => a.Action).HasMaxLength(50);
        b.Property(a => a.Details).HasMaxLength(2000);
        b.Property(a => a.Reason).HasMaxLength(500);
        b.HasIndex(a => new { a.EntityId, a.At });
    }
}
