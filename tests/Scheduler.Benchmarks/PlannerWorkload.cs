using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Protocols;

namespace Scheduler.Benchmarks;

/// <summary>
/// The issue-2 request: a depression-like series (45 min infusion + 60 min observation; induction of
/// 6 sessions 2–4 days apart, Mon–Sat; 4 boosters 28–42 days apart) for a new patient, earliest on
/// the Monday a week after <see cref="BookGenerator.Now"/>, in a clinic of N recliners booked to ~85%.
/// </summary>
public sealed class PlannerWorkload
{
    private PlannerWorkload(GeneratedBook book, Protocol protocol, PlanRequest request)
    {
        Book = book;
        Protocol = protocol;
        Request = request;
    }

    public GeneratedBook Book { get; }
    public Protocol Protocol { get; }
    public PlanRequest Request { get; }
    public static Instant Now => BookGenerator.Now;
    public IReadOnlyList<Chair> Chairs => Book.Chairs;
    public IReadOnlyList<BookedSession> Sessions => Book.Sessions;

    public static PlannerWorkload Create(int chairs, int seed = BookGenerator.DefaultSeed)
    {
        var book = BookGenerator.Generate(chairs, seed);
        var protocol = Protocol.Create(book.Clinic, "Depression induction + maintenance", BookGenerator.Recliner,
            InfusionDuration.FromMinutes(45), ObservationDuration.FromMinutes(60),
            new InductionPhase(6, 2, 4,
                [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday]),
            new MaintenancePhase(28, 42, 4));
        var earliest = BookGenerator.Now.InZone(book.Settings.Zone).Date.PlusWeeks(1).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        // A new patient with no sessions in the book (a fixed id, not drawn from the generator's pool).
        var patient = new PatientId(new Guid("0b0e5e55-0000-4000-8000-000000000002"));
        var request = new PlanRequest(patient, protocol, earliest, Availability.Any, boosters: 4);
        return new PlannerWorkload(book, protocol, request);
    }

    public BookIndex BuildIndex() => new(Book.Settings, Book.Sessions);

    public PlanResult Plan(BookIndex index) => SeriesPlanner.Plan(index, Book.Chairs, Request, Now);

    /// <summary>Plans once and throws unless a full series comes back: a benchmark that plans nothing measures nothing.</summary>
    public PlanResult PlanOrThrow(BookIndex index)
    {
        var result = Plan(index);
        if (!result.Found)
            throw new InvalidOperationException($"No series found for {Chairs.Count} chairs: {result.Failure?.Explanation}");
        var first = result.Proposals[0];
        if (first.Sessions.Count != Request.SessionCount)
            throw new InvalidOperationException($"The best proposal has {first.Sessions.Count} sessions, not {Request.SessionCount}.");
        return result;
    }
}
