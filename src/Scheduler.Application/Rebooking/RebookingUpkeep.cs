using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Rebooking;

/// <summary>What one upkeep run did.</summary>
public sealed record UpkeepReport(int HoldsReleased, int OffersExpired, int ClinicsNudged);

/// <summary>
/// Run every minute by a recurring job: releases holds nobody answered (the held session is cancelled,
/// the case goes to the front desk, the time is offered to the waitlist), closes offers whose time
/// ran out, and asks again for the rebooking job where cases have waited more than
/// <see cref="StaleAfter"/> (the request made after the disruption may have been lost with the app).
/// Safe to run twice: each change is made only from the state it expects.
/// </summary>
public sealed class RebookingUpkeep(ISchedulerStore store, IClock clock, SessionReminders reminders, Disruptions disruptions)
{
    public const string Actor = "rebooking upkeep";

    public static readonly Duration StaleAfter = Duration.FromMinutes(2);

    public async Task<UpkeepReport> Run(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var released = 0;
        foreach (var expired in await store.ExpiredHolds(now, ct))
        {
            var freed = await Release(expired.ClinicId, expired.Id, ct);
            if (freed is null)
                continue;
            released++;
            await disruptions.OfferFreedTime(null, freed, "A held time was not confirmed in time", ct);
        }

        var offersExpired = 0;
        foreach (var id in await store.OpenOfferIds(now, ct))
        {
            var offer = await store.SlotOffer(id, ct);
            if (offer is not null && offer.Expire(now))
            {
                store.Add(new AuditEntry(now, Actor, "offer", offer.Id, "expired", "nobody took the time in time", null));
                offersExpired++;
            }
        }
        if (offersExpired > 0)
            await store.SaveChanges(ct);

        var stale = await store.ClinicsWithPendingRebookings(now - StaleAfter, ct);
        foreach (var clinic in stale)
            await disruptions.RequestRebooking(clinic, ct);
        return new UpkeepReport(released, offersExpired, stale.Count);
    }

    /// <summary>Releases one expired hold; returns the cancelled session whose time is free again, or null when there was nothing to do.</summary>
    private Task<Session?> Release(ClinicId clinic, Guid caseId, CancellationToken ct) =>
        store.InBookingTransaction(clinic, async token =>
        {
            var now = clock.GetCurrentInstant();
            var c = await store.RebookingCase(caseId, token);
            if (c is null || c.Status != RebookingStatus.Held || c.HoldExpiresAt > now || c.HeldSessionId is not { } heldId)
                return null;
            var zone = (await store.Clinic(clinic, token))!.Settings.Zone;
            var series = (await store.Series(c.SeriesId, token))!;
            var held = series.Sessions.Single(s => s.Id == heldId);
            var when = Formats.DayTime(held.Footprint.Start, zone);
            var reason = $"No answer by {Formats.DayTime(c.HoldExpiresAt!.Value, zone)}: the held time ({when}) was released.";
            c.Release(reason, now);
            store.Add(new AuditEntry(now, Actor, "rebooking", c.Id, "expired", reason, null));
            Session? freed = null;
            if (held.Cancel(now, "The held new time was not confirmed in time") is null)
            {
                store.Add(new AuditEntry(now, Actor, "session", held.Id.Value, "cancelled", "held time not confirmed", reason));
                await reminders.Cancel(held, reason, now, token);
                freed = held;
            }
            await store.SaveChanges(token);
            return freed;
        }, _ => true, ct);
}
