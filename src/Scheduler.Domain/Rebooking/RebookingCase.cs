using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Rebooking;

/// <summary>What disrupted a session.</summary>
public enum RebookingTrigger
{
    PatientCancelled,
    NoShow,
    ChairOutOfService,
    ClinicClosed,

    /// <summary>
    /// The patient asked for another time (with the link in a reminder). Nothing is disrupted: the
    /// session stays booked until someone moves it, and the case goes straight to the front desk.
    /// </summary>
    PatientAskedToMove,
}

/// <summary>
/// Pending (the job has not decided yet) → Held (a time is held, the patient is asked) → Rebooked;
/// or → FrontDesk (a person must act: nothing fitted, the patient declined, the hold expired) →
/// Resolved (a person closed it). A case that is no longer needed (the series was cancelled) is
/// Resolved by the system.
/// </summary>
public enum RebookingStatus
{
    Pending,
    Held,
    Rebooked,
    FrontDesk,
    Resolved,
}

/// <summary>
/// The rebooking of one disrupted session, from the disruption to its end. Written in the same
/// transaction as the cancel, no-show, closure or outage that causes it, so that no disrupted session
/// is ever forgotten; the rebooking job then works on it (<see cref="RebookingSearch"/>), and each of
/// its steps is in the audit trail under the case's id.
/// <para>
/// The held time is a real session in the book (so no one else can take it): the disrupted session
/// itself moved there when it still stands (closure, outage), or a make-up session of the same place
/// in the series when the disrupted one ended (cancel, no-show). A hold that is declined or not
/// confirmed before <see cref="HoldExpiresAt"/> is released: that session is cancelled.
/// </para>
/// </summary>
public sealed class RebookingCase
{
    private RebookingCase()
    {
        Cause = "";
    }

    public Guid Id { get; private set; }
    public ClinicId ClinicId { get; private set; }
    public SeriesId SeriesId { get; private set; }
    public PatientId PatientId { get; private set; }

    /// <summary>The disrupted session.</summary>
    public SessionId SessionId { get; private set; }

    /// <summary>Its place in the series.</summary>
    public int Ordinal { get; private set; }

    public RebookingTrigger Trigger { get; private set; }

    /// <summary>The disruption in words: "The clinic is closed on Wed 13 Jan 2027: snow".</summary>
    public string Cause { get; private set; }

    /// <summary>Where the session was before the disruption.</summary>
    public Instant OriginalStart { get; private set; }

    public ChairId OriginalChairId { get; private set; }
    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }
    public RebookingStatus Status { get; private set; }

    /// <summary>Times the rebooking job worked on the case.</summary>
    public int Attempts { get; private set; }

    /// <summary>The session holding the new time (the disrupted one moved, or a make-up session).</summary>
    public SessionId? HeldSessionId { get; private set; }

    public ChairId? HeldChairId { get; private set; }
    public Instant? HeldStart { get; private set; }
    public Instant? HoldExpiresAt { get; private set; }

    /// <summary>Later sessions of the series moved to keep the spacing, in words; null when none moved.</summary>
    public string? Shifted { get; private set; }

    /// <summary>Why a person must act, in words the front desk can act on.</summary>
    public string? FrontDeskReason { get; private set; }

    public string? ResolvedBy { get; private set; }
    public Instant? ResolvedAt { get; private set; }
    public string? Resolution { get; private set; }

    public bool IsOpen => Status is RebookingStatus.Pending or RebookingStatus.Held or RebookingStatus.FrontDesk;

    public static RebookingCase Open(ClinicId clinic, SeriesId series, PatientId patient, SessionId session, int ordinal,
        RebookingTrigger trigger, string cause, Instant originalStart, ChairId originalChair, Instant now) =>
        new()
        {
            Id = Guid.NewGuid(),
            ClinicId = clinic,
            SeriesId = series,
            PatientId = patient,
            SessionId = session,
            Ordinal = ordinal,
            Trigger = trigger,
            Cause = Text.Required(cause, "cause", Text.ReasonMaxLength),
            OriginalStart = originalStart,
            OriginalChairId = originalChair,
            CreatedAt = now,
            UpdatedAt = now,
            Status = RebookingStatus.Pending,
        };

    /// <summary>Longest note a patient may leave when asking for another time, so that the front desk's reason fits.</summary>
    public const int MoveNoteMaxLength = 300;

    /// <summary>
    /// The patient asks for another time for <paramref name="session"/>, which stays booked: the case
    /// goes straight to the front desk (the rebooking job only decides cases that are pending), with
    /// the patient's <paramref name="note"/> (preferred days and times) as the reason.
    /// </summary>
    public static RebookingCase AskedToMove(ClinicId clinic, SeriesId series, PatientId patient, SessionId session, int ordinal,
        string? note, Instant sessionStart, ChairId chair, Instant now)
    {
        var said = Text.Optional(note, "note", MoveNoteMaxLength);
        var asked = Open(clinic, series, patient, session, ordinal, RebookingTrigger.PatientAskedToMove,
            "The patient asked for another time", sessionStart, chair, now);
        asked.ToFrontDeskFrom(said is null
            ? "The patient asked for another time and gave no preference; the session stays booked until it is moved. Call the patient."
            : $"The patient asked for another time: \"{said}\". The session stays booked until it is moved.", now);
        return asked;
    }

    /// <summary>Counts one run of the job on the case.</summary>
    public void Attempted(Instant now)
    {
        Attempts++;
        UpdatedAt = now;
    }

    /// <summary>A new time is held until <paramref name="expiresAt"/> and the patient asked.</summary>
    public Refusal? Hold(SessionId held, ChairId chair, Instant start, Instant expiresAt, string? shifted, Instant now)
    {
        if (Refuse(RebookingStatus.Pending) is { } refusal)
            return refusal;
        Status = RebookingStatus.Held;
        Place(held, chair, start, shifted, now);
        HoldExpiresAt = expiresAt;
        return null;
    }

    /// <summary>Rebooked without asking: the same start on another chair, which changes nothing for the patient.</summary>
    public Refusal? RebookAtSameTime(SessionId held, ChairId chair, Instant now)
    {
        if (Refuse(RebookingStatus.Pending) is { } refusal)
            return refusal;
        Status = RebookingStatus.Rebooked;
        Place(held, chair, OriginalStart, null, now);
        return null;
    }

    /// <summary>The patient (or the front desk for them) took the held time.</summary>
    public Refusal? Accept(Instant now)
    {
        // Late but before the upkeep released it, the time is still held: taking it is fine.
        if (Refuse(RebookingStatus.Held) is { } refusal)
            return refusal;
        Status = RebookingStatus.Rebooked;
        HoldExpiresAt = null;
        UpdatedAt = now;
        return null;
    }

    /// <summary>The held time was released (declined or expired); a person must find another.</summary>
    public Refusal? Release(string reason, Instant now)
    {
        if (Refuse(RebookingStatus.Held) is { } refusal)
            return refusal;
        return ToFrontDeskFrom(reason, now);
    }

    /// <summary>
    /// The held time was itself disrupted (its day closed, its chair out of service) before the patient
    /// answered: the case waits for the job again, which looks for another time.
    /// </summary>
    public Refusal? Requeue(Instant now)
    {
        if (Refuse(RebookingStatus.Held) is { } refusal)
            return refusal;
        Status = RebookingStatus.Pending;
        HeldSessionId = null;
        HeldChairId = null;
        HeldStart = null;
        HoldExpiresAt = null;
        UpdatedAt = now;
        return null;
    }

    /// <summary>Nothing the job can do: the front desk takes it, with the reason.</summary>
    public Refusal? ToFrontDesk(string reason, Instant now)
    {
        if (Refuse(RebookingStatus.Pending) is { } refusal)
            return refusal;
        return ToFrontDeskFrom(reason, now);
    }

    /// <summary>Closed by a person (rebooked by phone, patient stopped treatment…) or, when no longer needed, by the system.</summary>
    public Refusal? Resolve(string by, string resolution, Instant now)
    {
        if (Refuse(RebookingStatus.Pending, RebookingStatus.FrontDesk) is { } refusal)
            return refusal;
        Status = RebookingStatus.Resolved;
        ResolvedBy = Text.Required(by, "actor", 200);
        Resolution = Text.Required(resolution, "resolution", Text.ReasonMaxLength);
        ResolvedAt = now;
        UpdatedAt = now;
        return null;
    }

    private Refusal? ToFrontDeskFrom(string reason, Instant now)
    {
        Status = RebookingStatus.FrontDesk;
        FrontDeskReason = Text.Required(reason, "reason", Text.ReasonMaxLength);
        HoldExpiresAt = null;
        UpdatedAt = now;
        return null;
    }

    private void Place(SessionId held, ChairId chair, Instant start, string? shifted, Instant now)
    {
        HeldSessionId = held;
        HeldChairId = chair;
        HeldStart = start;
        Shifted = shifted is null ? null : Text.Required(shifted, "shifted", Text.ReasonMaxLength);
        UpdatedAt = now;
    }

    private Refusal? Refuse(params RebookingStatus[] allowed) =>
        allowed.Contains(Status)
            ? null
            : new Refusal(RuleCode.LifecycleTransition,
                $"The rebooking is {Name(Status)}; this is only possible when it is {string.Join(" or ", allowed.Select(Name))}.");

    public static string Name(RebookingStatus status) => status switch
    {
        RebookingStatus.FrontDesk => "with the front desk",
        _ => status.ToString().ToLowerInvariant(),
    };
}
