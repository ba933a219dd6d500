using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;
using Scheduler.Domain.Waitlist;

namespace Scheduler.Infrastructure.Persistence;

public sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<Clinic> Clinics => Set<Clinic>();
    public DbSet<Chair> Chairs => Set<Chair>();
    public DbSet<Protocol> Protocols => Set<Protocol>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<TreatmentSeries> Series => Set<TreatmentSeries>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<ReminderMessage> Messages => Set<ReminderMessage>();
    public DbSet<SmsOptOut> SmsOptOuts => Set<SmsOptOut>();
    public DbSet<InboundSms> InboundSms => Set<InboundSms>();
    public DbSet<ClinicReminderPolicy> ReminderPolicies => Set<ClinicReminderPolicy>();
    public DbSet<WorkRun> WorkRuns => Set<WorkRun>();
    public DbSet<RebookingCase> RebookingCases => Set<RebookingCase>();
    public DbSet<WaitlistEntry> Waitlist => Set<WaitlistEntry>();
    public DbSet<SlotOffer> SlotOffers => Set<SlotOffer>();
    public DbSet<OfferRecipient> OfferRecipients => Set<OfferRecipient>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<ClinicId>().HaveConversion<ClinicIdConverter>();
        configurationBuilder.Properties<ChairId>().HaveConversion<ChairIdConverter>();
        configurationBuilder.Properties<ProtocolId>().HaveConversion<ProtocolIdConverter>();
        configurationBuilder.Properties<PatientId>().HaveConversion<PatientIdConverter>();
        configurationBuilder.Properties<SeriesId>().HaveConversion<SeriesIdConverter>();
        configurationBuilder.Properties<SessionId>().HaveConversion<SessionIdConverter>();
        configurationBuilder.Properties<ChairKind>().HaveConversion<ChairKindConverter>().HaveMaxLength(50);
        configurationBuilder.Properties<string>().HaveMaxLength(500);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulerDbContext).Assembly);
}
