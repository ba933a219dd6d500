using NodaTime;
using NodaTime.Text;
using Scheduler.Application.Common;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Schedule;

public sealed record TimelineChair(Guid Id, string Name, string Kind, bool Active);

/// <summary>
/// One coloured block of a session: kind "infusion", "observation" or "turnover", [Start, End) with
/// the end excluded. <see cref="ChairId"/> is null for an observation in the recovery area.
/// </summary>
public sealed record TimelineBlock(Guid? ChairId, Guid SessionId, string Kind, Instant Start, Instant End);

/// <summary>
/// Time the chairs cannot be booked, [Start, End) with the end excluded: kind "closure" (a closed
/// day, with its reason), "closed" (outside the opening hours) or "outOfService" (one chair,
/// <see cref="ChairId"/> set).
/// </summary>
public sealed record TimelineArea(Guid? ChairId, string Kind, Instant Start, Instant End, string Reason);

/// <summary>A session starting in the period, in any status; only those that <see cref="Occupies"/> hold chair time.</summary>
public sealed record TimelineSession(Guid Id, Guid SeriesId, int Ordinal, Guid PatientId, string PatientName, Guid ChairId, string ChairName,
    SessionStatus Status, Instant Start, Instant InfusionEnd, Instant ObservationEnd, Instant TurnoverEnd, bool ObservationInRecovery)
{
    public bool Occupies => Status.Occupies();
}

/// <summary>
/// The chair timeline of local days [From, To] (both included): <see cref="Start"/> and <see
/// cref="End"/> are the first day's midnight and the midnight after the last day in the clinic's zone.
/// </summary>
public sealed record TimelineView(Guid ClinicId, string ClinicName, DateTimeZone Zone, LocalDate From, LocalDate To, Instant Start, Instant End,
    IReadOnlyList<TimelineChair> Chairs, IReadOnlyList<TimelineBlock> Blocks, IReadOnlyList<TimelineArea> Areas,
    IReadOnlyList<TimelineSession> Sessions, bool RecoveryArea);

/// <summary>
/// What the front desk's timeline shows: the chair schedule's blocks (<see cref="ChairSchedule"/>),
/// the patients' names, every session starting in the period (cancelled ones too, for the list), and
/// the time nothing can be booked: closed days, the hours outside the opening hours, and each chair's
/// out-of-service windows.
/// </summary>
public sealed class ChairTimeline(ISchedulerStore store, ChairSchedule schedule)
{
    public async Task<Result<TimelineView>> Handle(Guid clinicId, LocalDate from, LocalDate to, CancellationToken ct)
    {
        var blocks = await schedule.Handle(clinicId, Formatting.Date(from), Formatting.Date(to), ct);
        if (!blocks.Ok)
            return blocks.Problem!;
        var clinic = (await store.Clinic(new ClinicId(clinicId), ct))!;
        var settings = clinic.Settings;
        var zone = settings.Zone;
        var start = from.AtStartOfDayInZone(zone).ToInstant();
        var end = to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();

        var chairs = (await store.Chairs(clinic.Id, ct)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var chairNames = chairs.ToDictionary(c => c.Id.Value, c => c.Name);
        var sessions = await store.SessionsStarting(clinic.Id, start, end, ct);
        var patients = new Dictionary<Guid, string>();
        foreach (var id in sessions.Select(s => s.PatientId).Distinct())
            patients[id.Value] = (await store.Patient(id, ct))?.Name ?? "(unknown patient)";

        var rows = sessions
            .Select(s => new TimelineSession(s.Id.Value, s.SeriesId.Value, s.Ordinal, s.PatientId.Value, patients[s.PatientId.Value], s.ChairId.Value,
                chairNames.GetValueOrDefault(s.ChairId.Value, "(unknown chair)"), s.Status, s.Footprint.Start, s.Footprint.InfusionEnd,
                s.Footprint.ObservationEnd, s.Footprint.TurnoverEnd, s.Footprint.ObservationInRecovery))
            .OrderBy(s => s.Start).ThenBy(s => s.ChairName, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var view = blocks.Value!;
        var timelineBlocks = view.Chairs.SelectMany(c => c.Blocks.Select(b => Block(c.Id, b)))
            .Concat(view.RecoveryArea.Select(b => Block(null, b)))
            .OrderBy(b => b.Start)
            .ToList();

        var areas = new List<TimelineArea>();
        for (var day = from; day <= to; day = day.PlusDays(1))
            areas.AddRange(ClosedTime(settings, day));
        foreach (var chair in chairs)
        {
            areas.AddRange(chair.OutOfService.Where(w => w.Overlaps(start, end)).OrderBy(w => w.Start)
                .Select(w => new TimelineArea(chair.Id.Value, "outOfService", Instant.Max(w.Start, start), Instant.Min(w.End, end), w.Reason)));
        }

        return new TimelineView(clinic.Id.Value, clinic.Name, zone, from, to, start, end,
            chairs.Select(c => new TimelineChair(c.Id.Value, c.Name, c.Kind.Value, c.Active)).ToList(),
            timelineBlocks, areas, rows,
            settings.Observation.InRecoveryArea || timelineBlocks.Any(b => b.ChairId is null));
    }

    /// <summary>
    /// The parts of a local day the clinic is closed: all of it on a closure or a day without hours,
    /// otherwise before, between and after the opening ranges (their edges mapped as the booking rules map them).
    /// </summary>
    public static IEnumerable<TimelineArea> ClosedTime(Domain.Clinics.ClinicSettings settings, LocalDate day)
    {
        var zone = settings.Zone;
        var dayStart = day.AtStartOfDayInZone(zone).ToInstant();
        var dayEnd = day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        if (settings.ClosureOn(day) is { } closure)
        {
            yield return new TimelineArea(null, "closure", dayStart, dayEnd, closure.Reason);
            yield break;
        }
        var open = settings.Hours.On(day.DayOfWeek)
            .Select(r => (From: settings.Boundary(day, r.From), To: settings.Boundary(day, r.To)))
            .Where(r => r.To > r.From)
            .OrderBy(r => r.From)
            .ToList();
        if (open.Count == 0)
        {
            yield return new TimelineArea(null, "closed", dayStart, dayEnd, $"Closed on {day.DayOfWeek}s");
            yield break;
        }
        var cursor = dayStart;
        foreach (var (openFrom, openTo) in open)
        {
            if (openFrom > cursor)
                yield return new TimelineArea(null, "closed", cursor, openFrom, "Closed");
            cursor = openTo;
        }
        if (dayEnd > cursor)
            yield return new TimelineArea(null, "closed", cursor, dayEnd, "Closed");
    }

    private static TimelineBlock Block(Guid? chairId, BlockView block) =>
        new(chairId, block.SessionId, block.Kind, Moment(block.Start), Moment(block.End));

    // The schedule writes its moments with their offset ("2027-01-14T09:00:00-05:00"), which names one instant.
    private static Instant Moment(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant();
}
