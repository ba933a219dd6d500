using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// When each reminder of a session goes out: a pure function of (session start, clinic zone,
/// policy, now). The rules, in order:
/// <list type="number">
/// <item>Nothing is sent for a session that has started (<see cref="SuppressionReason.InThePast"/>).</item>
/// <item>A reminder goes out at its nominal time (<see cref="ReminderOffset.DueFor"/>), or at
/// <c>now</c> when that has passed: a session booked late still gets its reminder at once.</item>
/// <item>That moment is moved out of quiet hours to when they end. It must stay strictly before the
/// start, else <see cref="SuppressionReason.QuietHours"/>.</item>
/// <item>A reminder that would go out at or after a later reminder of the same session is
/// <see cref="SuppressionReason.Superseded"/>: the later one says it all, and the daily SMS cap
/// would refuse one of the two anyway. So a session booked two hours ahead gets only the
/// same-day reminder, and one booked twenty hours ahead gets the preparation one now, not a
/// request to confirm as well.</item>
/// </list>
/// Run again with a later <c>now</c> (after a restart), it gives the same times for reminders not
/// yet due and <c>now</c> for the latest overdue one; whether it was already sent is the caller's record.
/// </summary>
public static class ReminderPlanner
{
    public static IReadOnlyList<PlannedReminder> Plan(Instant sessionStart, DateTimeZone zone, ReminderPolicy policy, Instant now)
    {
        // Nominal order, not kind order: a clinic may configure a "same-day" reminder further ahead.
        var rules = policy.Reminders
            .Select(r => (r.Kind, Nominal: r.Offset.DueFor(sessionStart, zone)))
            .OrderBy(r => r.Nominal)
            .ToList();
        if (sessionStart <= now)
            return rules.Select(r => PlannedReminder.Suppressed(r.Kind, r.Nominal, SuppressionReason.InThePast,
                $"The session started at {Formats.DayTime(sessionStart, zone)}.")).ToList();

        var sendAt = rules.Select(r => policy.QuietHours.NextSendable(Max(r.Nominal, now), zone)).ToList();
        var planned = new List<PlannedReminder>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            var (kind, nominal) = rules[i];
            if (sendAt[i] >= sessionStart)
            {
                planned.Add(PlannedReminder.Suppressed(kind, nominal, SuppressionReason.QuietHours,
                    $"The {kind} reminder would fall in quiet hours ({policy.QuietHours}), and the next moment " +
                    $"they allow ({Formats.DayTime(sendAt[i], zone)}) is not before the session."));
                continue;
            }
            var later = Enumerable.Range(i + 1, rules.Count - i - 1).FirstOrDefault(j => sendAt[j] < sessionStart && sendAt[j] <= sendAt[i], -1);
            if (later >= 0)
            {
                planned.Add(PlannedReminder.Suppressed(kind, nominal, SuppressionReason.Superseded,
                    $"The {kind} reminder could only go out at {Formats.DayTime(sendAt[i], zone)}, by when the " +
                    $"{rules[later].Kind} reminder is due; that one is sent instead."));
                continue;
            }
            planned.Add(PlannedReminder.Scheduled(kind, nominal, sendAt[i]));
        }
        return planned;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;
}
