using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Domain.Capacity;

/// <summary>A booked session a what-if would break, and why in words.</summary>
public sealed record ScenarioConflict(BookedSession Session, string Reason);

/// <summary>
/// A what-if: the clinic with other settings (hours, nurses, observation place) and chairs, held in
/// memory only. Sessions booked from now on are seen as they would be under it: with observation
/// moved to a recovery area their chair is free after infusion and turnover. Past sessions stay as
/// they were.
/// </summary>
public sealed class CapacityScenario
{
    public CapacityScenario(ClinicSettings settings, IReadOnlyList<Chair> chairs, IReadOnlySet<ChairId> removed, Instant now)
    {
        Settings = settings;
        Chairs = chairs;
        Removed = removed;
        Now = now;
    }

    public ClinicSettings Settings { get; }
    public IReadOnlyList<Chair> Chairs { get; }

    /// <summary>Chairs of today's clinic that the what-if takes away.</summary>
    public IReadOnlySet<ChairId> Removed { get; }

    public Instant Now { get; }

    /// <summary>A footprint as the what-if would have it: the same start, infusion and observation; its own observation place and turnover.</summary>
    public SessionFootprint Reshape(SessionFootprint f)
    {
        if (f.Start < Now)
            return f;
        var turnover = f.TurnoverEnd - (f.ObservationInRecovery ? f.InfusionEnd : f.ObservationEnd);
        if (f.ObservationInRecovery == Settings.Observation.InRecoveryArea && turnover == Settings.Turnover)
            return f;
        return SessionFootprint.Of(f.Start, f.InfusionEnd - f.Start, f.Observation, Settings);
    }

    public BookedSession Reshape(BookedSession s) => s with { Footprint = Reshape(s.Footprint) };

    public SessionRecord Reshape(SessionRecord s) => s with { Footprint = Reshape(s.Footprint) };

    /// <summary>
    /// The booked sessions (from now on) that would not fit the what-if: on a chair it removes,
    /// outside its opening hours or on a closure, or over its nurse or recovery-area limits.
    /// Answering under it keeps them in the book (they would have to move, which a what-if does not do).
    /// </summary>
    public IReadOnlyList<ScenarioConflict> Conflicts(IEnumerable<BookedSession> booked)
    {
        var upcoming = booked.Where(s => s.Footprint.Start >= Now).Select(Reshape).ToList();
        var index = new BookIndex(Settings, upcoming);
        var conflicts = upcoming.Where(s => Removed.Contains(s.Chair))
            .Select(s => new ScenarioConflict(s, "Its chair is taken away in the what-if."))
            .ToList();
        foreach (var s in index.SessionsBreakingSettings())
        {
            if (Removed.Contains(s.Chair))
                continue;
            var f = s.Footprint;
            var day = index.Day(f.Start.InZone(Settings.Zone).Date);
            var reason = day.OpeningHolding(f.Start.ToUnixTimeTicks(), f.End.ToUnixTimeTicks()) < 0
                ? $"{Formats.DayTime(f.Start, Settings.Zone)} to {Formats.Time(f.End.InZone(Settings.Zone).TimeOfDay)} is outside the what-if's opening hours."
                : $"At {Formats.DayTime(f.Start, Settings.Zone)} the what-if's nurses (or recovery area) could not take it with the others booked then.";
            conflicts.Add(new ScenarioConflict(s, reason));
        }
        return conflicts.OrderBy(c => c.Session.Footprint.Start).ToList();
    }
}
