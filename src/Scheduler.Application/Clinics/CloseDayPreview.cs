using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Series;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Clinics;

/// <summary>
/// A session closing the day would cancel. <see cref="Rebooked"/> when it would get a rebooking (its
/// series is active); <see cref="WasHeldTime"/> when it is a time held for another rebooking, whose
/// case goes back to the job instead of a new one being opened.
/// </summary>
public sealed record CloseDaySessionLine(Guid SessionId, Guid PatientId, string PatientName, int Ordinal, Instant Start, string ChairName,
    string Status, bool Rebooked, bool WasHeldTime);

/// <summary>
/// What closing <see cref="Date"/> would do, read without changing anything: the sessions it would
/// cancel and rebook, or why it cannot be closed (<see cref="Blocked"/>), or the closure already there.
/// </summary>
public sealed record CloseDayPreviewView(Guid ClinicId, LocalDate Date, string? AlreadyClosed, string? Blocked,
    IReadOnlyList<CloseDaySessionLine> Sessions)
{
    public int SessionsToCancel => Blocked is null && AlreadyClosed is null ? Sessions.Count : 0;
    public int ToRebook => Blocked is null && AlreadyClosed is null ? Sessions.Count(s => s.Rebooked) : 0;
}

/// <summary>
/// The read-only preview of <see cref="CloseDay"/> for the manager's confirm step: the same day, the
/// same sessions (booked or confirmed, starting that local day) and the same reasons to refuse
/// (a past day, a session begun). The close itself checks again under the booking lock.
/// </summary>
public sealed class CloseDayPreview(ISchedulerStore store, IClock clock)
{
    public async Task<Result<CloseDayPreviewView>> Handle(Guid clinicId, string? date, CancellationToken ct)
    {
        var day = Parse.Date(date, "date");
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        var zone = clinic.Settings.Zone;
        var now = clock.GetCurrentInstant();
        if (day < now.InZone(zone).Date)
            return Problem.Invalid("date", $"{Formats.Day(day)} is past; only today or a later day can be closed.");
        if (clinic.Settings.ClosureOn(day) is { } existing)
            return new CloseDayPreviewView(clinic.Id.Value, day, existing.Reason, null, []);

        var start = day.AtStartOfDayInZone(zone).ToInstant();
        var end = day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var onDay = (await store.SessionsStarting(clinic.Id, start, end, ct)).Where(s => s.Status.Occupies()).OrderBy(s => s.Footprint.Start).ToList();
        var begun = onDay.Where(s => !s.Status.IsUpcoming() || s.Footprint.Start <= now).ToList();
        var blocked = begun.Count == 0
            ? null
            : $"{begun.Count} session(s) on {Formats.Day(day)} have begun or are under way (the first at {Formats.DayTime(begun[0].Footprint.Start, zone)}). " +
              "Close the day once they are over, or take the chairs out of service for the rest of it.";

        var names = new NameLookup(store, clinic.Id);
        var lines = new List<CloseDaySessionLine>();
        foreach (var s in onDay)
        {
            var series = await store.SeriesOfSession(s.Id, ct);
            var held = await store.HeldCaseOf(s.Id, ct) is not null;
            lines.Add(new CloseDaySessionLine(s.Id.Value, s.PatientId.Value, await names.Patient(s.PatientId, ct), s.Ordinal, s.Footprint.Start,
                await names.Chair(s.ChairId, ct), SessionView.Name(s.Status), held || series?.Status == SeriesStatus.Active, held));
        }
        return new CloseDayPreviewView(clinic.Id.Value, day, null, blocked, lines);
    }
}
