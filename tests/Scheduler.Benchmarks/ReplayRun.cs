using System.Globalization;
using NodaTime;
using Scheduler.Domain.Capacity;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Common;
using Scheduler.Domain.Planning;

namespace Scheduler.Benchmarks;

/// <summary>
/// <c>replay [--weeks 12] [--rate R] [--seed S] [--chairs-scale X] [--mix a,b,c]</c>: one seeded stream of
/// series requests through the planner and through first fit, side by side. Exit code 1 when a
/// final book fails its checks, 2 for bad arguments.
/// </summary>
public static class ReplayRun
{
    /// <summary>Monday 4 Jan 2027: twelve weeks from it cross a closure (18 Jan) and the March clock change (14 Mar).</summary>
    public static readonly LocalDate FirstDay = new(2027, 1, 4);

    public const int DefaultWeeks = 12;
    public const double DefaultRate = 30;
    public const int DefaultSeed = 20270104;
    public static readonly IReadOnlyList<double> DefaultMix = [70, 20, 10];

    private const int Column = 22;

    public static int Run(string[] args)
    {
        DemandOptions options;
        ReplayClinic clinic;
        IReadOnlyList<SeriesDemand> stream;
        try
        {
            options = new DemandOptions(FirstDay,
                Option(args, "--weeks", s => int.Parse(s, CultureInfo.InvariantCulture), DefaultWeeks),
                Option(args, "--rate", s => double.Parse(s, CultureInfo.InvariantCulture), DefaultRate),
                Option(args, "--seed", s => int.Parse(s, CultureInfo.InvariantCulture), DefaultSeed),
                Option(args, "--mix", s => s.Split(',').Select(w => double.Parse(w, CultureInfo.InvariantCulture)).ToArray(), DefaultMix));
            var chairsScale = Option(args, "--chairs-scale", s => double.Parse(s, CultureInfo.InvariantCulture), 1.0);
            clinic = ReplayClinic.Load(ReplayClinic.SampleFile(), chairsScale);
            stream = DemandGenerator.Generate(clinic, options);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            Console.Error.WriteLine($"replay: {e.Message}");
            return 2;
        }

        PrintSetting(clinic, options, stream);

        var planner = DemandReplay.Run("planner", DemandReplay.Planner, clinic, stream, options);
        var firstFit = DemandReplay.Run("first fit", FirstFitPlanner.Plan, clinic, stream, options);
        PrintComparison(clinic, options, [planner, firstFit]);
        var (tried, found) = DemandReplay.PlannerOnBookOf(clinic, firstFit);
        var onlyFirstFit = stream.Count(d => firstFit.Requests[d.Number - 1].Answer.Accepted && !planner.Requests[d.Number - 1].Answer.Accepted);
        Console.WriteLine($"The planner on first fit's book, before each request first fit accepted, finds a series for {found} of {tried}; " +
                          $"it rejected {onlyFirstFit} of them on its own book, which differed by then.");
        Console.WriteLine();
        var ok = true;
        foreach (var r in new[] { planner, firstFit })
        {
            if (r.Problems.Count == 0)
                continue;
            ok = false;
            Console.WriteLine($"{r.Strategy}: {r.Problems.Count} problems in the final book; the first ones:");
            foreach (var p in r.Problems.Take(10))
                Console.WriteLine($"  {p}");
        }
        return ok ? 0 : 1;
    }

    private static T Option<T>(string[] args, string name, Func<string, T> parse, T fallback)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0)
            return fallback;
        if (i + 1 >= args.Length)
            throw new FormatException($"{name} needs a value.");
        return parse(args[i + 1]);
    }

    private static void PrintSetting(ReplayClinic clinic, DemandOptions options, IReadOnlyList<SeriesDemand> stream)
    {
        var s = clinic.Settings;
        var kinds = string.Join(", ", clinic.Chairs.GroupBy(c => c.Kind).Select(g => $"{g.Count()} {g.Key}{(g.Count() == 1 ? "" : "s")}"));
        Console.WriteLine($"Demand replay: {clinic.Clinic.Name} ({s.Zone.Id}), {kinds} (chairs x{clinic.ChairsScale.ToString(CultureInfo.InvariantCulture)}), " +
                          $"{s.PatientsPerNurse} patients per nurse");
        Console.WriteLine($"{options.Weeks} weeks from {Formats.Day(options.FirstDay)} to {Formats.Day(options.LastDay)}, " +
                          $"{options.RatePerWeek.ToString(CultureInfo.InvariantCulture)} requests a week (Poisson), seed {options.Seed}, " +
                          $"mix {string.Join("/", options.Mix.Select(m => m.ToString(CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"Stream: {stream.Count} requests ({stream.Count / (double)options.Weeks:0.0} a week): " +
                          string.Join(", ", clinic.Protocols.Select(p => $"{stream.Count(d => d.Protocol == p)} {ReplayClinic.ShortName(p)}")) + "; preferences " +
                          string.Join(", ", Enum.GetValues<PreferenceKind>().Select(k => $"{stream.Count(d => d.Kind == k)} {k.ToString().ToLowerInvariant()}")) +
                          $"; earliest date = arrival day for {stream.Count(d => d.EarliestDate == d.Arrival)}");
        Console.WriteLine("Each protocol's series: " + string.Join("; ", clinic.Protocols.Select(p =>
            $"{ReplayClinic.ShortName(p)} {p.Induction.Count} + {(p.Maintenance is null ? 0 : p.Maintenance.Count ?? PlanRequest.DefaultOpenEndedBoosters)} sessions on a {p.ChairKind}")));
        Console.WriteLine();
    }

    private static void PrintComparison(ReplayClinic clinic, DemandOptions options, IReadOnlyList<ReplayResult> results)
    {
        var rows = new List<(string Label, string[] Values)>();
        void Row(string label, Func<ReplayResult, string> value) => rows.Add((label, results.Select(value).ToArray()));
        void Gap() => rows.Add(("", results.Select(_ => "").ToArray()));

        Row("requests", r => $"{r.Requests.Count}");
        Row("accepted series", r => Share(r.Requests.Count(q => q.Answer.Accepted), r.Requests.Count));
        foreach (var p in clinic.Protocols)
            Row($"  {ReplayClinic.ShortName(p)}", r => Share(r.Requests.Count(q => q.Demand.Protocol == p && q.Answer.Accepted), r.Requests.Count(q => q.Demand.Protocol == p)));
        Row("rejected series", r => $"{r.Requests.Count(q => !q.Answer.Accepted)}");
        foreach (var p in clinic.Protocols)
            Row($"  {ReplayClinic.ShortName(p)}", r => $"{r.Requests.Count(q => q.Demand.Protocol == p && !q.Answer.Accepted)}");
        Row("  no place for session 1", r => $"{r.Requests.Count(q => !q.Answer.Accepted && q.Answer.FailedAt == 1)}");
        Row("  no place for a later one", r => $"{r.Requests.Count(q => !q.Answer.Accepted && q.Answer.FailedAt > 1)}");
        Gap();
        Row("sessions booked", r => $"{r.Sessions.Count}");
        foreach (var p in clinic.Protocols)
            Row($"  {ReplayClinic.ShortName(p)}", r => $"{r.Sessions.Count(s => s.Protocol == p)}");
        Row($"  in the {options.Weeks} weeks", r => $"{r.Report.Clinic.Booked.Sessions}");
        Row("booked chair utilisation", r => Percent(r.Report.Clinic.Booked.UtilisationPercent));
        foreach (var kind in clinic.Chairs.Select(c => c.Kind).Distinct())
            Row($"  {kind}s", r => KindUtilisation(clinic, r.Report, kind));
        Row($"  last {Math.Min(4, options.Weeks)} weeks", r => LastWeeks(r.Report, 4));
        foreach (var kind in clinic.Chairs.Select(c => c.Kind).Distinct())
            Row($"{kind}-days used (2+ sessions)", r => ChairDays(clinic, r, kind));
        Gap();
        Row("most set-ups at once (limit)", r => Peak(r.Report.Days.Select(d => (d.Nurses.MostSetups, d.Nurses.StartLimitThen))));
        Row("  slots at the set-up limit", r => Share(r.Report.Days.Sum(d => d.Nurses.SlotsAtStartLimit), r.Report.NurseSlots.Count));
        Row("most patients in care (limit)", r => Peak(r.Report.Days.Select(d => (d.Nurses.MostInCare, d.Nurses.CareLimitThen))));
        Row("  slots at the care limit", r => Share(r.Report.Days.Sum(d => d.Nurses.SlotsAtCareLimit), r.Report.NurseSlots.Count));
        Gap();
        Row("accepted with a preference", r => $"{r.Requests.Count(q => q.Answer.Accepted && q.Demand.Kind != PreferenceKind.None)}");
        Row("  kept it in every session", r => Share(r.Requests.Count(q => q.KeptPreferences && q.Demand.Kind != PreferenceKind.None),
            r.Requests.Count(q => q.Answer.Accepted && q.Demand.Kind != PreferenceKind.None)));
        Row("days earliest date -> session 1", r => MeanDays(r, q => q.Answer.Sessions[0].LocalStart.Date));
        Row("days earliest date -> induction end", r => MeanDays(r, q => q.Answer.Sessions[q.Demand.Protocol.Induction.Count - 1].LocalStart.Date));
        Gap();
        Row("final book checks", r => r.Problems.Count == 0 ? "pass" : $"{r.Problems.Count} FAIL");
        Row("planning time", r => $"{r.PlanningTime.TotalSeconds:0.00} s");

        var width = rows.Max(r => r.Label.Length) + 2;
        Console.WriteLine($"{"".PadRight(width)}{string.Join("", results.Select(r => r.Strategy.PadLeft(Column)))}");
        foreach (var (label, values) in rows)
            Console.WriteLine($"{label.PadRight(width)}{string.Join("", values.Select(v => v.PadLeft(Column)))}");

        Console.WriteLine();
        Console.WriteLine($"{"week of",-12}" + string.Join("", results.Select(r => $"{r.Strategy + " %",14}{"sessions",10}")));
        for (var w = 0; w < results[0].Report.Weeks.Count; w++)
        {
            Console.WriteLine($"{results[0].Report.Weeks[w].Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),-12}" +
                string.Join("", results.Select(r => $"{Percent(r.Report.Weeks[w].Figures.Booked.UtilisationPercent),14}{r.Report.Weeks[w].Figures.Booked.Sessions,10}")));
        }
        Console.WriteLine();
    }

    private static string Share(int part, int whole) =>
        whole == 0 ? $"{part}" : $"{part} ({100.0 * part / whole:0.0}%)";

    private static string Percent(double? value) => value is { } v ? $"{v:0.0}%" : "-";

    private static string Peak(IEnumerable<(int Value, int Limit)> days)
    {
        var list = days.ToList();
        var max = list.Max(d => d.Value);
        var limits = list.Where(d => d.Value == max).Select(d => d.Limit).Distinct().Order();
        return $"{max} ({string.Join("/", limits)})";
    }

    private static string KindUtilisation(ReplayClinic clinic, UtilisationReport report, ChairKind kind)
    {
        var ids = clinic.Chairs.Where(c => c.Kind == kind).Select(c => c.Id).ToHashSet();
        var chairs = report.Chairs.Where(c => ids.Contains(c.Chair)).ToList();
        var open = chairs.Sum(c => c.Figures.Booked.OpenMinutes);
        return open == 0 ? "-" : $"{100 * chairs.Sum(c => c.Figures.Booked.OccupiedMinutes) / open:0.0}%";
    }

    /// <summary>Days a chair of the kind held a session, and of them the days it held two or more (all booked sessions, not only the report's weeks).</summary>
    private static string ChairDays(ReplayClinic clinic, ReplayResult r, ChairKind kind)
    {
        var days = r.Sessions.Where(s => s.Chair.Kind == kind)
            .GroupBy(s => (s.Chair.Id, s.Booked.Footprint.Start.InZone(clinic.Settings.Zone).Date))
            .ToList();
        return $"{days.Count} ({days.Count(d => d.Count() >= 2)})";
    }

    private static string LastWeeks(UtilisationReport report, int weeks)
    {
        var last = report.Weeks.TakeLast(weeks).ToList();
        var open = last.Sum(w => w.Figures.Booked.OpenMinutes);
        return open == 0 ? "-" : $"{100 * last.Sum(w => w.Figures.Booked.OccupiedMinutes) / open:0.0}%";
    }

    private static string MeanDays(ReplayResult r, Func<ReplayedRequest, LocalDate> date)
    {
        var accepted = r.Requests.Where(q => q.Answer.Accepted).ToList();
        return accepted.Count == 0 ? "-" : $"{accepted.Average(q => Period.DaysBetween(q.Demand.EarliestDate, date(q))):0.0}";
    }
}
