using NodaTime;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Domain.Capacity;

/// <summary>
/// What the utilisation figures read of one session, any status: its chair and booked footprint,
/// and the moments the lifecycle recorded (check-in, infusion start, observation start, completion,
/// cancel or no-show). <see cref="EndedByClinic"/> marks a cancel the clinic caused (a closed day or
/// a chair out of service), which is not the patient's late cancellation.
/// </summary>
public readonly record struct SessionRecord(
    ChairId Chair,
    SessionStatus Status,
    SessionFootprint Footprint,
    Instant? CheckedInAt = null,
    Instant? InfusionStartedAt = null,
    Instant? ObservationStartedAt = null,
    Instant? CompletedAt = null,
    Instant? EndedAt = null,
    bool EndedByClinic = false);

/// <summary>The choices behind the figures, with the defaults a clinic would start from.</summary>
public sealed record UtilisationOptions
{
    /// <summary>A patient's cancel this close to the start counts as late (24 h by default).</summary>
    public Duration LateCancellation { get; init; } = Duration.FromHours(24);

    /// <summary>A day counts as full when this share of its open chair-minutes is booked (85% by default).</summary>
    public double FullAt { get; init; } = 0.85;

    /// <summary>Whether the report lists every grid slot's nurse load (otherwise only each day's peaks).</summary>
    public bool NurseSlots { get; init; }
}
