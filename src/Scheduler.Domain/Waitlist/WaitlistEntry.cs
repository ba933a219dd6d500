using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Waitlist;

public enum WaitlistStatus
{
    Waiting,

    /// <summary>The patient took an earlier time: the session moved.</summary>
    Moved,

    Removed,
}

/// <summary>
/// A patient who would like one of their booked sessions earlier ("fast pass"). While waiting, a time
/// freed by someone else may be offered to them (<see cref="SlotOffer"/>).
/// </summary>
public sealed class WaitlistEntry
{
    private WaitlistEntry()
    {
        AddedBy = "";
    }

    public Guid Id { get; private set; }
    public ClinicId ClinicId { get; private set; }
    public PatientId PatientId { get; private set; }
    public SeriesId SeriesId { get; private set; }

    /// <summary>The booked session the patient wants earlier.</summary>
    public SessionId SessionId { get; private set; }

    public string? Note { get; private set; }
    public Instant AddedAt { get; private set; }
    public string AddedBy { get; private set; }
    public WaitlistStatus Status { get; private set; }
    public Instant? EndedAt { get; private set; }
    public string? EndReason { get; private set; }

    public static WaitlistEntry Add(ClinicId clinic, PatientId patient, SeriesId series, SessionId session, string? note, string addedBy, Instant now) =>
        new()
        {
            Id = Guid.NewGuid(),
            ClinicId = clinic,
            PatientId = patient,
            SeriesId = series,
            SessionId = session,
            Note = Text.Optional(note, "note", Text.ReasonMaxLength),
            AddedAt = now,
            AddedBy = Text.Required(addedBy, "actor", 200),
            Status = WaitlistStatus.Waiting,
        };

    public Refusal? Remove(string reason, Instant now) => End(WaitlistStatus.Removed, reason, now);

    public Refusal? Moved(string how, Instant now) => End(WaitlistStatus.Moved, how, now);

    private Refusal? End(WaitlistStatus status, string reason, Instant now)
    {
        if (Status != WaitlistStatus.Waiting)
            return new Refusal(RuleCode.LifecycleTransition, $"The waitlist entry is {Status.ToString().ToLowerInvariant()} already.");
        Status = status;
        EndedAt = now;
        EndReason = Text.Required(reason, "reason", Text.ReasonMaxLength);
        return null;
    }
}
