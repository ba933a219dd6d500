using NodaTime;

namespace Scheduler.Application.Background;

/// <summary>
/// Background work that outlives the request that asked for it: written down durably before the
/// call returns, run as soon as a worker is free (or at a moment, or after another piece of work),
/// retried with a growing wait when it fails, resumed after a restart. The use cases only see this
/// interface; the app runs it on Quartz.NET (<c>QuartzBackgroundWork</c>), and a Hangfire adapter
/// can replace it without touching them.
/// <para>
/// A piece of work is a small serialisable record (ids, not entities) handled by the
/// <see cref="IWorkHandler{TWork}"/> registered for its type. Its key names it:
/// asking again for a key that is still waiting or running adds nothing, so a trigger that fires
/// twice enqueues one job. Handlers must be idempotent all the same: a retry, or a run cut short
/// by a restart, runs the work again.
/// </para>
/// </summary>
public interface IBackgroundWork
{
    /// <summary>Runs <paramref name="work"/> as soon as possible.</summary>
    Task Enqueue<TWork>(string key, TWork work, CancellationToken ct)
        where TWork : notnull;

    /// <summary>Runs <paramref name="work"/> at <paramref name="at"/> (at once when that has passed).</summary>
    Task Schedule<TWork>(string key, TWork work, Instant at, CancellationToken ct)
        where TWork : notnull;

    /// <summary>
    /// Runs <paramref name="work"/> once the work named <paramref name="parentKey"/> has finished
    /// successfully (after its retries, if it needed them); at once when that work is no longer
    /// waiting or running.
    /// </summary>
    Task ContinueWith<TWork>(string parentKey, string key, TWork work, CancellationToken ct)
        where TWork : notnull;
}

/// <summary>Runs one kind of background work. Returns a sentence for the job history: what it did.</summary>
public interface IWorkHandler<in TWork>
{
    Task<string> Run(TWork work, WorkContext context, CancellationToken ct);
}

/// <summary>The run a handler is in: the work's key and which attempt this is (1 for the first).</summary>
public sealed record WorkContext(string Key, int Attempt);

/// <summary>Work done for one clinic: the job history lists it under the clinic.</summary>
public interface IClinicWork
{
    Guid ClinicId { get; }
}
