using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Waitlist;

public enum OfferStatus
{
    Open,
    Taken,
    Expired,

    /// <summary>No longer offered: the time was booked otherwise, or the chair or day closed.</summary>
    Withdrawn,
}

public enum OfferAnswer
{
    None,
    Accepted,
    Declined,

    /// <summary>Accepted after someone else had taken it, or after it expired.</summary>
    TooLate,
}

/// <summary>
/// A freed time (a chair at a start) offered to a few waitlisted patients at once, best match first.
/// The first to accept gets it; the others are told it is gone; unanswered, it expires. Taking it is a
/// change of <see cref="Status"/> from Open that only one accept can make (the store checks
/// <see cref="Version"/>), and the session moves under the clinic's booking lock with every chair rule
/// checked again, so one time never goes to two people.
/// </summary>
public sealed class SlotOffer
{
    private readonly List<OfferRecipient> _recipients = [];

    private SlotOffer()
    {
        Cause = "";
    }

    public Guid Id { get; private set; }
    public ClinicId ClinicId { get; private set; }
    public ChairId ChairId { get; private set; }
    public Instant Start { get; private set; }

    /// <summary>How the time came free, in words.</summary>
    public string Cause { get; private set; }

    public Instant CreatedAt { get; private set; }
    public Instant ExpiresAt { get; private set; }
    public OfferStatus Status { get; private set; }
    public PatientId? TakenBy { get; private set; }
    public Instant? ClosedAt { get; private set; }

    /// <summary>Changes on every update; a concurrency token, so two accepts cannot both take the offer.</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<OfferRecipient> Recipients => _recipients;

    public static SlotOffer Make(ClinicId clinic, ChairId chair, Instant start, string cause, Instant expiresAt, Instant now,
        IEnumerable<(WaitlistEntry Entry, string Match)> ranked)
    {
        var offer = new SlotOffer
        {
            Id = Guid.NewGuid(),
            ClinicId = clinic,
            ChairId = chair,
            Start = start,
            Cause = Text.Required(cause, "cause", Text.ReasonMaxLength),
            CreatedAt = now,
            ExpiresAt = expiresAt,
            Status = OfferStatus.Open,
            Version = Guid.NewGuid(),
        };
        var rank = 1;
        foreach (var (entry, match) in ranked)
            offer._recipients.Add(new OfferRecipient(offer.Id, entry, rank++, match));
        if (offer._recipients.Count == 0)
            throw new InvalidOperationException("An offer goes to at least one patient.");
        return offer;
    }

    public OfferRecipient? RecipientFor(PatientId patient) => _recipients.FirstOrDefault(r => r.PatientId == patient);

    public bool IsOpenAt(Instant now) => Status == OfferStatus.Open && now < ExpiresAt;

    /// <summary>The recipient takes the time. Refused (and recorded as too late) when it is no longer open.</summary>
    public Refusal? Take(OfferRecipient recipient, Instant now)
    {
        if (!IsOpenAt(now))
        {
            recipient.Answer(OfferAnswer.TooLate, now);
            return new Refusal(RuleCode.LifecycleTransition, Status == OfferStatus.Taken || Status == OfferStatus.Withdrawn
                ? "Sorry, this time has just been taken."
                : "Sorry, this offer has expired.");
        }
        recipient.Answer(OfferAnswer.Accepted, now);
        Status = OfferStatus.Taken;
        TakenBy = recipient.PatientId;
        Close(now);
        return null;
    }

    public void Decline(OfferRecipient recipient, Instant now)
    {
        recipient.Answer(OfferAnswer.Declined, now);
        Version = Guid.NewGuid();
        if (Status == OfferStatus.Open && _recipients.All(r => r.Answered != OfferAnswer.None))
        {
            Status = OfferStatus.Expired;
            Close(now);
        }
    }

    public bool Expire(Instant now)
    {
        if (Status != OfferStatus.Open || now < ExpiresAt)
            return false;
        Status = OfferStatus.Expired;
        Close(now);
        return true;
    }

    public void Withdraw(Instant now)
    {
        if (Status != OfferStatus.Open)
            return;
        Status = OfferStatus.Withdrawn;
        Close(now);
    }

    private void Close(Instant now)
    {
        ClosedAt = now;
        Version = Guid.NewGuid();
    }
}

/// <summary>One patient an offer went to, with their rank and what made them a match.</summary>
public sealed class OfferRecipient
{
    private OfferRecipient()
    {
        Match = "";
    }

    internal OfferRecipient(Guid offerId, WaitlistEntry entry, int rank, string match)
    {
        Id = Guid.NewGuid();
        OfferId = offerId;
        EntryId = entry.Id;
        PatientId = entry.PatientId;
        SessionId = entry.SessionId;
        Rank = rank;
        Match = Text.Required(match, "match", Text.ReasonMaxLength);
    }

    public Guid Id { get; private set; }
    public Guid OfferId { get; private set; }
    public Guid EntryId { get; private set; }
    public PatientId PatientId { get; private set; }

    /// <summary>The session that would move to the offered time.</summary>
    public SessionId SessionId { get; private set; }

    public int Rank { get; private set; }

    /// <summary>Why this patient, in words: "14 days earlier; spacing holds".</summary>
    public string Match { get; private set; }

    public OfferAnswer Answered { get; private set; }
    public Instant? AnsweredAt { get; private set; }

    internal void Answer(OfferAnswer answer, Instant now)
    {
        Answered = answer;
        AnsweredAt = now;
    }
}
