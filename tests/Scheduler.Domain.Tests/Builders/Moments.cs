namespace Scheduler.Domain.Tests.Builders;

/// <summary>
/// The fixed "now" of the tests. Domain methods take <c>Instant now</c>, so no clock is needed:
/// every test passes this (or a moment it derives from it) and never reads the machine's clock.
/// </summary>
public static class Moments
{
    /// <summary>Monday 23 November 2026, 12:00 UTC: the day after the suite was written.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);

    /// <summary>Monday 7 December 2026: a working day comfortably after <see cref="Now"/>.</summary>
    public static readonly LocalDate Monday = new(2026, 12, 7);
}
