using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Series;

public enum SeriesStatus
{
    Active,
    Cancelled,
}

/// <summary>A patient's course of treatment under one protocol, booked as a whole.</summary>
public sealed class TreatmentSeries
{
    private readonly List<Session> _sessions = [];

    private TreatmentSeries()
    {
    }

    private TreatmentSeries(SeriesId id, ClinicId clinicId, PatientId patientId, ProtocolId protocolId, Instant createdAt)
    {
        Id = id;
        ClinicId = clinicId;
        PatientId = patientId;
        ProtocolId = protocolId;
        CreatedAt = createdAt;
        Status = SeriesStatus.Active;
    }

    public SeriesId Id { get; }
    public ClinicId ClinicId { get; }
    public PatientId PatientId { get; }
    public ProtocolId ProtocolId { get; }
    public Instant CreatedAt { get; }
    public SeriesStatus Status { get; private set; }
    public IReadOnlyList<Session> Sessions => _sessions;

    /// <summary>
    /// Creates a series from placements already checked against the book and the spacing rules
    /// (<see cref="Booking.BookingRules"/>); ordinals follow the list order.
    /// </summary>
    public static TreatmentSeries Book(ClinicId clinicId, PatientId patientId, ProtocolId protocolId, Instant now,
        IReadOnlyList<(SeriesPhase Phase, ChairId Chair, SessionFootprint Footprint)> placements)
    {
        if (placements.Count == 0)
            throw new InvalidValueException("sessions", "A series needs at least one session.");
        var series = new TreatmentSeries(SeriesId.New(), clinicId, patientId, protocolId, now);
        for (var i = 0; i < placements.Count; i++)
        {
            var (phase, chair, footprint) = placements[i];
            series._sessions.Add(Session.Book(series.Id, clinicId, patientId, i + 1, phase, chair, footprint));
        }
        return series;
    }

    /// <summary>
    /// A session in place of <paramref name="ended"/> (cancelled or a no-show), with the same place in
    /// the series. The placement is checked by the caller against the book and the spacing.
    /// </summary>
    public Session AddMakeUp(Session ended, ChairId chair, SessionFootprint footprint)
    {
        if (Status != SeriesStatus.Active)
            throw new InvalidOperationException("A cancelled series takes no make-up session.");
        if (ended.SeriesId != Id || ended.Status.Occupies())
            throw new InvalidOperationException("A make-up session replaces an ended session of the same series.");
        var session = Session.Book(Id, ClinicId, PatientId, ended.Ordinal, ended.Phase, chair, footprint);
        _sessions.Add(session);
        return session;
    }

    /// <summary>The local day of the session at <paramref name="ordinal"/> that holds time (the one a spacing rule counts from), if any.</summary>
    public LocalDate? DateOf(int ordinal, DateTimeZone zone) =>
        _sessions.FirstOrDefault(s => s.Ordinal == ordinal && s.Status.Occupies()) is { } n ? n.Footprint.Start.InZone(zone).Date : null;

    /// <summary>Cancels the sessions still to come; completed and already ended ones stay as they were.</summary>
    public IReadOnlyList<Session> Cancel(Instant now, string reason)
    {
        var cancelled = new List<Session>();
        foreach (var session in _sessions.Where(s => s.Status.IsUpcoming()))
        {
            if (session.Cancel(now, reason) is null)
                cancelled.Add(session);
        }
        Status = SeriesStatus.Cancelled;
        return cancelled;
    }
}
