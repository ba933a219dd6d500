using Scheduler.Application.Common;
using Scheduler.Application.Series;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Schedule;

/// <summary>One block on the timeline: kind is "infusion", "observation" or "turnover"; [start, end), end excluded.</summary>
public sealed record BlockView(Guid SessionId, Guid SeriesId, Guid PatientId, int Ordinal, string Status, string Kind, string Start, string End);

public sealed record ScheduleChairView(Guid Id, string Name, string Kind, bool Active, IReadOnlyList<Chairs.OutOfServiceView> OutOfService, IReadOnlyList<BlockView> Blocks);

public sealed record ScheduleView(Guid ClinicId, string TimeZone, string From, string To, IReadOnlyList<Clinics.ClosureInput> Closures,
    IReadOnlyList<ScheduleChairView> Chairs, IReadOnlyList<BlockView> RecoveryArea);

/// <summary>Every chair's blocks over local days [from, to], both included (at most 62 days).</summary>
public sealed class ChairSchedule(ISchedulerStore store)
{
    public const int MaxDays = 62;

    public async Task<Result<ScheduleView>> Handle(Guid clinicId, string? from, string? to, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        var first = Parse.Date(from, "from");
        var last = to is null ? first : Parse.Date(to, "to");
        if (last < first)
            return Problem.Invalid("to", "'to' must be on or after 'from'.");
        if (NodaTime.Period.DaysBetween(first, last) >= MaxDays)
            return Problem.Invalid("to", $"A schedule covers at most {MaxDays} days.");
        var zone = clinic.Settings.Zone;
        var start = first.AtStartOfDayInZone(zone).ToInstant();
        var end = last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var sessions = (await store.SessionsStarting(clinic.Id, start, end, ct)).Where(s => s.Status.Occupies()).OrderBy(s => s.Footprint.Start).ToList();
        var chairs = await store.Chairs(clinic.Id, ct);

        var view = chairs.Select(c => new ScheduleChairView(c.Id.Value, c.Name, c.Kind.Value, c.Active,
            c.OutOfService.Where(w => w.Overlaps(start, end)).OrderBy(w => w.Start)
                .Select(w => Chairs.OutOfServiceView.Of(w, zone)).ToList(),
            sessions.Where(s => s.ChairId == c.Id).SelectMany(s => ChairBlocks(s)).ToList())).ToList();
        var recovery = sessions.Where(s => s.Footprint.ObservationInRecovery)
            .Select(s => Block(s, "observation", s.Footprint.InfusionEnd, s.Footprint.ObservationEnd)).ToList();
        var closures = clinic.Settings.Closures.Where(c => c.Date >= first && c.Date <= last)
            .Select(c => new Clinics.ClosureInput(Formatting.Date(c.Date), c.Reason)).ToList();
        return new ScheduleView(clinic.Id.Value, zone.Id, Formatting.Date(first), Formatting.Date(last), closures, view, recovery);

        IEnumerable<BlockView> ChairBlocks(Session s)
        {
            var f = s.Footprint;
            yield return Block(s, "infusion", f.Start, f.InfusionEnd);
            if (!f.ObservationInRecovery)
                yield return Block(s, "observation", f.InfusionEnd, f.ObservationEnd);
            var turnoverStart = f.ObservationInRecovery ? f.InfusionEnd : f.ObservationEnd;
            if (f.TurnoverEnd > turnoverStart)
                yield return Block(s, "turnover", turnoverStart, f.TurnoverEnd);
        }

        BlockView Block(Session s, string kind, NodaTime.Instant from, NodaTime.Instant to) =>
            new(s.Id.Value, s.SeriesId.Value, s.PatientId.Value, s.Ordinal, SessionView.Name(s.Status), kind, Formatting.Local(from, zone), Formatting.Local(to, zone));
    }
}
