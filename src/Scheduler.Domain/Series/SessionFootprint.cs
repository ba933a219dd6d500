using NodaTime;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Protocols;

namespace Scheduler.Domain.Series;

/// <summary>
/// The time a session takes, every interval half-open [start, end):
/// infusion [Start, InfusionEnd), observation [InfusionEnd, ObservationEnd), and the chair held
/// [Start, TurnoverEnd). With observation in the chair, turnover follows observation; with a
/// recovery area, turnover follows the infusion and observation happens off the chair.
/// </summary>
public sealed class SessionFootprint : IEquatable<SessionFootprint>
{
    private SessionFootprint(Instant start, Instant infusionEnd, Instant observationEnd, Instant turnoverEnd, bool observationInRecovery)
    {
        Start = start;
        InfusionEnd = infusionEnd;
        ObservationEnd = observationEnd;
        TurnoverEnd = turnoverEnd;
        ObservationInRecovery = observationInRecovery;
    }

    public Instant Start { get; }
    public Instant InfusionEnd { get; }
    public Instant ObservationEnd { get; }

    /// <summary>When the chair is free again (end excluded).</summary>
    public Instant TurnoverEnd { get; }

    public bool ObservationInRecovery { get; }

    /// <summary>The end of everything the visit needs, chair or recovery area: what opening hours must contain.</summary>
    public Instant End => TurnoverEnd > ObservationEnd ? TurnoverEnd : ObservationEnd;

    public Duration Observation => ObservationEnd - InfusionEnd;

    public static SessionFootprint Of(Instant start, Protocol protocol, ClinicSettings settings) =>
        Of(start, protocol.Infusion.Value, protocol.Observation.Value, settings);

    public static SessionFootprint Of(Instant start, Duration infusion, Duration observation, ClinicSettings settings)
    {
        var infusionEnd = start + infusion;
        var observationEnd = infusionEnd + observation;
        var inRecovery = settings.Observation.InRecoveryArea;
        var turnoverEnd = (inRecovery ? infusionEnd : observationEnd) + settings.Turnover;
        return new SessionFootprint(start, infusionEnd, observationEnd, turnoverEnd, inRecovery);
    }

    /// <summary>Rebuilds a stored footprint, checking it is still well formed.</summary>
    public static SessionFootprint Restore(Instant start, Instant infusionEnd, Instant observationEnd, Instant turnoverEnd, bool observationInRecovery)
    {
        if (infusionEnd <= start || observationEnd - infusionEnd < ObservationDuration.Min || turnoverEnd < (observationInRecovery ? infusionEnd : observationEnd))
            throw new InvalidValueException("footprint", "A stored session footprint is not well formed.");
        return new SessionFootprint(start, infusionEnd, observationEnd, turnoverEnd, observationInRecovery);
    }

    public bool Equals(SessionFootprint? other) =>
        other is not null && Start == other.Start && InfusionEnd == other.InfusionEnd && ObservationEnd == other.ObservationEnd
        && TurnoverEnd == other.TurnoverEnd && ObservationInRecovery == other.ObservationInRecovery;

    public override bool Equals(object? obj) => Equals(obj as SessionFootprint);
    public override int GetHashCode() => HashCode.Combine(Start, InfusionEnd, ObservationEnd, TurnoverEnd, ObservationInRecovery);
}
