using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Series;

/// <summary>One visit of a series: a chair, a footprint and a place in the lifecycle.</summary>
public sealed class Session
{
    /// <summary>How early before its start a patient may check in.</summary>
    public static readonly Duration CheckInWindow = Duration.FromHours(12);

    // The footprint is kept as its instants so that a store can map them as plain columns.
    private Instant _start;
    private Instant _infusionEnd;
    private Instant _observationEnd;
    private Instant _turnoverEnd;
    private bool _observationInRecovery;
    private SessionFootprint? _footprint;

    private Session()
    {
    }

    private Session(SessionId id, SeriesId seriesId, ClinicId clinicId, PatientId patientId, int ordinal, SeriesPhase phase,
        ChairId chairId, SessionFootprint footprint)
    {
        Id = id;
        SeriesId = seriesId;
        ClinicId = clinicId;
        PatientId = patientId;
        Ordinal = ordinal;
        Phase = phase;
        ChairId = chairId;
        SetFootprint(footprint);
        Status = SessionStatus.Booked;
    }

    public SessionId Id { get; }
    public SeriesId SeriesId { get; }
    public ClinicId ClinicId { get; }
    public PatientId PatientId { get; }

    /// <summary>1-based position in the series.</summary>
    public int Ordinal { get; }

    public SeriesPhase Phase { get; }
    public ChairId ChairId { get; private set; }
    public SessionFootprint Footprint =>
        _footprint ??= SessionFootprint.Restore(_start, _infusionEnd, _observationEnd, _turnoverEnd, _observationInRecovery);
    public SessionStatus Status { get; private set; }
    public Instant? ConfirmedAt { get; private set; }
    public Instant? CheckedInAt { get; private set; }
    public Instant? InfusionStartedAt { get; private set; }
    public Instant? ObservationStartedAt { get; private set; }
    public Instant? CompletedAt { get; private set; }
    public Instant? EndedAt { get; private set; }

    /// <summary>Why it was cancelled or marked a no-show.</summary>
    public string? EndReason { get; private set; }

    internal static Session Book(SeriesId seriesId, ClinicId clinicId, PatientId patientId, int ordinal, SeriesPhase phase,
        ChairId chairId, SessionFootprint footprint) =>
        new(SessionId.New(), seriesId, clinicId, patientId, ordinal, phase, chairId, footprint);

    public Refusal? Confirm(Instant now)
    {
        if (Status == SessionStatus.Confirmed)
            return null;
        if (Refuse(SessionStatus.Booked) is { } refusal)
            return refusal;
        Status = SessionStatus.Confirmed;
        ConfirmedAt = now;
        return null;
    }

    public Refusal? CheckIn(Instant now)
    {
        if (Refuse(SessionStatus.Booked, SessionStatus.Confirmed) is { } refusal)
            return refusal;
        if (now < Footprint.Start - CheckInWindow)
            return new Refusal(RuleCode.TooEarly, $"Check-in opens {CheckInWindow.TotalHours:0} hours before the session starts.");
        Status = SessionStatus.CheckedIn;
        CheckedInAt = now;
        return null;
    }

    public Refusal? StartInfusion(Instant now)
    {
        if (Refuse(SessionStatus.CheckedIn) is { } refusal)
            return refusal;
        Status = SessionStatus.Infusing;
        InfusionStartedAt = now;
        return null;
    }

    public Refusal? StartObservation(Instant now)
    {
        if (Refuse(SessionStatus.Infusing) is { } refusal)
            return refusal;
        Status = SessionStatus.Observing;
        ObservationStartedAt = now;
        return null;
    }

    /// <summary>Ends the visit. Refused until the full observation has elapsed: it is never shortened.</summary>
    public Refusal? Complete(Instant now)
    {
        if (Refuse(SessionStatus.Observing) is { } refusal)
            return refusal;
        var observedUntil = ObservationStartedAt!.Value + Footprint.Observation;
        if (now < observedUntil)
            return new Refusal(RuleCode.ObservationNotElapsed,
                $"Observation lasts {Formats.Length(Footprint.Observation)}; it has run {Formats.Length(now - ObservationStartedAt.Value)}. " +
                "The session can be completed once it has run in full.");
        Status = SessionStatus.Completed;
        CompletedAt = now;
        return null;
    }

    public Refusal? Cancel(Instant now, string reason)
    {
        if (Refuse(SessionStatus.Booked, SessionStatus.Confirmed, SessionStatus.CheckedIn) is { } refusal)
            return refusal;
        var endReason = Text.Required(reason, "reason", Text.ReasonMaxLength);
        Status = SessionStatus.Cancelled;
        EndedAt = now;
        EndReason = endReason;
        return null;
    }

    /// <summary>Marks a patient who did not come. Allowed once <paramref name="grace"/> has passed since the start.</summary>
    public Refusal? MarkNoShow(Instant now, Duration grace, string reason)
    {
        if (Refuse(SessionStatus.Booked, SessionStatus.Confirmed) is { } refusal)
            return refusal;
        if (now < Footprint.Start + grace)
            return new Refusal(RuleCode.TooEarly,
                $"A no-show can be marked {Formats.Length(grace)} after the start; the session has not reached that yet.");
        var endReason = Text.Required(reason, "reason", Text.ReasonMaxLength);
        Status = SessionStatus.NoShow;
        EndedAt = now;
        EndReason = endReason;
        return null;
    }

    /// <summary>
    /// Puts the session on another chair or time. The chair rules are checked by the caller against
    /// the book; here only the lifecycle: a moved session must be confirmed again.
    /// </summary>
    public Refusal? MoveTo(ChairId chair, SessionFootprint footprint)
    {
        if (Refuse(SessionStatus.Booked, SessionStatus.Confirmed) is { } refusal)
            return refusal;
        ChairId = chair;
        SetFootprint(footprint);
        Status = SessionStatus.Booked;
        ConfirmedAt = null;
        return null;
    }

    /// <summary>The same time on another chair: nothing changes for the patient, so a confirmation stands.</summary>
    public Refusal? ChangeChair(ChairId chair)
    {
        if (Refuse(SessionStatus.Booked, SessionStatus.Confirmed) is { } refusal)
            return refusal;
        ChairId = chair;
        return null;
    }

    private void SetFootprint(SessionFootprint footprint)
    {
        _footprint = footprint;
        _start = footprint.Start;
        _infusionEnd = footprint.InfusionEnd;
        _observationEnd = footprint.ObservationEnd;
        _turnoverEnd = footprint.TurnoverEnd;
        _observationInRecovery = footprint.ObservationInRecovery;
    }

    private Refusal? Refuse(params SessionStatus[] allowedFrom) =>
        allowedFrom.Contains(Status)
            ? null
            : new Refusal(RuleCode.LifecycleTransition,
                $"Session {Ordinal} is {Describe(Status)}; this is only possible when it is {string.Join(" or ", allowedFrom.Select(Describe))}.");

    private static string Describe(SessionStatus status) => status switch
    {
        SessionStatus.CheckedIn => "checked in",
        SessionStatus.NoShow => "a no-show",
        _ => status.ToString().ToLowerInvariant(),
    };
}
