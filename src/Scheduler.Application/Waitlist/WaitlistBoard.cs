using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Patients;
using Scheduler.Application.Series;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Waitlist;

/// <summary>
/// A waitlist entry with what the front desk reads beside it: the patient, the booked session it waits
/// to bring forward (null parts when the series is gone), the patient's preferred days and times, and
/// how long they have waited (until now, or until the entry ended).
/// </summary>
public sealed record WaitlistRow(
    WaitlistEntryView Entry, string PatientName, AvailabilityInput Prefers, int? Ordinal, Instant? SessionStart, string? SessionStatus,
    string? ChairName, string? ProtocolName, Instant AddedAt, Duration Waited);

public sealed record OfferRecipientRow(OfferRecipientView Recipient, string PatientName);

/// <summary>A freed time offered to the waitlist, with the chair's and recipients' names.</summary>
public sealed record OfferRow(SlotOfferView Offer, string ChairName, Instant Start, Instant ExpiresAt, IReadOnlyList<OfferRecipientRow> Recipients);

/// <summary>What the front desk's waitlist page reads: the entries and the offers, with names. Reads only; the actions are <see cref="ManageWaitlist"/>'s.</summary>
public sealed class WaitlistBoard(ISchedulerStore store, IClock clock)
{
    public const int MaxOffers = 100;

    /// <summary>Longest waiting first; with <paramref name="all"/> also the entries that ended (moved or removed).</summary>
    public async Task<Result<IReadOnlyList<WaitlistRow>>> Entries(Guid clinicId, bool all, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        var zone = clinic.Settings.Zone;
        var names = new NameLookup(store, clinic.Id);
        var now = clock.GetCurrentInstant();
        var rows = new List<WaitlistRow>();
        foreach (var e in (await store.Waitlist(clinic.Id, !all, ct)).OrderBy(e => e.AddedAt))
        {
            var patient = await store.Patient(e.PatientId, ct);
            var series = await store.Series(e.SeriesId, ct);
            var session = series?.Sessions.SingleOrDefault(s => s.Id == e.SessionId);
            var protocol = series is null ? null : await store.Protocol(series.ProtocolId, ct);
            rows.Add(new WaitlistRow(WaitlistEntryView.Of(e, zone), patient?.Name ?? "(patient removed)",
                patient is null ? new AvailabilityInput([], null, null) : PatientView.Of(patient).Availability,
                session?.Ordinal, session?.Footprint.Start, session is null ? null : SessionView.Name(session.Status),
                session is null ? null : await names.Chair(session.ChairId, ct), protocol?.Name, e.AddedAt, (e.EndedAt ?? now) - e.AddedAt));
        }
        return rows;
    }

    /// <summary>The clinic's offers of freed times, newest first, recipients by rank.</summary>
    public async Task<Result<IReadOnlyList<OfferRow>>> Offers(Guid clinicId, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        var zone = clinic.Settings.Zone;
        var names = new NameLookup(store, clinic.Id);
        var rows = new List<OfferRow>();
        foreach (var o in await store.SlotOffers(clinic.Id, MaxOffers, ct))
        {
            var view = SlotOfferView.Of(o, zone);
            var recipients = new List<OfferRecipientRow>();
            foreach (var r in view.Recipients)
                recipients.Add(new OfferRecipientRow(r, await names.Patient(new PatientId(r.PatientId), ct)));
            rows.Add(new OfferRow(view, await names.Chair(o.ChairId, ct), o.Start, o.ExpiresAt, recipients));
        }
        return rows;
    }
}
