using BenchmarkDotNet.Attributes;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Planning;

namespace Scheduler.Benchmarks;

/// <summary>
/// Issue 2: plan a 6-session induction plus 4 boosters in a clinic whose next 26 weeks are ~85% booked.
/// <see cref="Plan"/> asks a book index built once in setup (its per-day and per-patient caches warm after
/// the first call); <see cref="IndexAndPlan"/> builds the index from the session list and plans, which is
/// what one request costs.
/// </summary>
[MemoryDiagnoser]
[MinColumn, Q1Column, MedianColumn, Q3Column, MaxColumn]
public class PlannerBenchmarks
{
    private PlannerWorkload _workload = null!;
    private BookIndex _index = null!;

    [Params(10, 30, 100)]
    public int Chairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = PlannerWorkload.Create(Chairs);
        _index = _workload.BuildIndex();
        // Throws unless a complete series is found, on both paths.
        _workload.PlanOrThrow(_index);
        _workload.PlanOrThrow(_workload.BuildIndex());
        var b = _workload.Book;
        Console.WriteLine($"// {Chairs} chairs: {b.Sessions.Count} sessions, booked {b.BookedFraction:P1} " +
                          $"({b.OccupiedChairMinutes} of {b.OpenChairMinutes} open chair-minutes), {b.Nurses} nurses");
    }

    [Benchmark]
    public PlanResult Plan() => _workload.Plan(_index);

    [Benchmark]
    public PlanResult IndexAndPlan() => _workload.Plan(_workload.BuildIndex());
}
