using NodaTime;
using Scheduler.Application.Background;
using Scheduler.Application.Common;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Rebooking;

/// <summary>Rebook the clinic's pending cases. Any number may run; each case is decided once.</summary>
public sealed record RebookWork(Guid ClinicId) : IClinicWork;

/// <summary>Offer the time that starts at <paramref name="StartTicks"/> (Unix ticks) on the chair to the waitlist.</summary>
public sealed record OfferFreedTimeWork(Guid ClinicId, Guid ChairId, long StartTicks, string Cause) : IClinicWork;

/// <summary>
/// Opens a rebooking case for a disrupted session, inside the transaction that disrupts it (so the
/// case is there exactly when the cancel, no-show, closure or outage is), and, once that has
/// committed, asks for the rebooking job.
/// </summary>
public sealed class Disruptions(ISchedulerStore store, IBackgroundWork work)
{
    /// <summary>The session (already ended by the caller) gets a case; the audit trail says so under the session and the case.</summary>
    public RebookingCase Open(Session session, RebookingTrigger trigger, string cause, string actor, Instant now)
    {
        var opened = RebookingCase.Open(session.ClinicId, session.SeriesId, session.PatientId, session.Id, session.Ordinal, trigger, cause,
            session.Footprint.Start, session.ChairId, now);
        store.Add(opened);
        store.Add(new AuditEntry(now, actor, "rebooking", opened.Id, "opened", $"for session {session.Ordinal} ({session.Id}): {Describe(trigger)}", cause));
        store.Add(new AuditEntry(now, actor, "session", session.Id.Value, "rebooking opened", opened.Id.ToString(), cause));
        return opened;
    }

    /// <summary>Asks for the rebooking job for the clinic; call after the disrupting transaction committed. Returns the work's key.</summary>
    public async Task<string> RequestRebooking(ClinicId clinic, CancellationToken ct)
    {
        var key = WorkKeys.Rebook(clinic);
        await work.Enqueue(key, new RebookWork(clinic.Value), ct);
        return key;
    }

    /// <summary>
    /// Offers a time freed by a cancellation to the waitlist: after the rebooking run
    /// <paramref name="afterKey"/> (which must not give the cancelling patient their own time back),
    /// or at once when it is null.
    /// </summary>
    public Task OfferFreedTime(string? afterKey, Session freed, string cause, CancellationToken ct)
    {
        var key = WorkKeys.OfferFreed(freed.ChairId, freed.Footprint.Start);
        var offer = new OfferFreedTimeWork(freed.ClinicId.Value, freed.ChairId.Value, freed.Footprint.Start.ToUnixTimeTicks(), cause);
        return afterKey is null ? work.Enqueue(key, offer, ct) : work.ContinueWith(afterKey, key, offer, ct);
    }

    public static string Describe(RebookingTrigger trigger) => trigger switch
    {
        RebookingTrigger.PatientCancelled => "cancelled",
        RebookingTrigger.NoShow => "no-show",
        RebookingTrigger.ChairOutOfService => "chair out of service",
        RebookingTrigger.ClinicClosed => "clinic closed",
        RebookingTrigger.PatientAskedToMove => "patient asked for another time",
        _ => trigger.ToString(),
    };
}

/// <summary>The keys background work is asked for under.</summary>
public static class WorkKeys
{
    /// <summary>A new key for each request: a request made while a run is going still gets its own run.</summary>
    public static string Rebook(ClinicId clinic) => $"rebook:{clinic.Value:N}:{Guid.NewGuid():N}";

    public static string OfferFreed(ChairId chair, Instant start) => $"offer:{chair.Value:N}:{start.ToUnixTimeTicks()}";
}
