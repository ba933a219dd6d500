using NodaTime;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// How many SMS one patient may get: at most <see cref="PerDay"/> per local day and
/// <see cref="PerWeek"/> in any seven consecutive local days, in the clinic's zone. Days are
/// counted as calendar days rather than 24-hour spans, so a clock change never splits or merges
/// one. Email is not capped.
/// </summary>
public sealed class ContactCaps
{
    public const int DaysInWeek = 7;

    public ContactCaps(int perDay, int perWeek)
    {
        if (perDay is < 1 or > 10)
            throw new InvalidValueException("smsCaps.perDay", $"The daily SMS cap must be 1 to 10, not {perDay}.");
        if (perWeek < perDay || perWeek > perDay * DaysInWeek)
            throw new InvalidValueException("smsCaps.perWeek",
                $"The weekly SMS cap must be between the daily cap ({perDay}) and seven times it ({perDay * DaysInWeek}), not {perWeek}.");
        PerDay = perDay;
        PerWeek = perWeek;
    }

    /// <summary>One healthcare SMS a day and three a week per patient.</summary>
    public static ContactCaps Default { get; } = new(1, 3);

    public int PerDay { get; }
    public int PerWeek { get; }

    /// <summary>
    /// Whether one more message on <paramref name="channel"/> at <paramref name="candidate"/> is
    /// allowed, given the SMS the patient was already sent or is scheduled to get
    /// (<paramref name="otherSms"/>, not including the candidate). Null when allowed. Scheduled
    /// messages after the candidate count too: every seven-day window that holds the candidate is checked.
    /// </summary>
    public Suppression? Check(ContactChannel channel, Instant candidate, IEnumerable<Instant> otherSms, DateTimeZone zone)
    {
        if (channel != ContactChannel.Sms)
            return null;
        var day = candidate.InZone(zone).Date;
        var days = otherSms
            .Select(i => i.InZone(zone).Date)
            .Where(d => Math.Abs(Period.Between(day, d, PeriodUnits.Days).Days) < DaysInWeek)
            .ToList();
        var sameDay = days.Count(d => d == day);
        if (sameDay >= PerDay)
            return new Suppression(SuppressionReason.DailyCap,
                $"The patient already has {sameDay} SMS on {Formats.Day(day)}; at most {PerDay} a day.");
        for (var offset = -(DaysInWeek - 1); offset <= 0; offset++)
        {
            var first = day.PlusDays(offset);
            var last = first.PlusDays(DaysInWeek - 1);
            var inWindow = days.Count(d => d >= first && d <= last);
            if (inWindow >= PerWeek)
                return new Suppression(SuppressionReason.WeeklyCap,
                    $"The patient already has {inWindow} SMS from {Formats.Day(first)} to {Formats.Day(last)}; at most {PerWeek} in seven days.");
        }
        return null;
    }
}
