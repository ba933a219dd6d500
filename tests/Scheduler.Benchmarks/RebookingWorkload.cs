using System.Text.Json;
using NodaTime;
using Scheduler.Application.Clinics;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;
using Scheduler.Infrastructure.Persistence;
using Scheduler.Web.Seeding;

namespace Scheduler.Benchmarks;

/// <summary>A generated clinic book for the rebooking run, in memory, ready to be written.</summary>
public sealed record RebookingBook(
    Clinic Clinic,
    IReadOnlyList<Chair> Chairs,
    Protocol Protocol,
    IReadOnlyList<Patient> Patients,
    IReadOnlyList<TreatmentSeries> Series,
    IReadOnlyList<ReminderMessage> Messages,
    int Nurses,
    int OnClosedDay,
    int Target,
    long OpenChairMinutesAround,
    long OccupiedChairMinutesAround,
    int SeriesRefused,
    IReadOnlyDictionary<IsoDayOfWeek, double> PerWeekday)
{
    public int Sessions => Series.Sum(s => s.Sessions.Count);

    /// <summary>Occupied chair-minutes (infusion + observation + turnover) / open chair-minutes, over the four weeks around the closed day.</summary>
    public double FillAround => (double)OccupiedChairMinutesAround / OpenChairMinutesAround;
}

/// <summary>
/// The rebooking workload: a clinic like <c>samples/sample-clinic.json</c> (America/New_York, its
/// closures, 15-minute grid, turnover and nurse set-up) but open Mon–Fri 07:30–19:00 only, with N
/// recliners, ceil(N/4) nurses on each of the sample's two weekday shifts (07:30–13:30 and
/// 12:00–19:00) and 4 patients per nurse, so that the nurses never bind; and the sample's depression
/// protocol (45 min + 60 min observation, 6 induction sessions 2–4 days apart, boosters every
/// 28–42 days) with induction on weekdays only.
/// <para>
/// The book: treatment series of one patient each (6 induction sessions and 2 boosters), started on
/// every open day from ten weeks before the closed day to three weeks after it. Days are filled in
/// order: on each day as many new series start as it takes to bring the day up to
/// <c>perChair × N</c> sessions, counting the later sessions of series started before; each later
/// session goes 2–4 days (boosters 28–42 days) after the one before, on a day where it fits, nearest
/// the patient's usual time of day and on the patient's usual chair when free. Every session is
/// checked with <see cref="BookingRules.Check"/> against the sessions already on its day and every
/// series with <see cref="SeriesSpacing.Check"/>, so the book obeys the app's rules. Sessions over
/// before <see cref="Now"/> are completed; some in the next three days are confirmed. Reminders are
/// planned by <see cref="ReminderPlanner"/> with the default policy as booking does; those due
/// before now (sent, in a live clinic) are left out.
/// </para>
/// </summary>
public static class RebookingWorkload
{
    /// <summary>The day closed: Wednesday 10 Feb 2027 (EST, no clock change near, no closure near).</summary>
    public static readonly LocalDate ClosedDay = new(2027, 2, 10);

    /// <summary>The run's fixed clock: the evening before, after closing (Tuesday 19:30 in New York), so no session is under way.</summary>
    public static Instant Now => (ClosedDay.PlusDays(-1) + new LocalTime(19, 30)).InZoneStrictly(Zone).ToInstant();

    public static DateTimeZone Zone => DateTimeZoneProviders.Tzdb["America/New_York"];

    public const int Boosters = 2;
    public const int DefaultSeed = 20270210;
    private const int WeeksBefore = 10;
    private const int WeeksAfter = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Generates the book. By default (the rebooking run) series start from ten weeks before
    /// <see cref="ClosedDay"/> to three weeks after it, every open day filled to
    /// <c>perChair × chairs</c> sessions, the clock at <see cref="Now"/>, and what is over by then
    /// completed as booked. The optional arguments reuse the generator for another workload (the
    /// utilisation run): <paramref name="firstDay"/> and <paramref name="lastStart"/> the window of
    /// days on which series start, <paramref name="now"/> the clock, <paramref name="dayTarget"/>
    /// the sessions each day is filled to (instead of <c>perChair × chairs</c>), and
    /// <paramref name="lifecycle"/>, called once per session (with the moment its series was booked)
    /// after the book is generated, instead of the default lifecycle. Left out, each gives exactly
    /// the rebooking run's book.
    /// </summary>
    public static RebookingBook Generate(string sampleFile, int chairs, int perChair, int seed,
        LocalDate? firstDay = null, LocalDate? lastStart = null, Instant? now = null,
        Func<LocalDate, int>? dayTarget = null, Action<Session, Instant>? lifecycle = null)
    {
        var rng = new Random(seed);
        var sample = JsonSerializer.Deserialize<SampleClinic>(File.ReadAllText(sampleFile), Json)
            ?? throw new InvalidOperationException($"{sampleFile} is empty.");
        var nurses = (chairs + 3) / 4;
        static bool Weekday(string d) => !d.Equals("saturday", StringComparison.OrdinalIgnoreCase) && !d.Equals("sunday", StringComparison.OrdinalIgnoreCase);
        var input = sample.Clinic with
        {
            OpeningHours = sample.Clinic.OpeningHours!.Where(h => Weekday(h.Key)).ToDictionary(h => h.Key, h => h.Value),
            NurseShifts = sample.Clinic.NurseShifts!.Where(s => s.Days!.All(Weekday)).Select(s => s with { Nurses = nurses }).ToList(),
            PatientsPerNurse = 4,
        };
        var settings = input.ToSettings();
        if (settings.Zone.Id != Zone.Id)
            throw new InvalidOperationException($"The sample clinic is in {settings.Zone.Id}, not {Zone.Id}.");
        var clinic = Clinic.Create($"{sample.Clinic.Name} ({chairs} recliners)", settings);
        var recliner = new ChairKind("recliner");
        var chairList = Enumerable.Range(1, chairs).Select(i => Chair.Create(clinic.Id, $"Recliner {i:D2}", recliner)).ToArray();
        var p = sample.Protocols.First(x => string.Equals(x.ChairKind, "recliner", StringComparison.OrdinalIgnoreCase));
        var protocol = Protocol.Create(clinic, p.Name!, recliner,
            InfusionDuration.FromMinutes(p.InfusionMinutes!.Value), ObservationDuration.FromMinutes(p.ObservationMinutes!.Value),
            new InductionPhase(p.Induction!.Count!.Value, p.Induction.MinGapDays!.Value, p.Induction.MaxGapDays!.Value,
                p.Induction.AllowedDays!.Where(Weekday).Select(d => Enum.Parse<IsoDayOfWeek>(d, true))),
            new MaintenancePhase(p.Maintenance!.MinIntervalDays!.Value, p.Maintenance.MaxIntervalDays!.Value, p.Maintenance.Count));

        var clock = now ?? Now;
        var target = chairs * perChair;
        var first = firstDay ?? ClosedDay.PlusWeeks(-WeeksBefore);
        var last = lastStart ?? ClosedDay.PlusWeeks(WeeksAfter);
        var days = new Dictionary<LocalDate, Day>();
        Day DayOf(LocalDate d)
        {
            if (!days.TryGetValue(d, out var day))
                days[d] = day = new Day(settings);
            return day;
        }

        var patients = new List<Patient>();
        var seriesList = new List<TreatmentSeries>();
        var refused = 0;
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            if (!IsOpen(settings, date))
                continue;
            var misses = 0;
            var dayGoal = dayTarget?.Invoke(date) ?? target;
            while (DayOf(date).Sessions.Count < dayGoal && misses < 20)
            {
                var booked = TryBookSeries(date, rng, settings, protocol, chairList, clinic, DayOf, patients.Count, clock);
                if (booked is null)
                {
                    misses++;
                    refused++;
                    continue;
                }
                patients.Add(booked.Value.Patient);
                seriesList.Add(booked.Value.Series);
            }
        }

        // Lifecycle: what is over by now was completed; some of the next days' sessions are confirmed.
        foreach (var series in seriesList)
        {
            foreach (var s in series.Sessions)
            {
                if (lifecycle is not null)
                {
                    lifecycle(s, series.CreatedAt);
                    continue;
                }
                var f = s.Footprint;
                if (f.TurnoverEnd <= clock)
                {
                    Must(s.CheckIn(f.Start - Duration.FromMinutes(10)));
                    Must(s.StartInfusion(f.Start));
                    Must(s.StartObservation(f.InfusionEnd));
                    Must(s.Complete(f.ObservationEnd));
                }
                else if (f.Start < clock + Duration.FromDays(3) && rng.NextDouble() < 0.6)
                {
                    Must(s.Confirm(clock - Duration.FromHours(rng.Next(1, 30))));
                }
            }
        }

        var messages = new List<ReminderMessage>();
        foreach (var series in seriesList)
        {
            // (Sessions a lifecycle cancelled have none.)
            foreach (var s in series.Sessions.Where(s => s.Footprint.Start > clock && s.Status.Occupies()))
            {
                foreach (var planned in ReminderPlanner.Plan(s.Footprint.Start, settings.Zone, ReminderPolicy.Default, series.CreatedAt))
                {
                    if (planned.IsScheduled && planned.Due is { } due && due <= clock)
                        continue;
                    messages.Add(ReminderMessage.Plan(clinic.Id, s.Id, s.PatientId, s.Footprint.Start, planned, ReminderLinks.NewCode(), series.CreatedAt));
                }
            }
        }

        long open = 0, occupied = 0;
        var perWeekday = new Dictionary<IsoDayOfWeek, List<int>>();
        for (var date = ClosedDay.PlusDays(-14); date < ClosedDay.PlusDays(14); date = date.PlusDays(1))
        {
            if (!IsOpen(settings, date))
                continue;
            foreach (var r in settings.Hours.On(date.DayOfWeek))
                open += (long)(r.To - r.From).ToDuration().TotalMinutes * chairs;
            occupied += DayOf(date).Sessions.Sum(s => (long)(s.Footprint.TurnoverEnd - s.Footprint.Start).TotalMinutes);
            if (!perWeekday.TryGetValue(date.DayOfWeek, out var counts))
                perWeekday[date.DayOfWeek] = counts = [];
            counts.Add(DayOf(date).Sessions.Count);
        }
        return new RebookingBook(clinic, chairList, protocol, patients, seriesList, messages, nurses, DayOf(ClosedDay).Sessions.Count, target,
            open, occupied, refused, perWeekday.OrderBy(d => d.Key).ToDictionary(d => d.Key, d => d.Value.Average()));
    }

    /// <summary>Writes the book into a migrated, empty database through EF, in one transaction.</summary>
    public static async Task Seed(SchedulerDbContext db, RebookingBook book, CancellationToken ct)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(book.Clinic);
        db.AddRange(book.Chairs);
        db.Add(book.Protocol);
        db.AddRange(book.Patients);
        db.AddRange(book.Series);
        db.AddRange(book.Messages);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static (Patient Patient, TreatmentSeries Series)? TryBookSeries(LocalDate start, Random rng, ClinicSettings settings, Protocol protocol,
        Chair[] chairs, Clinic clinic, Func<LocalDate, Day> dayOf, int number, Instant now)
    {
        // Most patients can come any time; some only mornings or only afternoons (a preference the search ranks by).
        var roll = rng.NextDouble();
        var availability = roll < 0.70 ? Availability.Any
            : roll < 0.85 ? new Availability(null, null, new LocalTime(13, 0))
            : new Availability(null, new LocalTime(12, 0), null);
        var patient = (number % 3) switch
        {
            0 => Patient.Create(clinic.Id, $"Patient {number}", null, new EmailAddress($"patient{number}@example.org"), ContactChannel.Email, availability),
            _ => Patient.Create(clinic.Id, $"Patient {number}", new PhoneNumber($"+1617{number:D7}"), null, ContactChannel.Sms, availability),
        };
        var opening = settings.Hours.On(start.DayOfWeek)[0];
        var length = protocol.Infusion.Value + protocol.Observation.Value + settings.Turnover;
        var times = new List<LocalTime>();
        for (var t = opening.From; t.PlusTicks(length.BclCompatibleTicks) <= opening.To && t >= opening.From; t = t.PlusMinutes(15))
            times.Add(t);
        var suiting = times.Where(t => availability.Suits(start.DayOfWeek, t, t.PlusTicks((protocol.Infusion.Value + protocol.Observation.Value).BclCompatibleTicks))).ToList();
        var usualTime = (suiting.Count > 0 ? suiting : times)[rng.Next(suiting.Count > 0 ? suiting.Count : times.Count)];
        var usualChair = chairs[rng.Next(chairs.Length)];
        var bookedAt = Earlier((start.PlusDays(-rng.Next(3, 15)) + new LocalTime(10, 0)).InZoneStrictly(settings.Zone).ToInstant(), now - Duration.FromHours(1));

        var count = protocol.Induction.Count + Boosters;
        var placed = new (LocalDate Date, ChairId Chair, SessionFootprint Footprint)[count];
        var probe = new Probe(settings, protocol, chairs, patient, availability, usualTime, usualChair, bookedAt, rng, dayOf);
        if (!probe.Place(placed, 0, start))
            return null;
        if (SeriesSpacing.Check(protocol, placed.Select(x => x.Date).ToList()) is { } spacing)
            throw new InvalidOperationException($"Generated series breaks the spacing: {spacing.Message}");
        var series = TreatmentSeries.Book(clinic.Id, patient.Id, protocol.Id, bookedAt,
            placed.Select((x, i) => (SeriesSpacing.PhaseOf(protocol, i + 1), x.Chair, x.Footprint)).ToList());
        foreach (var s in series.Sessions)
            dayOf(s.Footprint.Start.InZone(settings.Zone).Date).Add(new BookedSession(s.Id, s.PatientId, s.ChairId, s.Footprint));
        return (patient, series);
    }

    private static Instant Earlier(Instant a, Instant b) => a < b ? a : b;

    private static bool IsOpen(ClinicSettings settings, LocalDate date) =>
        settings.Hours.On(date.DayOfWeek).Count > 0 && settings.ClosureOn(date) is null;

    private static void Must(Refusal? refusal)
    {
        if (refusal is not null)
            throw new InvalidOperationException($"Generated session lifecycle refused: {refusal.Message}");
    }

    /// <summary>The sessions of one day, with an index rebuilt when one is added (days never interact).</summary>
    private sealed class Day(ClinicSettings settings)
    {
        private BookIndex? _index;

        public List<BookedSession> Sessions { get; } = [];

        public BookIndex Index => _index ??= new BookIndex(settings, Sessions);

        public void Add(BookedSession session)
        {
            Sessions.Add(session);
            _index = null;
        }
    }

    /// <summary>Finds a day and a slot for each session of one series in turn, trying the other allowed gaps when one finds no room.</summary>
    private sealed class Probe(ClinicSettings settings, Protocol protocol, Chair[] chairs, Patient patient, Availability availability,
        LocalTime usualTime, Chair usualChair, Instant bookedAt, Random rng, Func<LocalDate, Day> dayOf)
    {
        private int _budget = 60;

        public bool Place((LocalDate Date, ChairId Chair, SessionFootprint Footprint)[] placed, int i, LocalDate date)
        {
            if (--_budget < 0 || !IsOpen(settings, date) || !SeriesSpacing.DayAllowed(protocol, i + 1, date.DayOfWeek))
                return false;
            var slot = Slot(date);
            if (slot is null)
                return false;
            placed[i] = (date, slot.Value.Chair, slot.Value.Footprint);
            if (i + 1 == placed.Length)
                return true;
            var (min, max) = SeriesSpacing.GapBefore(protocol, i + 2)!.Value;
            // The least booked day first (as a front desk spreads new series), ties at random.
            var gaps = Enumerable.Range(min, max - min + 1)
                .Select(g => (Gap: g, Load: IsOpen(settings, date.PlusDays(g)) ? dayOf(date.PlusDays(g)).Sessions.Count : int.MaxValue, Tie: rng.Next()))
                .OrderBy(g => g.Load).ThenBy(g => g.Tie).Select(g => g.Gap).ToList();
            foreach (var gap in gaps)
            {
                if (Place(placed, i + 1, date.PlusDays(gap)))
                    return true;
            }
            return false;
        }

        private (ChairId Chair, SessionFootprint Footprint)? Slot(LocalDate date)
        {
            var index = dayOf(date).Index;
            var opening = settings.Hours.On(date.DayOfWeek)[0];
            var care = protocol.Infusion.Value + protocol.Observation.Value;
            var candidates = new List<LocalTime>();
            for (var t = opening.From; t >= opening.From && t < opening.To; t = t.PlusMinutes(15))
            {
                candidates.Add(t);
                if (t.PlusMinutes(15) <= t)
                    break;
            }
            var offset = rng.Next(chairs.Length);
            foreach (var t in candidates
                .OrderBy(t => availability.Suits(date.DayOfWeek, t, t.PlusTicks(care.BclCompatibleTicks)) ? 0 : 1)
                .ThenBy(t => Math.Abs((t - usualTime).ToDuration().BclCompatibleTicks)))
            {
                var start = (date + t).InZoneStrictly(settings.Zone).ToInstant();
                for (var k = -1; k < chairs.Length; k++)
                {
                    var chair = k < 0 ? usualChair : chairs[(offset + k) % chairs.Length];
                    if (k >= 0 && chair == usualChair)
                        continue;
                    if (BookingRules.Check(index, chair, protocol, patient.Id, start, bookedAt, out var footprint) is null)
                        return (chair.Id, footprint);
                }
            }
            return null;
        }
    }
}
