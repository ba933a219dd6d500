using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Capacity;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;
using Scheduler.Domain.Waitlist;
using Scheduler.Infrastructure.Persistence.Configurations;

namespace Scheduler.Infrastructure.Persistence;

public sealed class EfSchedulerStore(SchedulerDbContext db) : ISchedulerStore
{
    /// <summary>Longer than any footprint (5 h infusion + 12 h observation + 2 h turnover), for overlap queries by start.</summary>
    private static readonly Duration LongestFootprint = Duration.FromHours(20);

    public Task<Clinic?> Clinic(ClinicId id, CancellationToken ct) => db.Clinics.FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<IReadOnlyList<Clinic>> Clinics(CancellationToken ct) => await db.Clinics.OrderBy(c => c.Name).ToListAsync(ct);

    public Task<Chair?> Chair(ChairId id, CancellationToken ct) => db.Chairs.FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<IReadOnlyList<Chair>> Chairs(ClinicId clinic, CancellationToken ct) =>
        await db.Chairs.Where(c => c.ClinicId == clinic).OrderBy(c => c.Name).ToListAsync(ct);

    public Task<Protocol?> Protocol(ProtocolId id, CancellationToken ct) => db.Protocols.FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<IReadOnlyList<Protocol>> Protocols(ClinicId clinic, CancellationToken ct) =>
        await db.Protocols.Where(p => p.ClinicId == clinic).OrderBy(p => p.Name).ToListAsync(ct);

    public Task<Patient?> Patient(PatientId id, CancellationToken ct) => db.Patients.FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<IReadOnlyList<Patient>> Patients(ClinicId clinic, string? search, int skip, int take, CancellationToken ct)
    {
        var query = db.Patients.Where(p => p.ClinicId == clinic);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            // A phone number is matched on its digits, however it is typed ("617 555-0101", "(617) 5550101").
            var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
            var phonePattern = digits.Length >= 3 && text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.')
                ? "%" + digits + "%"
                : null;
            // The casts read the converted columns as plain text, so the patterns are not sent through the value converters.
            query = query.Where(p => EF.Functions.Like(p.Name, pattern, "\\")
                || EF.Functions.Like((string)(object)p.Email!, pattern, "\\")
                || (phonePattern != null && EF.Functions.Like((string)(object)p.Phone!, phonePattern)));
        }
        return await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip(skip).Take(take).ToListAsync(ct);
    }

    public Task<TreatmentSeries?> Series(SeriesId id, CancellationToken ct) =>
        db.Series.Include(s => s.Sessions).FirstOrDefaultAsync(s => s.Id == id, ct);

    public async Task<TreatmentSeries?> SeriesOfSession(SessionId id, CancellationToken ct)
    {
        var seriesId = await db.Sessions.Where(s => s.Id == id).Select(s => (SeriesId?)s.SeriesId).FirstOrDefaultAsync(ct);
        return seriesId is { } sid ? await Series(sid, ct) : null;
    }

    public async Task<IReadOnlyList<TreatmentSeries>> SeriesOfPatient(PatientId id, CancellationToken ct) =>
        await db.Series.Include(s => s.Sessions).Where(s => s.PatientId == id).OrderBy(s => s.CreatedAt).ToListAsync(ct);

    public async Task<IReadOnlyList<BookedSession>> Occupying(ClinicId clinic, Instant from, Instant to, CancellationToken ct)
    {
        var earliestStart = from - LongestFootprint;
        var rows = await db.Sessions.AsNoTracking()
            .Where(s => s.ClinicId == clinic
                && s.Status != SessionStatus.Cancelled && s.Status != SessionStatus.NoShow
                && EF.Property<Instant>(s, "_start") >= earliestStart && EF.Property<Instant>(s, "_start") < to)
            .OrderBy(s => EF.Property<Instant>(s, "_start"))
            .Select(s => new
            {
                s.Id,
                s.PatientId,
                s.ChairId,
                Start = EF.Property<Instant>(s, "_start"),
                InfusionEnd = EF.Property<Instant>(s, "_infusionEnd"),
                ObservationEnd = EF.Property<Instant>(s, "_observationEnd"),
                TurnoverEnd = EF.Property<Instant>(s, "_turnoverEnd"),
                InRecovery = EF.Property<bool>(s, "_observationInRecovery"),
            })
            .ToListAsync(ct);
        return rows
            .Select(r => new BookedSession(r.Id, r.PatientId, r.ChairId, SessionFootprint.Restore(r.Start, r.InfusionEnd, r.ObservationEnd, r.TurnoverEnd, r.InRecovery)))
            .Where(b => b.Footprint.End > from)
            .ToList();
    }

    public async Task<IReadOnlyList<Session>> SessionsStarting(ClinicId clinic, Instant from, Instant to, CancellationToken ct) =>
        await db.Sessions.AsNoTracking()
            .Where(s => s.ClinicId == clinic && EF.Property<Instant>(s, "_start") >= from && EF.Property<Instant>(s, "_start") < to)
            .OrderBy(s => EF.Property<Instant>(s, "_start"))
            .ToListAsync(ct);

    public async IAsyncEnumerable<SessionRecord> SessionRecords(ClinicId clinic, Instant from, Instant to, [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = db.Sessions.AsNoTracking()
            .Where(s => s.ClinicId == clinic && EF.Property<Instant>(s, "_start") >= from && EF.Property<Instant>(s, "_start") < to)
            .OrderBy(s => EF.Property<Instant>(s, "_start"))
            .Select(s => new
            {
                s.ChairId,
                s.Status,
                Start = EF.Property<Instant>(s, "_start"),
                InfusionEnd = EF.Property<Instant>(s, "_infusionEnd"),
                ObservationEnd = EF.Property<Instant>(s, "_observationEnd"),
                TurnoverEnd = EF.Property<Instant>(s, "_turnoverEnd"),
                InRecovery = EF.Property<bool>(s, "_observationInRecovery"),
                s.CheckedInAt,
                s.InfusionStartedAt,
                s.ObservationStartedAt,
                s.CompletedAt,
                s.EndedAt,
                // A cancel the clinic caused (closed day, chair out of service) opened a case saying so.
                EndedByClinic = s.Status == SessionStatus.Cancelled && db.RebookingCases.Any(c => c.SessionId == s.Id
                    && (c.Trigger == RebookingTrigger.ClinicClosed || c.Trigger == RebookingTrigger.ChairOutOfService)),
            })
            .AsAsyncEnumerable()
            .WithCancellation(ct);
        await foreach (var r in rows)
        {
            yield return new SessionRecord(r.ChairId, r.Status, SessionFootprint.Restore(r.Start, r.InfusionEnd, r.ObservationEnd, r.TurnoverEnd, r.InRecovery),
                r.CheckedInAt, r.InfusionStartedAt, r.ObservationStartedAt, r.CompletedAt, r.EndedAt, r.EndedByClinic);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> Audit(Guid entityId, CancellationToken ct) =>
        await db.Audit.AsNoTracking().Where(a => a.EntityId == entityId).OrderBy(a => a.At).ToListAsync(ct);

    public async Task<IReadOnlyList<ReminderMessage>> MessagesOfSession(SessionId session, CancellationToken ct) =>
        await db.Messages.Where(m => m.SessionId == session).OrderBy(m => m.CreatedAt).ToListAsync(ct);

    public async Task<IReadOnlyList<ReminderMessage>> MessagesOfPatient(PatientId patient, CancellationToken ct) =>
        await db.Messages.AsNoTracking().Where(m => m.PatientId == patient).OrderBy(m => m.Nominal).ThenBy(m => m.CreatedAt).ToListAsync(ct);

    public async Task<ReminderPolicy> ReminderPolicy(ClinicId clinic, CancellationToken ct) =>
        await db.ReminderPolicies.AsNoTracking().Where(p => p.ClinicId == clinic).Select(p => p.Policy).FirstOrDefaultAsync(ct)
        ?? Domain.Reminders.ReminderPolicy.Default;

    public Task<ClinicReminderPolicy?> SavedReminderPolicy(ClinicId clinic, CancellationToken ct) =>
        db.ReminderPolicies.FirstOrDefaultAsync(p => p.ClinicId == clinic, ct);

    public Task<ReminderMessage?> MessageByLinkCode(string linkCode, CancellationToken ct) =>
        db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.LinkCode == linkCode, ct);

    public async Task<IReadOnlyList<Patient>> PatientsByPhone(PhoneNumber phone, CancellationToken ct)
    {
        PhoneNumber? wanted = phone;
        return await db.Patients.Where(p => p.Phone == wanted).OrderBy(p => p.Id).ToListAsync(ct);
    }

    public Task<SmsOptOut?> SmsOptOut(PhoneNumber phone, CancellationToken ct) =>
        db.SmsOptOuts.FirstOrDefaultAsync(o => o.Phone == phone.Value, ct);

    public Task<InboundSms?> InboundSms(string providerId, CancellationToken ct) =>
        db.InboundSms.FirstOrDefaultAsync(m => m.ProviderId == providerId, ct);

    public Task<InboundSms?> InboundSms(Guid id, CancellationToken ct) =>
        db.InboundSms.FirstOrDefaultAsync(m => m.Id == id, ct);

    public async Task<IReadOnlyList<InboundSms>> InboundSmsOf(ClinicId? clinic, bool onlyNeedingFrontDesk, int take, CancellationToken ct)
    {
        var query = db.InboundSms.AsNoTracking().Where(m => m.ClinicId == clinic);
        if (onlyNeedingFrontDesk)
            query = query.Where(m => m.NeedsFrontDesk);
        return await query.OrderByDescending(m => m.ReceivedAt).Take(take).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<WorkRun>> WorkRuns(ClinicId? clinic, string? kind, int take, CancellationToken ct)
    {
        var query = db.WorkRuns.AsNoTracking();
        if (clinic is { } c)
            query = query.Where(r => r.ClinicId == c.Value);
        if (kind is not null)
            query = query.Where(r => r.Kind == kind);
        return await query.OrderByDescending(r => r.StartedAt).Take(take).ToListAsync(ct);
    }

    public Task<WorkRun?> WorkRun(Guid id, CancellationToken ct) => db.WorkRuns.FirstOrDefaultAsync(r => r.Id == id, ct);

    public Task<RebookingCase?> RebookingCase(Guid id, CancellationToken ct) => db.RebookingCases.FirstOrDefaultAsync(c => c.Id == id, ct);

    public Task<RebookingCase?> HeldCaseOf(SessionId session, CancellationToken ct)
    {
        SessionId? held = session;
        return db.RebookingCases.FirstOrDefaultAsync(c => c.HeldSessionId == held && c.Status == RebookingStatus.Held, ct);
    }

    public Task<RebookingCase?> OpenMoveRequestOf(SessionId session, CancellationToken ct) =>
        db.RebookingCases.FirstOrDefaultAsync(c => c.SessionId == session && c.Trigger == RebookingTrigger.PatientAskedToMove
            && c.Status == RebookingStatus.FrontDesk, ct);

    public async Task<IReadOnlyList<Guid>> PendingRebookings(ClinicId clinic, CancellationToken ct) =>
        await db.RebookingCases.Where(c => c.ClinicId == clinic && c.Status == RebookingStatus.Pending)
            .OrderBy(c => c.OriginalStart).Select(c => c.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<RebookingCase>> RebookingCases(ClinicId clinic, RebookingStatus? status, int take, CancellationToken ct)
    {
        var query = db.RebookingCases.AsNoTracking().Where(c => c.ClinicId == clinic);
        if (status is { } wanted)
            query = query.Where(c => c.Status == wanted);
        return await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.OriginalStart).Take(take).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<RebookingCase>> ExpiredHolds(Instant now, CancellationToken ct)
    {
        Instant? at = now;
        return await db.RebookingCases.AsNoTracking().Where(c => c.Status == RebookingStatus.Held && c.HoldExpiresAt <= at).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ClinicId>> ClinicsWithPendingRebookings(Instant openedBefore, CancellationToken ct) =>
        await db.RebookingCases.Where(c => c.Status == RebookingStatus.Pending && c.CreatedAt < openedBefore)
            .Select(c => c.ClinicId).Distinct().ToListAsync(ct);

    public Task<WaitlistEntry?> WaitlistEntry(Guid id, CancellationToken ct) => db.Waitlist.FirstOrDefaultAsync(e => e.Id == id, ct);

    public Task<WaitlistEntry?> WaitingEntryOf(SessionId session, CancellationToken ct) =>
        db.Waitlist.FirstOrDefaultAsync(e => e.SessionId == session && e.Status == WaitlistStatus.Waiting, ct);

    public async Task<IReadOnlyList<WaitlistEntry>> Waitlist(ClinicId clinic, bool waitingOnly, CancellationToken ct)
    {
        var query = db.Waitlist.AsNoTracking().Where(e => e.ClinicId == clinic);
        if (waitingOnly)
            query = query.Where(e => e.Status == WaitlistStatus.Waiting);
        return await query.OrderBy(e => e.AddedAt).ToListAsync(ct);
    }

    public Task<SlotOffer?> SlotOffer(Guid id, CancellationToken ct) =>
        db.SlotOffers.Include(o => o.Recipients).FirstOrDefaultAsync(o => o.Id == id, ct);

    public async Task<IReadOnlyList<SlotOffer>> SlotOffers(ClinicId clinic, int take, CancellationToken ct) =>
        await db.SlotOffers.AsNoTracking().Include(o => o.Recipients).Where(o => o.ClinicId == clinic)
            .OrderByDescending(o => o.CreatedAt).Take(take).ToListAsync(ct);

    public async Task<IReadOnlyList<Guid>> OpenOfferIds(Instant expiredBy, CancellationToken ct) =>
        await db.SlotOffers.Where(o => o.Status == OfferStatus.Open && o.ExpiresAt <= expiredBy).Select(o => o.Id).ToListAsync(ct);

    public void Add(object entity) => db.Add(entity);

    public void Remove(object entity) => db.Remove(entity);

    public Task SaveChanges(CancellationToken ct) => db.SaveChangesAsync(ct);

    public async Task<T> InBookingTransaction<T>(ClinicId clinic, Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Whatever was read before the lock may be stale: forget it, so that every read inside
            // sees what the previous holder of the lock committed (the identity map would otherwise
            // hand back the old tracked values).
            db.ChangeTracker.Clear();
            // Takes the clinic row's write lock (and on SQLite the database's) before anything is read.
            await db.Clinics.Where(c => c.Id == clinic)
                .ExecuteUpdateAsync(u => u.SetProperty(c => EF.Property<long>(c, ClinicConfiguration.BookVersion), c => EF.Property<long>(c, ClinicConfiguration.BookVersion) + 1), ct);
            var result = await work(ct);
            if (commit(result))
            {
                await transaction.CommitAsync(ct);
            }
            else
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
            return result;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
