using Scheduler.Domain.Common;

namespace Scheduler.Domain.Clinics;

public enum ObservationKind
{
    InChair,
    RecoveryArea,
}

/// <summary>
/// Where post-infusion observation happens. In the chair (the default) the chair is held until
/// observation and turnover end; in a recovery area the chair is freed after infusion and
/// turnover, and the area must have room for the whole observation window.
/// </summary>
public sealed class ObservationPlace
{
    private ObservationPlace(ObservationKind kind, int capacity)
    {
        Kind = kind;
        Capacity = capacity;
    }

    public static ObservationPlace InChair { get; } = new(ObservationKind.InChair, 0);

    public static ObservationPlace RecoveryArea(int capacity) =>
        capacity is < 1 or > 500
            ? throw new InvalidValueException("observation.capacity", $"A recovery area needs room for between 1 and 500 patients, not {capacity}.")
            : new ObservationPlace(ObservationKind.RecoveryArea, capacity);

    public ObservationKind Kind { get; }

    /// <summary>Patients the recovery area holds at once; 0 when observation is in the chair.</summary>
    public int Capacity { get; }

    public bool InRecoveryArea => Kind == ObservationKind.RecoveryArea;
}
