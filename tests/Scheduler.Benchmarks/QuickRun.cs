using System.Diagnostics;
using System.Globalization;
using Scheduler.Domain.Planning;

namespace Scheduler.Benchmarks;

/// <summary>A Stopwatch loop for a fast sanity check: warm-up, then N timed plans per chair count.</summary>
public static class QuickRun
{
    private static readonly int[] Sizes = [10, 30, 100];

    public static int Planner(string[] args)
    {
        var iterations = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 200;
        const int warmup = 20;
        Console.WriteLine($"planner-quick: {iterations} iterations after a warm-up of {warmup} calls and at least 1 s, now = {BookGenerator.Now}, " +
                          $"book {BookGenerator.FirstDay:yyyy-MM-dd} + {BookGenerator.Weeks} weeks, seed {BookGenerator.DefaultSeed}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine();
        var rows = new List<string>();
        foreach (var chairs in Sizes)
        {
            var sw = Stopwatch.StartNew();
            var w = PlannerWorkload.Create(chairs);
            var generated = sw.Elapsed;
            var b = w.Book;
            var index = w.BuildIndex();
            var result = w.PlanOrThrow(index);
            Console.WriteLine($"{chairs} chairs: {b.Sessions.Count} sessions ({b.Sessions.Count / (double)chairs:0} per chair), " +
                              $"{b.Nurses} nurses, {b.Sessions.Select(s => s.Patient).Distinct().Count()} patients, " +
                              $"booked {b.BookedFraction:P2} ({b.OccupiedChairMinutes:N0} of {b.OpenChairMinutes:N0} open chair-minutes), " +
                              $"generated in {generated.TotalSeconds:0.0} s");
            Describe(result);

            var plan = Measure(() => w.Plan(index), warmup, iterations);
            var indexAndPlan = Measure(() => w.Plan(w.BuildIndex()), warmup, iterations);
            var indexOnly = Measure(() => w.BuildIndex(), warmup, iterations);
            rows.Add(Row(chairs, "Plan", plan));
            rows.Add(Row(chairs, "IndexAndPlan", indexAndPlan));
            rows.Add(Row(chairs, "(BuildIndex only)", indexOnly));
            Console.WriteLine();
        }
        Console.WriteLine($"{"chairs",6} {"benchmark",-18} {"median",9} {"p10",9} {"p90",9} {"min",9} {"max",9} {"mean",9}   (ms)");
        foreach (var r in rows)
            Console.WriteLine(r);
        return 0;
    }

    /// <summary>Where the time goes at one size: see the report in the lead's brief.</summary>
    public static int Profile(string[] args)
    {
        var chairs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var c) ? c : 30;
        var w = PlannerWorkload.Create(chairs);
        var index = w.BuildIndex();
        w.PlanOrThrow(index);
        if (args.Length > 1 && args[1] is "plan" or "index-and-plan")
        {
            // A steady loop for a sampling profiler (dotnet-trace): planner-profile 30 plan|index-and-plan [seconds].
            var seconds = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var s) ? s : 10;
            var fresh = args[1] == "index-and-plan";
            var start = Stopwatch.GetTimestamp();
            var calls = 0;
            while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(seconds))
            {
                GC.KeepAlive(w.Plan(fresh ? w.BuildIndex() : index));
                calls++;
            }
            Console.WriteLine($"{calls} calls of {args[1]} in {seconds} s at {chairs} chairs");
            return 0;
        }
        Console.WriteLine($"{chairs} chairs, {w.Sessions.Count} sessions, booked {w.Book.BookedFraction:P2}");
        Report("BuildIndex", Measure(() => w.BuildIndex(), 10, 100));
        Report("Plan (warm index)", Measure(() => w.Plan(index), 10, 100));
        Report("Plan (fresh index, index build excluded)", MeasureFresh(w, 10, 100));
        Report("IndexAndPlan", Measure(() => w.Plan(w.BuildIndex()), 10, 100));
        return 0;
    }

    private static double[] MeasureFresh(PlannerWorkload w, int warmup, int iterations)
    {
        WarmUp(() => w.Plan(w.BuildIndex()), warmup);
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var index = w.BuildIndex();
            var start = Stopwatch.GetTimestamp();
            w.Plan(index);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    private static void Describe(PlanResult result)
    {
        var best = result.Proposals[0];
        var s = best.Sessions;
        Console.WriteLine($"  plan found: {result.Proposals.Count} proposals; best cost {best.Score.Cost:0.0}: " +
                          string.Join(", ", s.Select(x => $"{x.LocalStart:MM-dd HH:mm}")) +
                          $"; {best.Score.ChairChanges} chair changes");
    }

    /// <summary>Warm-up: at least <paramref name="warmup"/> calls and one second, so tiered JIT has promoted the hot methods.</summary>
    private static void WarmUp(Action action, int warmup)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < warmup || Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(1); i++)
            action();
    }

    internal static double[] Measure(Func<object> action, int warmup, int iterations)
    {
        WarmUp(() => GC.KeepAlive(action()), warmup);
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(action());
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    private static string Row(int chairs, string name, double[] t) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{chairs,6} {name,-18} {Percentile(t, 0.5),9:0.000} {Percentile(t, 0.1),9:0.000} {Percentile(t, 0.9),9:0.000} {t[0],9:0.000} {t[^1],9:0.000} {t.Average(),9:0.000}");

    private static void Report(string name, double[] t) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-45} median {Percentile(t, 0.5):0.000} ms, p10 {Percentile(t, 0.1):0.000}, p90 {Percentile(t, 0.9):0.000}, min {t[0]:0.000}, max {t[^1]:0.000}"));
}
