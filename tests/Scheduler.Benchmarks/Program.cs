using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Scheduler.Benchmarks;

// Usage (from the repository root):
//   dotnet run -c Release --project tests/Scheduler.Benchmarks -- planner [BenchmarkDotNet options]
//   dotnet run -c Release --project tests/Scheduler.Benchmarks -- planner --out-of-process   (BenchmarkDotNet builds its own host)
//   dotnet run -c Release --project tests/Scheduler.Benchmarks -- planner-quick [iterations]
//   dotnet run -c Release --project tests/Scheduler.Benchmarks -- planner-profile [chairs]
//   dotnet run -c Release --project tests/Scheduler.Benchmarks -- reminders [count] [--batch-size B[,B...]] [--runs R] [--phases]
//   dotnet run -c Release --project tests/Scheduler.Benchmarks -- rebooking [--runs R] [--chairs N]
//   dotnet run -c Release --project tests/Scheduler.Benchmarks -- utilisation [--runs R] [--chairs 30] [--weeks-ahead 8]
//   dotnet run -c Release --project tests/Scheduler.Benchmarks -- replay [--weeks 12] [--rate R] [--seed S] [--chairs-scale X] [--mix a,b,c]
var command = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (command)
{
    case "planner":
        {
            var outOfProcess = rest.Contains("--out-of-process");
            rest = rest.Where(a => a != "--out-of-process").ToArray();
            if (!rest.Contains("--filter") && !rest.Contains("-f"))
                rest = [.. rest, "--filter", "*PlannerBenchmarks*"];
            // In-process by default: no second project to generate and build, same JIT and GC settings as this host.
            IConfig config = DefaultConfig.Instance.AddColumn(StatisticColumn.P90);
            if (!outOfProcess)
                config = config.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
            var summaries = BenchmarkSwitcher.FromTypes([typeof(PlannerBenchmarks)]).Run(rest, config);
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }
    case "planner-quick" or "--quick":
        return QuickRun.Planner(rest);
    case "planner-profile":
        return QuickRun.Profile(rest);
    case "reminders":
        return await ReminderDispatchRun.Run(rest);
    case "rebooking":
        return await RebookingRun.Run(rest);
    case "utilisation":
        return await CapacityRun.Run(rest);
    case "replay":
        return ReplayRun.Run(rest);
    default:
        Console.Error.WriteLine("Usage: Scheduler.Benchmarks planner [BenchmarkDotNet options] | planner-quick [iterations] | planner-profile [chairs] | reminders [count] [--batch-size B[,B...]] [--runs R] [--phases] | rebooking [--runs R] [--chairs N] | utilisation [--runs R] [--chairs 30] [--weeks-ahead 8] | replay [--weeks 12] [--rate R] [--seed S] [--chairs-scale X] [--mix a,b,c]");
        return 2;
}
