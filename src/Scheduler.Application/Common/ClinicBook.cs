using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Common;

/// <summary>A clinic with its chairs and the occupied book over a span of local days: what the rules and the planner read.</summary>
public sealed record ClinicBook(Clinic Clinic, IReadOnlyList<Chair> Chairs, BookIndex Index)
{
    /// <summary>
    /// Loads sessions overlapping [from, to] (local days, a day of margin either side) and indexes
    /// them, leaving out <paramref name="except"/> (the session being moved).
    /// </summary>
    public static Task<ClinicBook> Load(ISchedulerStore store, Clinic clinic, LocalDate from, LocalDate to, SessionId? except, CancellationToken ct) =>
        LoadWithout(store, clinic, from, to, except is { } id ? new HashSet<SessionId> { id } : [], ct);

    /// <summary>The same, leaving out every session in <paramref name="except"/> (a session and the later ones of its series that may move with it).</summary>
    public static async Task<ClinicBook> LoadWithout(ISchedulerStore store, Clinic clinic, LocalDate from, LocalDate to, IReadOnlySet<SessionId> except, CancellationToken ct)
    {
        var zone = clinic.Settings.Zone;
        var start = from.PlusDays(-1).AtStartOfDayInZone(zone).ToInstant();
        var end = to.PlusDays(2).AtStartOfDayInZone(zone).ToInstant();
        var sessions = await store.Occupying(clinic.Id, start, end, ct);
        var chairs = await store.Chairs(clinic.Id, ct);
        var index = new BookIndex(clinic.Settings, except.Count == 0 ? sessions : sessions.Where(s => !except.Contains(s.Session)));
        return new ClinicBook(clinic, chairs, index);
    }
}
