using NodaTime;
using Scheduler.Application.Clinics;
using Scheduler.Application.Common;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Capacity;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Capacity;

/// <summary>Chairs a what-if adds: <see cref="Count"/> more of a kind ("recliner").</summary>
public sealed record ChairsToAddInput(string? Kind, int? Count);

/// <summary>
/// What a what-if changes; anything not given stays as today. <see cref="OpeningHours"/> and
/// <see cref="NurseShifts"/> replace today's (same shape as a clinic's); <see cref="AddNurses"/>
/// adds nurses to every shift (negative takes them away); <see cref="Observation"/> moves
/// observation, e.g. { "place": "recoveryArea", "capacity": 6 }.
/// </summary>
public sealed record ScenarioInput(
    List<ChairsToAddInput>? AddChairs,
    List<Guid>? RemoveChairs,
    Dictionary<string, List<TimeRangeInput>>? OpeningHours,
    List<NurseShiftInput>? NurseShifts,
    int? AddNurses,
    int? PatientsPerNurse,
    ObservationInput? Observation);

/// <summary>A what-if and the questions to answer for it and for today: the booked forecast of <see cref="ForecastWeeks"/> weeks, and a capacity question.</summary>
public sealed record WhatIfInput(ScenarioInput? Scenario, int? ForecastWeeks, CapacityInput? Capacity);

/// <summary>One setup's answers: its chairs, the booked forecast week by week, and the capacity answer when asked.</summary>
public sealed record SetupView(int Chairs, IReadOnlyDictionary<string, int> ChairsByKind, ClinicInput Settings, UtilisationRow Forecast,
    IReadOnlyList<UtilisationRow> Weeks, CapacityView? Capacity);

/// <summary>A week side by side: open chair-minutes, booked utilisation and (when asked) the series that can still start, today and in the what-if.</summary>
public sealed record WhatIfWeekRow(string Week, double TodayOpenMinutes, double WhatIfOpenMinutes, double? TodayUtilisationPercent,
    double? WhatIfUtilisationPercent, int? TodayMoreSeries, int? WhatIfMoreSeries);

public sealed record ConflictView(Guid SessionId, Guid ChairId, string Start, string Reason);

/// <summary>
/// Today's setup and the what-if answering the same questions. <see cref="Conflicts"/> counts the
/// booked sessions (over the next year) the what-if would break; the first 100 are listed. They stay
/// in the what-if's book as booked.
/// </summary>
public sealed record WhatIfView(Guid ClinicId, string AskedAt, IReadOnlyList<string> Changes, SetupView Today, SetupView WhatIf,
    IReadOnlyList<WhatIfWeekRow> SideBySide, int Conflicts, IReadOnlyList<ConflictView> ConflictingSessions);

/// <summary>
/// Answers what-if questions: adding or removing chairs, other opening hours, more nurses,
/// observation in a recovery area. Both setups answer from the same live book, read once; the
/// what-if lives in memory only and never writes to the book.
/// </summary>
public sealed class WhatIf(ISchedulerStore store, IClock clock, UtilisationQueries utilisation, CapacityQuestion capacity)
{
    public const int MaxForecastWeeks = 26;
    public const int MaxChairsAdded = 100;
    private const int ConflictsListed = 100;

    public async Task<Result<WhatIfView>> Handle(Guid clinicId, WhatIfInput input, CancellationToken ct)
    {
        if (await store.Clinic(new ClinicId(clinicId), ct) is not { } clinic)
            return Problem.NotFound("Clinic", clinicId);
        var weeks = input.ForecastWeeks ?? 8;
        if (weeks is < 1 or > MaxForecastWeeks)
            return Problem.Invalid("forecastWeeks", $"forecastWeeks must be from 1 to {MaxForecastWeeks}, not {weeks}.");
        var now = clock.GetCurrentInstant();
        var zone = clinic.Settings.Zone;
        var liveChairs = await store.Chairs(clinic.Id, ct);
        var built = Build(clinic, liveChairs, Parse.Required(input.Scenario, "scenario"), now);
        if (!built.Ok)
            return built.Problem!;
        var (scenario, changes) = built.Value!;
        CapacityQuestion.Question? question = null;
        if (input.Capacity is { } asked)
        {
            var read = await capacity.Read(clinicId, asked, ct);
            if (!read.Ok)
                return read.Problem!;
            question = read.Value!;
        }

        var monday = SeriesCapacity.WeekOf(now.InZone(zone).Date);
        var last = monday.PlusDays(7 * weeks - 1);
        var todayReport = await utilisation.Compute(clinic, clinic.Settings, liveChairs, monday, last, new UtilisationOptions(), ct);
        var whatIfReport = await utilisation.Compute(clinic, scenario.Settings, scenario.Chairs, monday, last, new UtilisationOptions(), ct, scenario.Reshape);

        // The book from now on, read once: the conflicts over the next year and both capacity answers.
        var horizon = now.InZone(zone).Date.PlusDays(365);
        if (question is not null && question.To > horizon)
            horizon = question.To;
        var booked = await store.Occupying(clinic.Id, now, horizon.PlusDays(2).AtStartOfDayInZone(zone).ToInstant(), ct);
        var conflicts = scenario.Conflicts(booked);
        CapacityView? todayCapacity = null, whatIfCapacity = null;
        if (question is not null)
        {
            todayCapacity = CapacityQuestion.Answer(question, new BookIndex(clinic.Settings, booked), liveChairs, now);
            whatIfCapacity = CapacityQuestion.Answer(question, new BookIndex(scenario.Settings, booked.Select(scenario.Reshape)), scenario.Chairs, now);
        }

        var today = Setup(clinic, clinic.Settings, liveChairs, todayReport, todayCapacity);
        var whatIf = Setup(clinic, scenario.Settings, scenario.Chairs, whatIfReport, whatIfCapacity);
        return new WhatIfView(clinic.Id.Value, Formatting.Local(now, zone), changes, today, whatIf,
            SideBySide(todayReport, whatIfReport, todayCapacity, whatIfCapacity), conflicts.Count,
            conflicts.Take(ConflictsListed).Select(c => new ConflictView(c.Session.Session.Value, c.Session.Chair.Value,
                Formatting.Local(c.Session.Footprint.Start, zone), c.Reason)).ToList());
    }

    /// <summary>The what-if's settings and chairs from today's and the changes asked for, with the changes in words.</summary>
    private static Result<(CapacityScenario Scenario, List<string> Changes)> Build(Clinic clinic, IReadOnlyList<Chair> liveChairs, ScenarioInput s, Instant now)
    {
        var changes = new List<string>();
        var today = ClinicInput.From(clinic.Name, clinic.Settings);
        var shifts = s.NurseShifts ?? today.NurseShifts!;
        if (s.NurseShifts is not null)
            changes.Add($"Nurse shifts replaced ({s.NurseShifts.Count}).");
        if (s.AddNurses is { } add && add != 0)
        {
            if (add is < -20 or > 20)
                return Problem.Invalid("scenario.addNurses", $"addNurses adds from -20 to 20 nurses to every shift, not {add}.");
            if (shifts.Any(x => (x?.Nurses ?? 0) + add < 1))
                return Problem.Invalid("scenario.addNurses", $"Taking {-add} nurse(s) from every shift would leave a shift with none.");
            shifts = shifts.Select(x => x is null ? null! : x with { Nurses = x.Nurses + add }).ToList(); // a missing shift is reported by ToSettings
            changes.Add($"{(add > 0 ? "+" : "")}{add} nurse(s) on every shift.");
        }
        if (s.OpeningHours is not null)
            changes.Add("Opening hours replaced.");
        if (s.PatientsPerNurse is { } k && k != clinic.Settings.PatientsPerNurse)
            changes.Add($"Each nurse monitors up to {k} patients (today {clinic.Settings.PatientsPerNurse}).");
        if (s.Observation is not null)
            changes.Add(s.Observation.Place?.StartsWith("recovery", StringComparison.OrdinalIgnoreCase) == true
                ? $"Observation in a recovery area for {s.Observation.Capacity} patients."
                : "Observation in the chair.");
        var settings = (today with
        {
            OpeningHours = s.OpeningHours ?? today.OpeningHours,
            NurseShifts = shifts,
            PatientsPerNurse = s.PatientsPerNurse ?? today.PatientsPerNurse,
            Observation = s.Observation ?? today.Observation,
        }).ToSettings();

        var removed = new HashSet<ChairId>();
        foreach (var id in s.RemoveChairs ?? [])
        {
            var chair = liveChairs.FirstOrDefault(c => c.Id.Value == id);
            if (chair is null)
                return Problem.Invalid("scenario.removeChairs", $"There is no chair {id} in this clinic to take away.");
            if (removed.Add(chair.Id))
                changes.Add($"{chair.Name} taken away.");
        }
        var chairs = liveChairs.Where(c => !removed.Contains(c.Id)).ToList();
        foreach (var (more, i) in (s.AddChairs ?? []).Select((a, i) => (a, i)))
        {
            var kind = new ChairKind(Parse.Required(more?.Kind, $"scenario.addChairs[{i}].kind"));
            var count = Parse.Required(more?.Count, $"scenario.addChairs[{i}].count");
            if (count is < 1 or > MaxChairsAdded)
                return Problem.Invalid($"scenario.addChairs[{i}].count", $"From 1 to {MaxChairsAdded} chairs can be added, not {count}.");
            var already = chairs.Count(c => c.Kind == kind);
            for (var n = 1; n <= count; n++)
                chairs.Add(Chair.Create(clinic.Id, $"What-if {kind} {already + n}", kind));
            changes.Add($"{count} more {kind}(s).");
        }
        if (changes.Count == 0)
            return Problem.Invalid("scenario", "The what-if changes nothing: add or remove chairs, or give other opening hours, nurses or observation.");
        return (new CapacityScenario(settings, chairs, removed, now), changes);
    }

    private static SetupView Setup(Clinic clinic, ClinicSettings settings, IReadOnlyList<Chair> chairs, UtilisationReport report, CapacityView? capacity)
    {
        var inUse = chairs.Where(c => c.Active).ToList();
        return new SetupView(inUse.Count, inUse.GroupBy(c => c.Kind.Value).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            ClinicInput.From(clinic.Name, settings), UtilisationRow.Of(report.Clinic),
            report.Weeks.Select(w => UtilisationRow.Of(w.Figures, week: w.Monday)).ToList(), capacity);
    }

    private static List<WhatIfWeekRow> SideBySide(UtilisationReport today, UtilisationReport whatIf, CapacityView? todayCapacity, CapacityView? whatIfCapacity)
    {
        var weeks = new SortedDictionary<string, WhatIfWeekRow>(StringComparer.Ordinal);
        WhatIfWeekRow Row(string week) => weeks.TryGetValue(week, out var r) ? r : weeks[week] = new WhatIfWeekRow(week, 0, 0, null, null, null, null);
        foreach (var w in today.Weeks)
        {
            var week = Formatting.Date(w.Monday);
            weeks[week] = Row(week) with { TodayOpenMinutes = w.Figures.Booked.OpenMinutes, TodayUtilisationPercent = w.Figures.Booked.UtilisationPercent };
        }
        foreach (var w in whatIf.Weeks)
        {
            var week = Formatting.Date(w.Monday);
            weeks[week] = Row(week) with { WhatIfOpenMinutes = w.Figures.Booked.OpenMinutes, WhatIfUtilisationPercent = w.Figures.Booked.UtilisationPercent };
        }
        foreach (var w in todayCapacity?.Weeks ?? [])
            weeks[w.WeekStart] = Row(w.WeekStart) with { TodayMoreSeries = w.MoreSeries };
        foreach (var w in whatIfCapacity?.Weeks ?? [])
            weeks[w.WeekStart] = Row(w.WeekStart) with { WhatIfMoreSeries = w.MoreSeries };
        return weeks.Values.ToList();
    }
}
