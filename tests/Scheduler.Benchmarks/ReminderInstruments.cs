using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Reminders;

namespace Scheduler.Benchmarks;

/// <summary>A clock that stays at one instant: the dispatcher decides everything as of it.</summary>
public sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}

/// <summary>Every send call the dispatcher made, by message id and channel.</summary>
public sealed class SendCounter
{
    private readonly ConcurrentDictionary<Guid, int> _calls = new();
    private int _sms;
    private int _email;

    public IReadOnlyDictionary<Guid, int> Calls => _calls;
    public int Sms => _sms;
    public int Email => _email;

    public void Record(OutgoingMessage message)
    {
        _calls.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        if (message.Channel == ContactChannel.Sms)
            Interlocked.Increment(ref _sms);
        else
            Interlocked.Increment(ref _email);
    }
}

/// <summary>
/// Wraps the sender the app registered for a channel (the embedded one by default) and counts each
/// call before passing it on. Registered after <c>AddReminderSenders</c>, so <see cref="MessageSenders"/>
/// (the last sender per channel) picks it.
/// </summary>
public sealed class CountingSender(IMessageSender inner, SendCounter counter) : IMessageSender
{
    public ContactChannel Channel => inner.Channel;
    public string Name => inner.Name;
    public bool IsEmbedded => inner.IsEmbedded;

    public Task<SendResult> Send(OutgoingMessage message, CancellationToken ct)
    {
        counter.Record(message);
        return inner.Send(message, ct);
    }
}

/// <summary>Time spent per phase of the dispatcher, summed over a run (only with <c>--phases</c>).</summary>
public sealed class PhaseTimes
{
    private long _settle, _claim, _facts, _save, _batches;
    private long _sqlClaimUpdate, _sqlClaimRead, _sqlFacts, _sqlSave, _sqlOther;
    private long _claimUpdates, _saveCommands;

    public TimeSpan Settle => TimeSpan.FromTicks(_settle);
    public TimeSpan Claim => TimeSpan.FromTicks(_claim);
    public TimeSpan Facts => TimeSpan.FromTicks(_facts);
    public TimeSpan Save => TimeSpan.FromTicks(_save);
    public long Batches => _batches;

    /// <summary>Time inside the SQLite command only (execution and, for readers, until the reader is closed).</summary>
    public TimeSpan SqlClaimUpdate => TimeSpan.FromTicks(_sqlClaimUpdate);
    public TimeSpan SqlClaimRead => TimeSpan.FromTicks(_sqlClaimRead);
    public TimeSpan SqlFacts => TimeSpan.FromTicks(_sqlFacts);
    public TimeSpan SqlSave => TimeSpan.FromTicks(_sqlSave);
    public TimeSpan SqlOther => TimeSpan.FromTicks(_sqlOther);
    public long ClaimUpdates => _claimUpdates;
    public long SaveCommands => _saveCommands;

    internal void AddSettle(TimeSpan t) => Interlocked.Add(ref _settle, t.Ticks);
    internal void AddClaim(TimeSpan t)
    {
        Interlocked.Add(ref _claim, t.Ticks);
        Interlocked.Increment(ref _batches);
    }
    internal void AddFacts(TimeSpan t) => Interlocked.Add(ref _facts, t.Ticks);
    internal void AddSave(TimeSpan t) => Interlocked.Add(ref _save, t.Ticks);

    private readonly ConcurrentDictionary<string, (long Count, long Ticks)> _statements = new(StringComparer.Ordinal);

    /// <summary>Each distinct statement EF sent, slowest in total first.</summary>
    public IEnumerable<(string Sql, long Count, TimeSpan Total)> Statements =>
        _statements.Select(s => (s.Key, s.Value.Count, TimeSpan.FromTicks(s.Value.Ticks))).OrderByDescending(s => s.Item3);

    internal void AddSql(string sql, TimeSpan t)
    {
        _statements.AddOrUpdate(sql, (1, t.Ticks), (_, v) => (v.Count + 1, v.Ticks + t.Ticks));
        var trimmed = sql.TrimStart();
        if (trimmed.StartsWith("UPDATE \"ReminderMessages\" AS", StringComparison.Ordinal))
        {
            Interlocked.Add(ref _sqlClaimUpdate, t.Ticks);
            Interlocked.Increment(ref _claimUpdates);
        }
        else if (trimmed.StartsWith("UPDATE", StringComparison.Ordinal) || trimmed.StartsWith("INSERT", StringComparison.Ordinal))
        {
            Interlocked.Add(ref _sqlSave, t.Ticks);
            Interlocked.Increment(ref _saveCommands);
        }
        else if (trimmed.Contains("= 'Sending'", StringComparison.Ordinal))
            Interlocked.Add(ref _sqlOther, t.Ticks);
        else if (trimmed.Contains("\"ClaimId\" = @", StringComparison.Ordinal) && trimmed.StartsWith("SELECT", StringComparison.Ordinal))
            Interlocked.Add(ref _sqlClaimRead, t.Ticks);
        else if (trimmed.StartsWith("SELECT", StringComparison.Ordinal))
            Interlocked.Add(ref _sqlFacts, t.Ticks);
        else
            Interlocked.Add(ref _sqlOther, t.Ticks);
    }
}

/// <summary>The app's outbox with a stopwatch around each call (<c>--phases</c>).</summary>
public sealed class TimedOutbox(IReminderOutbox inner, PhaseTimes times) : IReminderOutbox
{
    public async Task<int> SettleAbandonedClaims(Instant now, bool resendSafe, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var settled = await inner.SettleAbandonedClaims(now, resendSafe, ct);
        times.AddSettle(sw.Elapsed);
        return settled;
    }

    public async Task<IReadOnlyList<ReminderMessage>> ClaimDue(Guid claimId, Instant now, Instant leaseUntil, int max, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var claimed = await inner.ClaimDue(claimId, now, leaseUntil, max, ct);
        times.AddClaim(sw.Elapsed);
        return claimed;
    }

    public async Task<DispatchFacts> Facts(IReadOnlyList<ReminderMessage> messages, Instant smsSince, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var facts = await inner.Facts(messages, smsSince, ct);
        times.AddFacts(sw.Elapsed);
        return facts;
    }

    public async Task Save(CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        await inner.Save(ct);
        times.AddSave(sw.Elapsed);
    }
}

/// <summary>
/// Times each SQL command EF sends (<c>--phases</c>), from execution until its reader closes. EF
/// builds entities while the reader is open, so a query's figure is SQLite plus materialisation;
/// the phase around it minus this is EF's own work (query set-up, parameters, change tracking).
/// </summary>
public sealed class CommandTimer(PhaseTimes times) : DbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbCommand, Stopwatch> _running = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _running.AddOrUpdate(command, Stopwatch.StartNew());
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _running.AddOrUpdate(command, Stopwatch.StartNew());
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Stop(command);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Stop(command);
        return base.DataReaderClosingAsync(command, eventData, result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Stop(command);
        return base.DataReaderDisposing(command, eventData, result);
    }

    private void Stop(DbCommand command)
    {
        if (_running.TryGetValue(command, out var sw))
        {
            _running.Remove(command);
            times.AddSql(command.CommandText, sw.Elapsed);
        }
    }
}

/// <summary>
/// Sets SQLite's page cache of every connection EF opens (<c>--cache-mb</c>; SQLite's default is
/// 2 MB per connection), to measure what a larger cache would be worth to the dispatcher.
/// </summary>
public sealed class CacheSizeInterceptor(int megabytes) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size = -{megabytes * 1024}";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size = -{megabytes * 1024}";
        command.ExecuteNonQuery();
    }
}
