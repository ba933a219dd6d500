using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Application.Series;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Sessions.Lifecycle;

/// <summary>
/// Marks as a no-show every booked or confirmed session that was not checked in within the grace
/// period after its start (<see cref="LifecycleOptions.NoShowGraceMinutes"/>), as the front desk
/// would: under the clinic's booking lock, each re-checked, audited as the no-show check, its
/// remaining reminders suppressed. Run by a recurring job; safe to run twice (a marked session is no
/// longer booked). Sessions up to <see cref="LookBack"/> old are caught up after the app was down.
/// </summary>
public sealed class DetectNoShows(ISchedulerStore store, IClock clock, LifecycleOptions options, SessionReminders reminders,
    RebookingHolds holds, Disruptions disruptions)
{
    public const string Actor = "no-show check";

    public static readonly Duration LookBack = Duration.FromDays(14);

    /// <summary>Returns how many sessions were marked.</summary>
    public async Task<int> Run(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var grace = Duration.FromMinutes(options.NoShowGraceMinutes);
        var reason = $"Not checked in within {options.NoShowGraceMinutes} minutes of the start";
        var marked = 0;
        foreach (var clinic in await store.Clinics(ct))
        {
            // A second of slack for the stored precision; MarkNoShow checks the grace to the instant.
            var overdue = (await store.SessionsStarting(clinic.Id, now - LookBack, now - grace + Duration.FromSeconds(1), ct))
                .Where(s => s.Status is SessionStatus.Booked or SessionStatus.Confirmed)
                .Select(s => s.Id)
                .ToList();
            if (overdue.Count == 0)
                continue;
            var markedHere = await store.InBookingTransaction(clinic.Id, async token =>
            {
                var count = 0;
                foreach (var id in overdue)
                {
                    var session = (await store.SeriesOfSession(id, token))?.Sessions.SingleOrDefault(s => s.Id == id);
                    // Checked in (or cancelled) since it was read: the lock makes this the last word.
                    if (session is null || session.MarkNoShow(now, grace, reason) is not null)
                        continue;
                    store.Add(new AuditEntry(now, Actor, "session", session.Id.Value, SessionView.Name(SessionAction.MarkNoShow), "now noShow", reason));
                    await reminders.Cancel(session, $"The session was marked a no-show: {reason}", now, token);
                    if (!await holds.Ended(clinic, session, Actor, now, token) && (await store.Series(session.SeriesId, token))!.Status == SeriesStatus.Active)
                        disruptions.Open(session, RebookingTrigger.NoShow, reason, Actor, now);
                    count++;
                }
                await store.SaveChanges(token);
                return count;
            }, _ => true, ct);
            marked += markedHere;
            // Asked for once the marks are committed; the upkeep asks again for cases left pending should this fail.
            if (markedHere > 0)
                await disruptions.RequestRebooking(clinic.Id, ct);
        }
        return marked;
    }
}
