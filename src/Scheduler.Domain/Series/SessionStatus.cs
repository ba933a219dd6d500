namespace Scheduler.Domain.Series;

/// <summary>
/// Booked → Confirmed → CheckedIn → Infusing → Observing → Completed, with Cancelled and NoShow
/// as exits. A booked session that was never confirmed may still check in.
/// </summary>
public enum SessionStatus
{
    Booked,
    Confirmed,
    CheckedIn,
    Infusing,
    Observing,
    Completed,
    Cancelled,
    NoShow,
}

public enum SeriesPhase
{
    Induction,
    Maintenance,
}

public static class SessionStatusExtensions
{
    /// <summary>Whether a session in this status holds its chair and nurse time.</summary>
    public static bool Occupies(this SessionStatus status) => status is not (SessionStatus.Cancelled or SessionStatus.NoShow);

    /// <summary>Whether the session can still be moved or re-planned.</summary>
    public static bool IsUpcoming(this SessionStatus status) => status is SessionStatus.Booked or SessionStatus.Confirmed;
}
