using NodaTime;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Protocols;

namespace Scheduler.Benchmarks;

/// <summary>A generated clinic and its occupied book, with the utilisation it reached.</summary>
public sealed record GeneratedBook(
    Clinic Clinic,
    IReadOnlyList<Chair> Chairs,
    IReadOnlyList<BookedSession> Sessions,
    LocalDate From,
    LocalDate To,
    int Nurses,
    int Patients,
    long OpenChairMinutes,
    long OccupiedChairMinutes)
{
    public ClinicSettings Settings => Clinic.Settings;

    /// <summary>Occupied chair-minutes (infusion + observation + turnover) / open chair-minutes.</summary>
    public double BookedFraction => (double)OccupiedChairMinutes / OpenChairMinutes;
}

/// <summary>
/// A deterministic (seeded) busy clinic: N recliners in America/New_York, open Mon–Fri 08:00–18:00
/// and Sat 09:00–14:00 on a 15-minute grid, booked to about 85% of its open chair-minutes for the
/// 26 weeks from the Monday after <see cref="Now"/>. Every session is checked with
/// <see cref="BookingRules.Check"/> against the sessions already placed on its day (sessions of
/// different days never interact: no overnight visit, one session per patient per day), so the
/// book obeys every chair rule: no overlap per chair, inside opening hours, nurse set-up and
/// monitoring limits.
/// </summary>
public static class BookGenerator
{
    /// <summary>Fixed "now": Monday 2026-11-23 07:00 in New York. Never the real clock.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);

    public const string ZoneId = "America/New_York";
    public const int Weeks = 26;
    public const double TargetFraction = 0.85;
    public const int DefaultSeed = 20261123;
    public const int PatientsPerNurse = 6;
    public static readonly ChairKind Recliner = new("recliner");

    private const int Grid = 15;

    /// <summary>Nurses on every shift: ceil(chairs / 4), so with k = 6 monitoring never binds and set-ups (nurses per slot) rarely do.</summary>
    public static int NursesFor(int chairs) => (chairs + 3) / 4;

    /// <summary>The Monday after <see cref="Now"/> (local): the first booked day.</summary>
    public static LocalDate FirstDay
    {
        get
        {
            var today = Now.InZone(Zone).Date;
            return today.Next(IsoDayOfWeek.Monday);
        }
    }

    public static DateTimeZone Zone => DateTimeZoneProviders.Tzdb[ZoneId];

    public static ClinicSettings Settings(int chairs)
    {
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var weekdayHours = new LocalTimeRange(new LocalTime(8, 0), new LocalTime(18, 0));
        var saturdayHours = new LocalTimeRange(new LocalTime(9, 0), new LocalTime(14, 0));
        var hours = new Dictionary<IsoDayOfWeek, IReadOnlyList<LocalTimeRange>>();
        foreach (var d in weekdays)
            hours[d] = [weekdayHours];
        hours[IsoDayOfWeek.Saturday] = [saturdayHours];
        var nurses = NursesFor(chairs);
        return new ClinicSettings(
            Zone,
            new WeeklyHours(hours),
            [],
            ClinicSettings.DefaultSlotGrid,
            ClinicSettings.DefaultTurnover,
            ClinicSettings.DefaultNurseSetup,
            [new NurseShift(weekdays, weekdayHours, nurses), new NurseShift([IsoDayOfWeek.Saturday], saturdayHours, nurses)],
            PatientsPerNurse,
            ObservationPlace.InChair);
    }

    /// <summary>A visit type of the mix: infusion + observation, and how often it is booked.</summary>
    private sealed record Kind(string Name, int InfusionMinutes, int ObservationMinutes, int Weight)
    {
        public Protocol Protocol { get; set; } = null!;

        /// <summary>Chair minutes held: infusion + observation + 15 min turnover.</summary>
        public int ChairMinutes => InfusionMinutes + ObservationMinutes + 15;
    }

    private static Kind[] Mix() =>
    [
        new("depression 45 min + 60 obs", 45, 60, 40),
        new("ketamine 60 min + 60 obs", 60, 60, 15),
        new("45 min + 2 h obs", 45, 120, 10),
        new("CRPS 4 h + 60 obs", 240, 60, 25),
        new("long 5 h + 2 h obs", 300, 120, 10),
    ];

    public static GeneratedBook Generate(int chairs, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chairs, 1);
        var rng = new Random(seed);
        var settings = Settings(chairs);
        var clinic = Clinic.Create("Benchmark Infusion Clinic", settings);
        var chairList = Enumerable.Range(1, chairs)
            .Select(i => Chair.Create(clinic.Id, $"Recliner {i:D3}", Recliner))
            .ToArray();
        var kinds = Mix();
        foreach (var k in kinds)
        {
            k.Protocol = Protocol.Create(clinic, k.Name, Recliner, InfusionDuration.FromMinutes(k.InfusionMinutes),
                ObservationDuration.FromMinutes(k.ObservationMinutes), new InductionPhase(1, 1, 1, [IsoDayOfWeek.Monday]), null);
        }

        // A pool of returning patients, much larger than a day's sessions: one session per patient per day holds.
        var patients = Enumerable.Range(0, Math.Max(200, chairs * 60)).Select(_ => new PatientId(NextGuid(rng))).ToArray();
        var usedPatients = new HashSet<PatientId>();

        var nurses = NursesFor(chairs);
        var from = FirstDay;
        var to = from.PlusWeeks(Weeks).PlusDays(-1);
        var sessions = new List<BookedSession>();
        long open = 0, occupied = 0;

        for (var date = from; date <= to; date = date.PlusDays(1))
        {
            var ranges = settings.Hours.On(date.DayOfWeek);
            if (ranges.Count == 0 || settings.ClosureOn(date) is not null)
                continue;
            if (ranges.Count != 1)
                throw new InvalidOperationException("The generator expects one opening range a day.");
            var openMin = Minutes(ranges[0].From);
            var closeMin = Minutes(ranges[0].To);
            var dayOpen = (long)(closeMin - openMin) * chairs;

            // Gap feedback: insert idle time more often while the book so far is above the target.
            var fraction = open == 0 ? TargetFraction : (double)occupied / open;
            var gapProbability = Math.Clamp(0.12 + 4 * (fraction - TargetFraction), 0.0, 0.9);
            open += dayOpen;

            var day = new List<BookedSession>();
            var dayIndex = new BookIndex(settings, day);
            var setups = new int[24 * 60 / Grid];
            var cursor = new int[chairs];
            var done = new bool[chairs];
            Array.Fill(cursor, openMin);
            usedPatients.Clear();

            while (true)
            {
                // Always extend the chair whose free time comes first, so the chairs fill side by side.
                var c = -1;
                for (var i = 0; i < chairs; i++)
                {
                    if (!done[i] && (c < 0 || cursor[i] < cursor[c]))
                        c = i;
                }
                if (c < 0)
                    break;
                var t = cursor[c];
                var remaining = closeMin - t;
                if (rng.NextDouble() < gapProbability)
                {
                    cursor[c] += Grid * rng.Next(1, 5);
                    continue;
                }
                var kind = Pick(kinds, remaining, rng);
                if (kind is null)
                {
                    done[c] = true;
                    continue;
                }
                if (setups[t / Grid] >= nurses)
                {
                    cursor[c] += Grid;
                    continue;
                }
                PatientId patient;
                do
                    patient = patients[rng.Next(patients.Length)];
                while (!usedPatients.Add(patient));

                var start = (date + LocalTime.FromMinutesSinceMidnight(t)).InZoneStrictly(settings.Zone).ToInstant();
                var refusal = BookingRules.Check(dayIndex, chairList[c], kind.Protocol, patient, start, Now, out var footprint);
                if (refusal is not null)
                {
                    // Only the nurse limits may refuse: the generator keeps chairs, hours and patients apart itself.
                    if (refusal.Code is not (RuleCode.NurseStartLimit or RuleCode.NurseMonitoringLimit))
                        throw new InvalidOperationException($"Generated session refused: {refusal.Code}: {refusal.Message}");
                    usedPatients.Remove(patient);
                    cursor[c] += Grid;
                    continue;
                }
                var session = new BookedSession(new SessionId(NextGuid(rng)), patient, chairList[c].Id, footprint);
                day.Add(session);
                setups[t / Grid]++;
                dayIndex = new BookIndex(settings, day);
                cursor[c] += kind.ChairMinutes;
                occupied += kind.ChairMinutes;
            }
            sessions.AddRange(day);
        }

        return new GeneratedBook(clinic, chairList, sessions, from, to, nurses, patients.Length, open, occupied);
    }

    private static Kind? Pick(Kind[] kinds, int remainingMinutes, Random rng)
    {
        var total = 0;
        foreach (var k in kinds)
        {
            if (k.ChairMinutes <= remainingMinutes)
                total += k.Weight;
        }
        if (total == 0)
            return null;
        var roll = rng.Next(total);
        foreach (var k in kinds)
        {
            if (k.ChairMinutes > remainingMinutes)
                continue;
            if (roll < k.Weight)
                return k;
            roll -= k.Weight;
        }
        throw new InvalidOperationException("unreachable");
    }

    private static int Minutes(LocalTime t) => t.Hour * 60 + t.Minute;

    private static Guid NextGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }
}
