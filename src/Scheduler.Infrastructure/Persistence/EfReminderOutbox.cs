using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using NodaTime;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Waitlist;

namespace Scheduler.Infrastructure.Persistence;

/// <summary>
/// The reminder queue on the scheduler's database. A claim is one UPDATE of the due rows that are
/// still unclaimed: on SQLite it runs under the database's write lock, on a server database each row
/// is locked as it is changed, so two dispatchers never claim the same row.
/// </summary>
public sealed class EfReminderOutbox(SchedulerDbContext db) : IReminderOutbox
{
    public async Task<int> SettleAbandonedClaims(Instant now, bool resendSafe, CancellationToken ct)
    {
        var abandoned = await db.Messages
            .Where(m => m.Status == MessageStatus.Sending && m.ClaimedUntil < now)
            .OrderBy(m => m.ClaimedUntil)
            .Take(1000)
            .ToListAsync(ct);
        foreach (var message in abandoned)
        {
            if (resendSafe)
                message.Reschedule(message.DueAt ?? now, "Handed back: the dispatcher that claimed it stopped before sending.", now);
            else
                message.MarkInterrupted(now);
        }
        if (abandoned.Count > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another dispatcher settled them first.
            }
            db.ChangeTracker.Clear();
        }
        return abandoned.Count;
    }

    public async Task<IReadOnlyList<ReminderMessage>> ClaimDue(Guid claimId, Instant now, Instant leaseUntil, int max, CancellationToken ct)
    {
        Guid? claim = claimId;
        Instant? lease = leaseUntil;
        // Two range scans in index order that stop after n rows ((Status, DueAt), then (Status,
        // NextAttemptAt)), rather than one OR that would collect and sort every due row per batch.
        // Each is one statement: UPDATE … WHERE Id IN (SELECT … LIMIT n) AND the row is still claimable.
        var scheduled = db.Messages
            .Where(m => m.Status == MessageStatus.Scheduled && m.DueAt <= now)
            .OrderBy(m => m.DueAt)
            .Select(m => m.Id)
            .Take(max);
        var claimed = await db.Messages
            .Where(m => scheduled.Contains(m.Id) && m.Status == MessageStatus.Scheduled)
            .ExecuteUpdateAsync(u => Claim(u, claim, lease, now), ct);
        if (claimed < max)
        {
            var retries = db.Messages
                .Where(m => m.Status == MessageStatus.Failed && m.NextAttemptAt != null && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.Id)
                .Take(max - claimed);
            claimed += await db.Messages
                .Where(m => retries.Contains(m.Id) && m.Status == MessageStatus.Failed && m.NextAttemptAt != null)
                .ExecuteUpdateAsync(u => Claim(u, claim, lease, now), ct);
        }
        if (claimed == 0)
            return [];
        return await db.Messages.Where(m => m.ClaimId == claim).ToListAsync(ct);
    }

    private static void Claim(UpdateSettersBuilder<ReminderMessage> u, Guid? claim, Instant? lease, Instant now) => u
        .SetProperty(m => m.Status, MessageStatus.Sending)
        .SetProperty(m => m.ClaimId, claim)
        .SetProperty(m => m.ClaimedUntil, lease)
        .SetProperty(m => m.UpdatedAt, now);

    public async Task<DispatchFacts> Facts(IReadOnlyList<ReminderMessage> messages, Instant smsSince, CancellationToken ct)
    {
        var clinicIds = messages.Select(m => m.ClinicId).Distinct().ToList();
        var patientIds = messages.Select(m => m.PatientId).Distinct().ToList();
        var sessionIds = messages.Select(m => m.SessionId).Distinct().ToList();
        var clinics = await db.Clinics.AsNoTracking().Where(c => clinicIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var policies = await db.ReminderPolicies.AsNoTracking().Where(p => clinicIds.Contains(p.ClinicId)).ToDictionaryAsync(p => p.ClinicId, p => p.Policy, ct);
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var phones = patients.Values.Where(p => p.Phone is not null).Select(p => p.Phone!.Value.Value).Distinct().ToList();
        var optedOut = (await db.SmsOptOuts.AsNoTracking().Where(o => phones.Contains(o.Phone)).Select(o => o.Phone).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        Instant? since = smsSince;
        ContactChannel? sms = ContactChannel.Sms;
        var recent = await db.Messages.AsNoTracking()
            // SentAt is set by sending only, so it alone says "sent"; the query then runs on (PatientId, SentAt).
            .Where(m => patientIds.Contains(m.PatientId) && m.SentAt >= since && m.Channel == sms)
            .Select(m => new { m.PatientId, m.SentAt })
            .ToListAsync(ct);
        var recentSms = recent.GroupBy(r => r.PatientId).ToDictionary(g => g.Key, g => g.Select(r => r.SentAt!.Value).ToList());
        var offerIds = messages.Where(m => m.Kind == ReminderKind.WaitlistOffer && m.RelatedId is not null).Select(m => m.RelatedId!.Value).Distinct().ToList();
        var openOffers = offerIds.Count == 0
            ? []
            : await db.SlotOffers.AsNoTracking().Where(o => offerIds.Contains(o.Id) && o.Status == OfferStatus.Open)
                .ToDictionaryAsync(o => o.Id, o => o.ExpiresAt, ct);
        return new DispatchFacts(clinics, policies, patients, sessions, optedOut, recentSms, openOffers);
    }

    public async Task Save(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
