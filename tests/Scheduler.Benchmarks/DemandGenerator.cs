using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Protocols;

namespace Scheduler.Benchmarks;

/// <summary>What a patient said about days and times, before it became an <see cref="Availability"/>.</summary>
public enum PreferenceKind
{
    /// <summary>Any day, any time.</summary>
    None,

    /// <summary>Three weekdays of Monday to Saturday, any time.</summary>
    Weekdays,

    /// <summary>Any day, the visit over by 13:00.</summary>
    Mornings,

    /// <summary>Any day, starting at 12:00 or later.</summary>
    Afternoons,
}

/// <summary>
/// One request for a whole series: it arrives on <see cref="Arrival"/> (front desk plans it at
/// 09:00 that day, clinic time) for a new patient who may start on <see cref="EarliestDate"/>.
/// </summary>
public sealed record SeriesDemand(int Number, LocalDate Arrival, Protocol Protocol, PatientId Patient, PreferenceKind Kind,
    Availability Preferences, LocalDate EarliestDate);

/// <summary>The knobs of the stream; <see cref="Mix"/> weighs the clinic's protocols in file order.</summary>
public sealed record DemandOptions(LocalDate FirstDay, int Weeks, double RatePerWeek, int Seed, IReadOnlyList<double> Mix)
{
    public LocalDate LastDay => FirstDay.PlusDays(7 * Weeks - 1);
}

/// <summary>
/// A seeded stream of series requests: arrivals are a Poisson process over the weeks (exponential
/// gaps, mean 7 / rate days, any day of the week: requests come in by phone and web on Sundays too),
/// each a protocol drawn by the mix, a patient preference drawn from <see cref="PreferenceWeights"/>,
/// and an earliest date that is the arrival day (40%) or 1–7 days later. Same options, same stream:
/// <see cref="Random"/> with a seed is deterministic, and nothing else varies (ids are numbered).
/// <para>
/// A preference the protocol cannot keep even in an empty clinic (a 7-hour visit that is morning
/// only, or three chosen weekdays for five consecutive days) is drawn again, up to
/// <see cref="Redraws"/> times, then "none": otherwise the "kept the patient's preferences" figure
/// would count wishes no book could grant. "Can keep" is asked of the planner itself, on an empty
/// book with the same earliest date: its best proposal has no session outside the preference.
/// </para>
/// </summary>
public static class DemandGenerator
{
    public static readonly IReadOnlyList<(PreferenceKind Kind, double Weight)> PreferenceWeights =
    [
        (PreferenceKind.None, 0.40),
        (PreferenceKind.Weekdays, 0.25),
        (PreferenceKind.Mornings, 0.20),
        (PreferenceKind.Afternoons, 0.15),
    ];

    public static readonly LocalTime MorningsEndBy = new(13, 0);
    public static readonly LocalTime AfternoonsFrom = new(12, 0);
    private const int Redraws = 10;

    /// <summary>Front desk plans each request at 09:00 clinic time on its arrival day (never in a clock change: those are at 02:00).</summary>
    private static readonly LocalTime PlanningTime = new(9, 0);

    private static readonly IsoDayOfWeek[] MondayToSaturday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday];

    public static IReadOnlyList<SeriesDemand> Generate(ReplayClinic clinic, DemandOptions options)
    {
        if (options.Mix.Count != clinic.Protocols.Count || options.Mix.Any(w => w < 0) || options.Mix.Sum() <= 0)
            throw new ArgumentException($"The mix needs {clinic.Protocols.Count} weights (one per protocol, in file order), none negative.", nameof(options));
        if (options.RatePerWeek <= 0 || options.Weeks < 1)
            throw new ArgumentException("The rate and the weeks must be positive.", nameof(options));

        var rng = new Random(options.Seed);
        var empty = new BookIndex(clinic.Settings, []);
        var weights = options.Mix.Select(w => w / options.Mix.Sum()).ToArray();
        var meanGapDays = 7.0 / options.RatePerWeek;
        var stream = new List<SeriesDemand>();
        var t = 0.0;
        while (true)
        {
            t += -Math.Log(1 - rng.NextDouble()) * meanGapDays;
            if (t >= 7 * options.Weeks)
                break;
            var arrival = options.FirstDay.PlusDays((int)Math.Floor(t));
            var protocol = clinic.Protocols[Pick(rng, weights)];
            var earliest = rng.NextDouble() < 0.4 ? arrival : arrival.PlusDays(rng.Next(1, 8));
            var patient = new PatientId(NumberedGuid(stream.Count + 1));
            var now = (arrival + PlanningTime).InZoneLeniently(clinic.Settings.Zone).ToInstant();
            var (kind, preferences) = DrawPreference(rng, clinic, empty, protocol, patient, earliest, now);
            stream.Add(new SeriesDemand(stream.Count + 1, arrival, protocol, patient, kind, preferences, earliest));
        }
        return stream;
    }

    /// <summary>When front desk plans the request: 09:00 on its arrival day, clinic time.</summary>
    public static Instant PlannedAt(SeriesDemand demand, DateTimeZone zone) =>
        (demand.Arrival + PlanningTime).InZoneLeniently(zone).ToInstant();

    /// <summary>A readable, unique, deterministic id: 00000001-0000-0000-0000-000000000000 and so on.</summary>
    public static Guid NumberedGuid(int number) => new(number, 0, 0, new byte[8]);

    private static (PreferenceKind, Availability) DrawPreference(Random rng, ReplayClinic clinic, BookIndex empty, Protocol protocol,
        PatientId patient, LocalDate earliest, Instant now)
    {
        var weights = PreferenceWeights.Select(p => p.Weight).ToArray();
        for (var attempt = 0; attempt < Redraws; attempt++)
        {
            var kind = PreferenceWeights[Pick(rng, weights)].Kind;
            var preferences = kind switch
            {
                PreferenceKind.Weekdays => new Availability(MondayToSaturday.OrderBy(_ => rng.Next()).Take(3), null, null),
                PreferenceKind.Mornings => new Availability(null, null, MorningsEndBy),
                PreferenceKind.Afternoons => new Availability(null, AfternoonsFrom, null),
                _ => Availability.Any,
            };
            if (kind == PreferenceKind.None)
                return (kind, preferences);
            var best = SeriesPlanner.Plan(empty, clinic.Chairs, new PlanRequest(patient, protocol, earliest, preferences), now);
            if (best.Found && best.Proposals[0].Score.OutsidePreferences == 0)
                return (kind, preferences);
        }
        return (PreferenceKind.None, Availability.Any);
    }

    private static int Pick(Random rng, double[] weights)
    {
        var u = rng.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
                return i;
        }
        return weights.Length - 1;
    }
}
