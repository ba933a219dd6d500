using Scheduler.Domain.Series;

namespace Scheduler.Application.Sessions.Lifecycle;

/// <summary>
/// Which lifecycle actions a session's status lets a person offer (the session's own rules decide;
/// a test keeps this list and <see cref="Session"/> in step). The clock may still say no: a check-in
/// more than 12 hours early, a no-show before the grace period, a completion before the observation
/// has run in full.
/// </summary>
public static class SessionActions
{
    public static IReadOnlyList<SessionAction> From(SessionStatus status) => status switch
    {
        SessionStatus.Booked => [SessionAction.Confirm, SessionAction.CheckIn, SessionAction.MarkNoShow, SessionAction.Cancel],
        // Confirming again changes nothing, so it is not offered.
        SessionStatus.Confirmed => [SessionAction.CheckIn, SessionAction.MarkNoShow, SessionAction.Cancel],
        SessionStatus.CheckedIn => [SessionAction.StartInfusion, SessionAction.Cancel],
        SessionStatus.Infusing => [SessionAction.StartObservation],
        SessionStatus.Observing => [SessionAction.Complete],
        _ => [],
    };
}
