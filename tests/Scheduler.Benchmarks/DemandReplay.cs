using System.Diagnostics;
using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Capacity;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Common;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Series;

namespace Scheduler.Benchmarks;

/// <summary>How a strategy places a whole series on the book as it stands at <paramref name="now"/>.</summary>
public delegate SeriesAnswer SeriesStrategy(BookIndex book, IReadOnlyList<Chair> chairs, PlanRequest request, Instant now);

/// <summary>One request as a strategy answered it; <see cref="KeptPreferences"/> only for accepted series.</summary>
public sealed record ReplayedRequest(SeriesDemand Demand, PlanRequest Request, Instant PlannedAt, SeriesAnswer Answer, bool KeptPreferences);

/// <summary>A session of the final book with the request it was booked for, so it can be checked again.</summary>
public sealed record ReplayedSession(int Request, BookedSession Booked, Chair Chair, Protocol Protocol, Instant PlannedAt);

/// <summary>A strategy's whole run: each request's answer, the final book, its utilisation over the replayed weeks, and what the checks found.</summary>
public sealed record ReplayResult(
    string Strategy,
    IReadOnlyList<ReplayedRequest> Requests,
    IReadOnlyList<ReplayedSession> Sessions,
    UtilisationReport Report,
    IReadOnlyList<string> Problems,
    TimeSpan PlanningTime);

/// <summary>
/// Feeds a stream of requests, in arrival order, through one strategy on an in-memory book of the
/// clinic: "now" is 09:00 clinic time on each arrival day; an accepted series is booked whole (the
/// planner's proposal 1, or first fit's series) and the book's index rebuilt; a rejected one books
/// nothing. Then the final book is checked and its booked utilisation and nurse load computed by
/// <see cref="Utilisation.Compute"/> over the replayed weeks.
/// </summary>
public static class DemandReplay
{
    public static SeriesAnswer Planner(BookIndex book, IReadOnlyList<Chair> chairs, PlanRequest request, Instant now)
    {
        var result = SeriesPlanner.Plan(book, chairs, request, now);
        return result.Found ? new SeriesAnswer(result.Proposals[0].Sessions, 0) : SeriesAnswer.Rejected(result.Failure!.Ordinal);
    }

    public static ReplayResult Run(string strategyName, SeriesStrategy strategy, ReplayClinic clinic, IReadOnlyList<SeriesDemand> stream,
        DemandOptions options)
    {
        var settings = clinic.Settings;
        var chairsById = clinic.Chairs.ToDictionary(c => c.Id);
        var sessions = new List<ReplayedSession>();
        var book = new BookIndex(settings, []);
        var requests = new List<ReplayedRequest>();
        var planning = new Stopwatch();
        foreach (var demand in stream)
        {
            var now = DemandGenerator.PlannedAt(demand, settings.Zone);
            var request = new PlanRequest(demand.Patient, demand.Protocol, demand.EarliestDate, demand.Preferences);
            planning.Start();
            var answer = strategy(book, clinic.Chairs, request, now);
            planning.Stop();
            if (answer.Accepted)
            {
                foreach (var s in answer.Sessions)
                {
                    var id = new SessionId(DemandGenerator.NumberedGuid(sessions.Count + 1));
                    sessions.Add(new ReplayedSession(demand.Number, new BookedSession(id, demand.Patient, s.Chair, s.Footprint), chairsById[s.Chair], demand.Protocol, now));
                }
                book = new BookIndex(settings, sessions.Select(s => s.Booked));
            }
            requests.Add(new ReplayedRequest(demand, request, now, answer, answer.Accepted && Kept(answer, demand, settings.Zone)));
        }

        var report = Utilisation.Compute(settings, clinic.Chairs, options.FirstDay, options.LastDay,
            sessions.Select(s => new SessionRecord(s.Booked.Chair, SessionStatus.Booked, s.Booked.Footprint)),
            // "Now" at the start of the first day: no day of the report is past, so it gives booked figures only.
            options.FirstDay.AtStartOfDayInZone(settings.Zone).ToInstant(),
            new UtilisationOptions { NurseSlots = true });
        return new ReplayResult(strategyName, requests, sessions, report, Check(clinic, requests, sessions), planning.Elapsed);
    }

    /// <summary>
    /// The planner on <paramref name="other"/>'s book as it stood before each request <paramref name="other"/>
    /// accepted: how many of those series the planner finds too. The planner's search is complete (it
    /// memoises which days can start a complete rest of the series), so this should be all of them;
    /// where the planner rejected a request the other strategy accepted, the books differed.
    /// </summary>
    public static (int Tried, int Found) PlannerOnBookOf(ReplayClinic clinic, ReplayResult other)
    {
        var found = 0;
        var accepted = other.Requests.Where(r => r.Answer.Accepted).ToList();
        foreach (var r in accepted)
        {
            var before = new BookIndex(clinic.Settings, other.Sessions.Where(s => s.Request < r.Demand.Number).Select(s => s.Booked));
            if (SeriesPlanner.Plan(before, clinic.Chairs, r.Request, r.PlannedAt).Found)
                found++;
        }
        return (accepted.Count, found);
    }

    /// <summary>Every session suits the patient's days and times (the visit ends when observation ends, as the planner counts it).</summary>
    private static bool Kept(SeriesAnswer answer, SeriesDemand demand, DateTimeZone zone) =>
        answer.Sessions.All(s => demand.Preferences.Suits(s.LocalStart.DayOfWeek, s.LocalStart.TimeOfDay, s.Footprint.ObservationEnd.InZone(zone).TimeOfDay));

    /// <summary>
    /// Checks the final book from scratch, whatever the strategy: no two sessions overlap on a chair;
    /// <see cref="BookIndex.SessionsBreakingSettings"/> is empty (hours, closures, nurse limits);
    /// every session passes <see cref="BookingRules.Check"/> against the rest of its day as of when
    /// it was planned (days never interact); every accepted series is whole, keeps
    /// <see cref="SeriesSpacing.Check"/>, and starts in its request's search window.
    /// </summary>
    private static List<string> Check(ReplayClinic clinic, IReadOnlyList<ReplayedRequest> requests, IReadOnlyList<ReplayedSession> sessions)
    {
        var settings = clinic.Settings;
        var zone = settings.Zone;
        var problems = new List<string>();

        foreach (var chair in sessions.GroupBy(s => s.Booked.Chair))
        {
            var ordered = chair.Select(s => s.Booked.Footprint).OrderBy(f => f.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Start < ordered[i - 1].TurnoverEnd)
                    problems.Add($"{chair.First().Chair.Name}: sessions at {ordered[i - 1].Start} and {ordered[i].Start} overlap.");
            }
        }

        var all = new BookIndex(settings, sessions.Select(s => s.Booked));
        foreach (var broken in all.SessionsBreakingSettings())
            problems.Add($"Session at {broken.Footprint.Start} breaks the clinic's hours or nurse limits.");

        foreach (var day in sessions.GroupBy(s => s.Booked.Footprint.Start.InZone(zone).Date))
        {
            var list = day.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var s = list[i];
                var rest = new BookIndex(settings, list.Where((_, j) => j != i).Select(o => o.Booked));
                var refusal = BookingRules.Check(rest, s.Chair, s.Protocol, s.Booked.Patient, s.Booked.Footprint.Start, s.PlannedAt, out var footprint);
                if (refusal is not null)
                    problems.Add($"Session at {s.Booked.Footprint.Start} on {s.Chair.Name}: {refusal.Message}");
                else if (!footprint.Equals(s.Booked.Footprint))
                    problems.Add($"Session at {s.Booked.Footprint.Start} on {s.Chair.Name} holds a footprint its protocol does not give.");
            }
        }

        foreach (var r in requests.Where(r => r.Answer.Accepted))
        {
            var dates = r.Answer.Sessions.Select(s => s.LocalStart.Date).ToList();
            if (dates.Count != r.Request.SessionCount)
                problems.Add($"Request {r.Demand.Number}: {dates.Count} sessions booked of {r.Request.SessionCount}.");
            if (SeriesSpacing.Check(r.Demand.Protocol, dates) is { } spacing)
                problems.Add($"Request {r.Demand.Number}: {spacing.Message}");
            var today = r.PlannedAt.InZone(zone).Date;
            var from = r.Demand.EarliestDate > today ? r.Demand.EarliestDate : today;
            if (dates[0] < from || dates[0] > from.PlusDays(r.Request.FirstSessionSearchDays - 1))
                problems.Add($"Request {r.Demand.Number}: session 1 on {dates[0]} is outside its search window from {from}.");
        }
        return problems;
    }
}
