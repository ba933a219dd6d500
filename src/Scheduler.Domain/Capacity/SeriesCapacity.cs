using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Protocols;

namespace Scheduler.Domain.Capacity;

/// <summary>Why a week's count stopped where it did.</summary>
public enum CapacityStop
{
    /// <summary>The planner found no place for one more series; the reason is its explanation.</summary>
    NoRoom,

    /// <summary>The week is over at the clinic, so no series can start in it.</summary>
    WeekOver,

    /// <summary>The cap on series counted per week was reached; more may fit.</summary>
    Limit,
}

/// <summary>One more series the book can take: its sessions as the planner placed them (the first in <see cref="Week"/>).</summary>
public sealed record PlacedSeries(LocalDate Week, IReadOnlyList<PlannedSession> Sessions);

/// <summary>
/// The answer for one Monday-start local week: how many more series can start in it, the series
/// placed, and why the next one could not be (<see cref="Rule"/> is the planner's rule for
/// <see cref="CapacityStop.NoRoom"/>, null otherwise).
/// </summary>
public sealed record WeekCapacity(LocalDate Monday, int MoreSeries, IReadOnlyList<PlacedSeries> Series, CapacityStop Stop, RuleCode? Rule, string Reason)
{
    public LocalDate Sunday => Monday.PlusDays(6);
}

/// <summary>
/// The weeks in order. <see cref="Book"/> is the copy of the book with every placed series added;
/// <see cref="Boosters"/> is the number each series was planned with.
/// </summary>
public sealed record CapacityAnswer(IReadOnlyList<WeekCapacity> Weeks, int Boosters, BookIndex Book)
{
    public int Total => Weeks.Sum(w => w.MoreSeries);
}

/// <summary>
/// "How many more series of protocol X can start in week W without moving anyone?" Answered by
/// booking them on a copy of the book with the planner, exactly as front desk would book one
/// series after another (the best proposal for a new patient whose first session is searched for
/// within the week): what the copy takes is what the live book would take. Weeks are counted in
/// order and cumulatively, so series counted for one week hold their later sessions when the next
/// week is counted. Pure: the book passed in is never changed.
/// </summary>
public static class SeriesCapacity
{
    /// <summary>A cap on the series counted in one week, so that a question always ends quickly.</summary>
    public const int DefaultMaxPerWeek = 1000;

    public const int MaxWeeks = 52;

    /// <summary>The Monday of the local week holding <paramref name="date"/>.</summary>
    public static LocalDate WeekOf(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));

    /// <summary>
    /// Counts, for each of <paramref name="weeks"/> weeks from the one holding
    /// <paramref name="firstWeek"/>, how many more series of <paramref name="protocol"/> can start
    /// in it. <paramref name="boosters"/> and <paramref name="preferences"/> are those of each
    /// series (defaults: as <see cref="PlanRequest"/> defaults boosters; any day and time).
    /// </summary>
    public static CapacityAnswer Answer(BookIndex book, IReadOnlyList<Chair> chairs, Protocol protocol, LocalDate firstWeek, int weeks,
        Instant now, int? boosters = null, Availability? preferences = null, int maxPerWeek = DefaultMaxPerWeek)
    {
        if (weeks is < 1 or > MaxWeeks)
            throw new InvalidValueException("weeks", $"Between 1 and {MaxWeeks} weeks can be asked about, not {weeks}.");
        if (maxPerWeek < 1)
            throw new InvalidValueException("maxPerWeek", "The cap on series per week must be at least 1.");
        preferences ??= Availability.Any;
        var first = WeekOf(firstWeek);
        var today = now.InZone(book.Settings.Zone).Date;
        // Checks the boosters asked for (and settles the default) even when every week is over.
        var seriesBoosters = Request(protocol, first, 7, preferences, boosters).Boosters;

        var answers = new List<WeekCapacity>(weeks);
        for (var w = 0; w < weeks; w++)
        {
            var monday = first.PlusWeeks(w);
            var sunday = monday.PlusDays(6);
            if (sunday < today)
            {
                answers.Add(new WeekCapacity(monday, 0, [], CapacityStop.WeekOver, null,
                    $"The week of {Formats.Day(monday)} is over (today is {Formats.Day(today)} at the clinic): no series can start in it."));
                continue;
            }
            // The first session is searched for from the week's first day that is not past to its Sunday, so it starts inside the week.
            var earliest = monday < today ? today : monday;
            var searchDays = Period.DaysBetween(earliest, sunday) + 1;
            var placed = new List<PlacedSeries>();
            WeekCapacity answer;
            while (true)
            {
                if (placed.Count == maxPerWeek)
                {
                    answer = new WeekCapacity(monday, placed.Count, placed, CapacityStop.Limit, null,
                        $"The limit of {maxPerWeek} series per week was reached; more may fit.");
                    break;
                }
                var request = Request(protocol, earliest, searchDays, preferences, boosters);
                var plan = SeriesPlanner.Plan(book, chairs, request, now);
                if (!plan.Found)
                {
                    answer = new WeekCapacity(monday, placed.Count, placed, CapacityStop.NoRoom, plan.Failure!.Rule, plan.Failure.Explanation);
                    break;
                }
                var sessions = plan.Proposals[0].Sessions;
                book = book.With(sessions.Select(s => new BookedSession(SessionId.New(), request.Patient, s.Chair, s.Footprint)).ToArray());
                placed.Add(new PlacedSeries(monday, sessions));
            }
            answers.Add(answer);
        }
        return new CapacityAnswer(answers, seriesBoosters, book);
    }

    /// <summary>
    /// The request the booking path makes for a new patient's best series (one proposal, the first
    /// session within <paramref name="searchDays"/> of <paramref name="earliest"/>).
    /// </summary>
    private static PlanRequest Request(Protocol protocol, LocalDate earliest, int searchDays, Availability preferences, int? boosters) =>
        new(PatientId.New(), protocol, earliest, preferences, boosters, maxProposals: 1, firstSessionSearchDays: searchDays);
}
