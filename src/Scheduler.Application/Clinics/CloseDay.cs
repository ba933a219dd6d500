using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Clinics;

public sealed record CloseDayInput(string? Date, string? Reason);

/// <summary>What closing a day did: the sessions it cancelled and the rebooking case opened for each.</summary>
public sealed record CloseDayView(Guid ClinicId, string Date, string Reason, int SessionsCancelled, IReadOnlyList<Guid> RebookingCases);

/// <summary>
/// Closes the clinic for a day that has sessions booked (a snow day, a power cut): in one transaction
/// under the booking lock the day becomes a closure, every booked or confirmed session on it is
/// cancelled with the reason (its reminders stopped) and gets a rebooking case; then the rebooking
/// job is asked for (a session that was a held new time sends its own case back to the job). Refused
/// while any session that day has begun, and for a day already past.
/// Closing a day already closed changes nothing.
/// </summary>
public sealed class CloseDay(ISchedulerStore store, IClock clock, IActor actor, SessionReminders reminders, RebookingHolds holds, Disruptions disruptions)
{
    public async Task<Result<CloseDayView>> Handle(Guid clinicId, CloseDayInput input, CancellationToken ct)
    {
        var date = Parse.Date(input.Date, "date");
        var reason = Text.Required(input.Reason, "reason", Text.ReasonMaxLength);
        if (await store.Clinic(new ClinicId(clinicId), ct) is null)
            return Problem.NotFound("Clinic", clinicId);
        var opened = new List<Guid>();
        var requeued = 0;
        var result = await store.InBookingTransaction(new ClinicId(clinicId), async token =>
        {
            opened.Clear();
            requeued = 0;
            var clinic = (await store.Clinic(new ClinicId(clinicId), token))!;
            var zone = clinic.Settings.Zone;
            var now = clock.GetCurrentInstant();
            if (date < now.InZone(zone).Date)
                return (Result<CloseDayView>)Problem.Invalid("date", $"{Formats.Day(date)} is past; only today or a later day can be closed.");
            if (clinic.Settings.ClosureOn(date) is { } existing)
                return new CloseDayView(clinic.Id.Value, Formatting.Date(date), existing.Reason, 0, []);

            var start = date.AtStartOfDayInZone(zone).ToInstant();
            var end = date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
            var onDay = (await store.SessionsStarting(clinic.Id, start, end, token)).Where(s => s.Status.Occupies()).ToList();
            var begun = onDay.Where(s => !s.Status.IsUpcoming() || s.Footprint.Start <= now).ToList();
            if (begun.Count > 0)
                return Problem.Refused(new Refusal(RuleCode.ConflictsWithBookedSessions,
                    $"{begun.Count} session(s) on {Formats.Day(date)} have begun or are under way (the first at {Formats.DayTime(begun[0].Footprint.Start, zone)}). " +
                    "Close the day once they are over, or take the chairs out of service for the rest of it."));

            var closure = new Closure(date, reason);
            var cause = $"The clinic is closed on {Formats.Day(date)}: {closure.Reason}";
            foreach (var id in onDay.Select(s => s.Id))
            {
                var series = (await store.SeriesOfSession(id, token))!;
                var session = series.Sessions.Single(s => s.Id == id);
                session.Cancel(now, cause);
                store.Add(new AuditEntry(now, actor.Name, "session", session.Id.Value, "cancelled", "the clinic closed for the day", cause));
                await reminders.Cancel(session, cause, now, token);
                await AskForAnotherTime.Settle(store, session, $"The session was cancelled: {cause}.", actor.Name, now, token);
                if (await holds.Disrupted(session, cause, actor.Name, now, token))
                    requeued++;
                else if (series.Status == SeriesStatus.Active)
                    opened.Add(disruptions.Open(session, RebookingTrigger.ClinicClosed, cause, actor.Name, now).Id);
            }
            clinic.Update(clinic.Name, clinic.Settings.WithClosure(closure));
            store.Add(new AuditEntry(now, actor.Name, "clinic", clinic.Id.Value, "day closed",
                $"{Formats.Day(date)}: {onDay.Count} session(s) cancelled, {opened.Count} to rebook", reason));
            await store.SaveChanges(token);
            return new CloseDayView(clinic.Id.Value, Formatting.Date(date), closure.Reason, onDay.Count, opened.ToList());
        }, r => r.Ok, ct);
        if (result.Ok && opened.Count + requeued > 0)
            await disruptions.RequestRebooking(new ClinicId(clinicId), ct);
        return result;
    }
}
