using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Reminders;
using Scheduler.Infrastructure.Persistence;

namespace Scheduler.Benchmarks;

/// <summary>Which of the prototyped changes to <c>EfReminderOutbox</c> are on (<c>--prototype claim,recent,save</c>).</summary>
public sealed record PrototypeChanges(bool Claim, bool Recent, bool Save, bool Analyze)
{
    public bool Outbox => Claim || Recent || Save;

    public override string ToString() =>
        string.Join(", ", new[] { Claim ? "claim" : null, Recent ? "recent" : null, Save ? "save" : null, Analyze ? "analyze" : null }.Where(x => x is not null));
}

/// <summary>
/// NOT the app's code: a copy of <c>src/Scheduler.Infrastructure/Persistence/EfReminderOutbox.cs</c>
/// with the changes the profile suggests, each behind a switch, to measure what each is worth.
/// <list type="bullet">
/// <item><b>claim</b>: the app's claim selects <c>(Scheduled and due) OR (Failed and retry due)
/// ORDER BY DueAt LIMIT n</c>. SQLite answers the OR with both indexes, collects every due row and
/// sorts them in a temporary B-tree, for every batch: O(due rows) per batch, quadratic over a
/// backlog. Here the scheduled ones are claimed by a range scan of (Status, DueAt) in index order,
/// which stops after n rows, and the failed ones with a retry due by a second statement of the same
/// kind on (Status, NextAttemptAt) when the first claimed fewer than n. And the outer UPDATE of the
/// app re-tests Status, which SQLite (without statistics) plans as a scan of every Scheduled row on
/// (Status, NextAttemptAt), future ones included; on SQLite the re-test is left out (the statement
/// holds the write lock, so it is redundant) and the UPDATE finds its rows by primary key.</item>
/// <item><b>recent</b>: the SMS-cap query (<c>PatientId IN (…) AND Status = 'Sent' AND Channel = 'Sms'
/// AND SentAt &gt;= since</c>) is planned on (Status, NextAttemptAt) with Status = 'Sent' only, so it
/// reads every sent message of the database per batch. <c>SentAt</c> is set only by sending, so the
/// Status test can go; the query then uses (PatientId, SentAt).</item>
/// <item><b>save</b>: EF on SQLite sends one <c>UPDATE … RETURNING 1</c> command per message; here one
/// prepared UPDATE of the columns a dispatch can change, run for each message of the batch in one
/// transaction, values converted by the EF model's own mappings, the claim checked by rows affected.
/// The claimed messages are then read without tracking.</item>
/// <item><b>analyze</b> (not in this class): <c>ANALYZE</c> on the seeded database before the run, as
/// <c>PRAGMA optimize</c> at start-up would, so SQLite knows that Status is not selective.</item>
/// </list>
/// </summary>
public sealed class PrototypeOutbox(SchedulerDbContext db, PrototypeChanges changes) : IReminderOutbox
{
    /// <summary>The columns the dispatcher can change on a claimed message.</summary>
    private static readonly string[] Mutable =
    [
        nameof(ReminderMessage.Status), nameof(ReminderMessage.Reason), nameof(ReminderMessage.ReasonText), nameof(ReminderMessage.DueAt),
        nameof(ReminderMessage.Note), nameof(ReminderMessage.ClaimId), nameof(ReminderMessage.ClaimedUntil), nameof(ReminderMessage.Attempts),
        nameof(ReminderMessage.NextAttemptAt), nameof(ReminderMessage.LastError), nameof(ReminderMessage.SentAt), nameof(ReminderMessage.Channel),
        nameof(ReminderMessage.SentTo), nameof(ReminderMessage.Subject), nameof(ReminderMessage.Body), nameof(ReminderMessage.ProviderId),
        nameof(ReminderMessage.UpdatedAt),
    ];

    private IReadOnlyList<ReminderMessage> _claimed = [];
    private Guid _claimId;

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
            }
            db.ChangeTracker.Clear();
        }
        return abandoned.Count;
    }

    public async Task<IReadOnlyList<ReminderMessage>> ClaimDue(Guid claimId, Instant now, Instant leaseUntil, int max, CancellationToken ct)
    {
        Guid? claim = claimId;
        Instant? lease = leaseUntil;
        int claimed;
        if (changes.Claim)
        {
            var scheduled = db.Messages
                .Where(m => m.Status == MessageStatus.Scheduled && m.DueAt <= now)
                .OrderBy(m => m.DueAt)
                .Select(m => m.Id)
                .Take(max);
            // On SQLite the statement runs under the database's write lock, so the rows the subquery
            // picks are still claimable when they are updated; testing Status again in the outer WHERE
            // only makes SQLite plan the UPDATE as a scan of every Scheduled row (future ones
            // included) on (Status, NextAttemptAt), probing the subquery's list for each. A server
            // database needs the re-test (or FOR UPDATE SKIP LOCKED) instead.
            var sqlite = db.Database.IsSqlite();
            var targets = db.Messages.Where(m => scheduled.Contains(m.Id));
            if (!sqlite)
                targets = targets.Where(m => m.Status == MessageStatus.Scheduled);
            claimed = await targets
                .ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Status, MessageStatus.Sending)
                    .SetProperty(m => m.ClaimId, claim)
                    .SetProperty(m => m.ClaimedUntil, lease)
                    .SetProperty(m => m.UpdatedAt, now), ct);
            if (claimed < max)
            {
                var room = max - claimed;
                var retries = db.Messages
                    .Where(m => m.Status == MessageStatus.Failed && m.NextAttemptAt != null && m.NextAttemptAt <= now)
                    .OrderBy(m => m.NextAttemptAt)
                    .Select(m => m.Id)
                    .Take(room);
                var retried = db.Messages.Where(m => retries.Contains(m.Id));
                if (!sqlite)
                    retried = retried.Where(m => m.Status == MessageStatus.Failed && m.NextAttemptAt != null);
                claimed += await retried
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(m => m.Status, MessageStatus.Sending)
                        .SetProperty(m => m.ClaimId, claim)
                        .SetProperty(m => m.ClaimedUntil, lease)
                        .SetProperty(m => m.UpdatedAt, now), ct);
            }
        }
        else
        {
            var due = db.Messages
                .Where(m => (m.Status == MessageStatus.Scheduled && m.DueAt <= now)
                    || (m.Status == MessageStatus.Failed && m.NextAttemptAt != null && m.NextAttemptAt <= now))
                .OrderBy(m => m.DueAt)
                .Select(m => m.Id)
                .Take(max);
            claimed = await db.Messages
                .Where(m => due.Contains(m.Id)
                    && (m.Status == MessageStatus.Scheduled || (m.Status == MessageStatus.Failed && m.NextAttemptAt != null)))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Status, MessageStatus.Sending)
                    .SetProperty(m => m.ClaimId, claim)
                    .SetProperty(m => m.ClaimedUntil, lease)
                    .SetProperty(m => m.UpdatedAt, now), ct);
        }
        if (claimed == 0)
            return [];
        _claimId = claimId;
        var query = db.Messages.Where(m => m.ClaimId == claim);
        _claimed = changes.Save ? await query.AsNoTracking().ToListAsync(ct) : await query.ToListAsync(ct);
        return _claimed;
    }

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
        var recentQuery = changes.Recent
            // SentAt is set by MarkSent only: no Status test, so SQLite takes (PatientId, SentAt).
            ? db.Messages.AsNoTracking().Where(m => patientIds.Contains(m.PatientId) && m.Channel == sms && m.SentAt >= since)
            : db.Messages.AsNoTracking().Where(m => patientIds.Contains(m.PatientId) && m.Status == MessageStatus.Sent && m.Channel == sms && m.SentAt >= since);
        var recent = await recentQuery.Select(m => new { m.PatientId, m.SentAt }).ToListAsync(ct);
        var recentSms = recent.GroupBy(r => r.PatientId).ToDictionary(g => g.Key, g => g.Select(r => r.SentAt!.Value).ToList());
        return new DispatchFacts(clinics, policies, patients, sessions, optedOut, recentSms);
    }

    public async Task Save(CancellationToken ct)
    {
        if (!changes.Save)
        {
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return;
        }
        if (_claimed.Count == 0)
            return;
        var entity = db.Model.FindEntityType(typeof(ReminderMessage))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindProperty(nameof(ReminderMessage.Id))!;
        var claimProperty = entity.FindProperty(nameof(ReminderMessage.ClaimId))!;
        var columns = Mutable.Select(n => entity.FindProperty(n)!).ToArray();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await using var command = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
            command.Transaction = (SqliteTransaction)tx.GetDbTransaction();
            command.CommandText =
                $"UPDATE \"{table.Name}\" SET {string.Join(", ", columns.Select((p, i) => $"\"{p.GetColumnName(table)}\" = $p{i}"))} " +
                $"WHERE \"{key.GetColumnName(table)}\" = $id AND \"{claimProperty.GetColumnName(table)}\" = $claim";
            var parameters = columns.Select((p, i) => Bind(command, p, $"$p{i}")).ToArray();
            var id = Bind(command, key, "$id");
            var claim = Bind(command, claimProperty, "$claim");
            claim.Parameter.Value = claim.Mapping.Converter?.ConvertToProvider(_claimId) ?? _claimId;
            command.Prepare();
            foreach (var message in _claimed)
            {
                for (var i = 0; i < columns.Length; i++)
                    Set(parameters[i], columns[i].GetGetter().GetClrValue(message));
                Set(id, message.Id);
                if (await command.ExecuteNonQueryAsync(ct) != 1)
                    throw new DbUpdateConcurrencyException($"Message {message.Id} is no longer held by claim {_claimId}.");
            }
            await tx.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        _claimed = [];
    }

    private static (DbParameter Parameter, RelationalTypeMapping Mapping) Bind(SqliteCommand command, IProperty property, string name)
    {
        var mapping = property.GetRelationalTypeMapping();
        var parameter = mapping.CreateParameter(command, name, null, property.IsNullable);
        command.Parameters.Add(parameter);
        return (parameter, mapping);
    }

    private static void Set((DbParameter Parameter, RelationalTypeMapping Mapping) p, object? value) =>
        p.Parameter.Value = value is null ? DBNull.Value : p.Mapping.Converter?.ConvertToProvider(value) ?? value;
}
