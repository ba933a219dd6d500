using NodaTime;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>A settable clock (NodaTime.Testing cannot be restored here). Thread-safe.</summary>
public sealed class TestClock(Instant now) : IClock
{
    private long _ticks = now.ToUnixTimeTicks();

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public void Set(Instant now) => Interlocked.Exchange(ref _ticks, now.ToUnixTimeTicks());

    public void Advance(Duration by) => Interlocked.Add(ref _ticks, by.BclCompatibleTicks);
}
