using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Scheduler.Application.Background;
using Scheduler.Application.Common;

namespace Scheduler.Benchmarks;

/// <summary>Background work asked for during a run, kept instead of run: the benchmark runs the rebooking itself.</summary>
public sealed class RecordingBackgroundWork : IBackgroundWork
{
    private readonly ConcurrentQueue<(string Key, object Work)> _enqueued = new();

    public IReadOnlyList<(string Key, object Work)> Enqueued => _enqueued.ToArray();

    public Task Enqueue<TWork>(string key, TWork work, CancellationToken ct)
        where TWork : notnull
    {
        _enqueued.Enqueue((key, work));
        return Task.CompletedTask;
    }

    public Task Schedule<TWork>(string key, TWork work, NodaTime.Instant at, CancellationToken ct)
        where TWork : notnull
    {
        _enqueued.Enqueue((key, work));
        return Task.CompletedTask;
    }

    public Task ContinueWith<TWork>(string parentKey, string key, TWork work, CancellationToken ct)
        where TWork : notnull
    {
        _enqueued.Enqueue((key, work));
        return Task.CompletedTask;
    }
}

/// <summary>The acting user of the close.</summary>
public sealed class BenchmarkActor : IActor
{
    public string Name => "front desk (benchmark)";
}

/// <summary>Time and calls per store method, and SQL commands, summed over a phase.</summary>
public sealed class StoreTimes
{
    private readonly ConcurrentDictionary<string, (long Ticks, long Calls)> _byMethod = new(StringComparer.Ordinal);
    private long _sqlTicks;
    private long _sqlCommands;

    public IEnumerable<(string Method, TimeSpan Total, long Calls)> Methods =>
        _byMethod.Select(m => (m.Key, TimeSpan.FromTicks(m.Value.Ticks), m.Value.Calls)).OrderByDescending(m => m.Item2);

    public TimeSpan Sql => TimeSpan.FromTicks(Interlocked.Read(ref _sqlTicks));
    public long SqlCommands => Interlocked.Read(ref _sqlCommands);

    public TimeSpan Of(string method) => _byMethod.TryGetValue(method, out var v) ? TimeSpan.FromTicks(v.Ticks) : TimeSpan.Zero;

    public void Add(string method, TimeSpan elapsed) =>
        _byMethod.AddOrUpdate(method, _ => (elapsed.Ticks, 1), (_, v) => (v.Ticks + elapsed.Ticks, v.Calls + 1));

    public void AddSql(TimeSpan elapsed)
    {
        Interlocked.Add(ref _sqlTicks, elapsed.Ticks);
        Interlocked.Increment(ref _sqlCommands);
    }

    public void Clear()
    {
        _byMethod.Clear();
        Interlocked.Exchange(ref _sqlTicks, 0);
        Interlocked.Exchange(ref _sqlCommands, 0);
    }
}

/// <summary>
/// Times every call on the store until its task completes. <c>InBookingTransaction</c> is split in
/// the work it runs (under "(work inside the lock)") and the rest: the transaction, the lock and the commit.
/// A proxy rather than a hand-written decorator, so that methods added to the port need nothing here.
/// </summary>
public class TimedStore : DispatchProxy
{
    private static readonly MethodInfo WrapWork = typeof(TimedStore).GetMethod(nameof(Timed), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private ISchedulerStore _inner = null!;
    private StoreTimes _times = null!;

    public const string Work = "(work inside the lock)";
    public const string InsideWork = "(store calls inside the lock)";

    private readonly AsyncLocal<int> _insideWork = new();

    public static ISchedulerStore Wrap(ISchedulerStore inner, StoreTimes times)
    {
        var proxy = Create<ISchedulerStore, TimedStore>();
        var timed = (TimedStore)(object)proxy;
        timed._inner = inner;
        timed._times = times;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var name = targetMethod.Name;
        StrongBox<TimeSpan>? work = null;
        if (name == nameof(ISchedulerStore.InBookingTransaction) && args is { Length: > 1 })
        {
            name = "InBookingTransaction (begin, lock, commit)";
            work = new StrongBox<TimeSpan>();
            args[1] = WrapWork.MakeGenericMethod(targetMethod.GetGenericArguments()[0]).Invoke(this, [args[1], work]);
        }
        var inside = _insideWork.Value > 0;
        var started = Stopwatch.GetTimestamp();
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        if (result is Task task)
        {
            var method = name;
            task.ContinueWith(_ => Record(method, started, work, inside), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            Record(name, started, work, inside);
        }
        return result;
    }

    private void Record(string method, long started, StrongBox<TimeSpan>? work, bool inside)
    {
        var elapsed = Stopwatch.GetElapsedTime(started) - (work?.Value ?? TimeSpan.Zero);
        _times.Add(method, elapsed);
        if (inside)
            _times.Add(InsideWork, elapsed);
    }

    private Func<CancellationToken, Task<T>> Timed<T>(Func<CancellationToken, Task<T>> work, StrongBox<TimeSpan> spent) =>
        async ct =>
        {
            var started = Stopwatch.GetTimestamp();
            _insideWork.Value++;
            try
            {
                return await work(ct);
            }
            finally
            {
                spent.Value = Stopwatch.GetElapsedTime(started);
                _times.Add(Work, spent.Value);
            }
        };
}

/// <summary>Counts SQL commands and their time until the reader is closed.</summary>
public sealed class SqlTimer(StoreTimes times) : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<DbCommand, long> _started = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _started[command] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _started[command] = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Done(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Done(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Done(command);
        return result;
    }

    private void Done(DbCommand command)
    {
        if (_started.TryRemove(command, out var started))
            times.AddSql(Stopwatch.GetElapsedTime(started));
    }
}
