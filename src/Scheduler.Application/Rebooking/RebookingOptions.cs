using NodaTime;
using Scheduler.Domain.Rebooking;

namespace Scheduler.Application.Rebooking;

/// <summary>Settings of rebooking and the waitlist; configuration section <c>Rebooking</c>.</summary>
public sealed class RebookingOptions
{
    /// <summary>How long a held new time waits for the patient's answer.</summary>
    public int HoldHours { get; set; } = 24;

    /// <summary>The least notice a new time (other than the same start on another chair) may give.</summary>
    public int NoticeHours { get; set; } = 2;

    /// <summary>How many days either side of the disrupted session a new time is looked for.</summary>
    public int SearchDays { get; set; } = 14;

    /// <summary>How long waitlisted patients have to accept a freed time.</summary>
    public int OfferMinutes { get; set; } = 120;

    /// <summary>How many waitlisted patients one freed time is offered to at once.</summary>
    public int OffersPerSlot { get; set; } = 3;

    public RebookingLimits Limits => new(Duration.FromHours(NoticeHours), SearchDays);

    /// <summary>
    /// Until when a patient may answer a hold or an offer of <paramref name="start"/> made at
    /// <paramref name="now"/>: <paramref name="wait"/>, but never closer to the start than half the notice.
    /// </summary>
    public Instant AnswerBy(Instant now, Instant start, Duration wait)
    {
        var latest = start - Duration.FromTicks(Limits.Notice.BclCompatibleTicks / 2);
        return now + wait < latest ? now + wait : latest;
    }
}
