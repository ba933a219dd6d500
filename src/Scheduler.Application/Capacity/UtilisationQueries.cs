using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Capacity;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Capacity;

/// <summary>
/// What clinic managers read: utilisation over a span of days, nurse load per slot, and the booked
/// forecast of the coming weeks. Each answer is one streamed pass over the sessions of its days
/// (<see cref="ISchedulerStore.SessionRecords"/> into <see cref="Utilisation"/>). Writes nothing.
/// </summary>
public sealed class UtilisationQueries(ISchedulerStore store, IClock clock)
{
    /// <summary>The longest span one utilisation report covers: a year and a bit.</summary>
    public const int MaxReportDays = 400;

    /// <summary>The longest span of slot-by-slot nurse load: two months.</summary>
    public const int MaxNurseLoadDays = 62;

    public const int MaxForecastWeeks = 52;

    /// <summary>Utilisation over local days [from, to]; by default the four weeks before today and the four from today.</summary>
    public async Task<Result<UtilisationReport>> Report(Guid clinicId, string? from, string? to, CancellationToken ct)
    {
        if (await store.Clinic(new ClinicId(clinicId), ct) is not { } clinic)
            return Problem.NotFound("Clinic", clinicId);
        var today = Today(clinic);
        var span = Span(from, to, today.PlusDays(-28), today.PlusDays(27), MaxReportDays);
        if (!span.Ok)
            return span.Problem!;
        return await Compute(clinic, span.Value.From, span.Value.To, new UtilisationOptions(), ct);
    }

    /// <summary>Nurse load slot by slot over local days [from, to]; by default the current week, Monday to Sunday.</summary>
    public async Task<Result<NurseLoadView>> NurseLoad(Guid clinicId, string? from, string? to, CancellationToken ct)
    {
        if (await store.Clinic(new ClinicId(clinicId), ct) is not { } clinic)
            return Problem.NotFound("Clinic", clinicId);
        var monday = Monday(Today(clinic));
        var span = Span(from, to, monday, monday.PlusDays(6), MaxNurseLoadDays);
        if (!span.Ok)
            return span.Problem!;
        var report = await Compute(clinic, span.Value.From, span.Value.To, new UtilisationOptions { NurseSlots = true }, ct);
        return NurseLoadView.Of(clinicId, report);
    }

    /// <summary>Booked utilisation of each of the next <paramref name="weeks"/> weeks (8 by default), from this week's Monday.</summary>
    public async Task<Result<ForecastView>> Forecast(Guid clinicId, int? weeks, CancellationToken ct)
    {
        if (await store.Clinic(new ClinicId(clinicId), ct) is not { } clinic)
            return Problem.NotFound("Clinic", clinicId);
        var count = weeks ?? 8;
        if (count is < 1 or > MaxForecastWeeks)
            return Problem.Invalid("weeks", $"A forecast covers 1 to {MaxForecastWeeks} weeks, not {count}.");
        var monday = Monday(Today(clinic));
        var report = await Compute(clinic, monday, monday.PlusDays(7 * count - 1), new UtilisationOptions(), ct);
        return ForecastView.Of(clinicId, report);
    }

    /// <summary>The figures of a clinic over [from, to] from the live book (a what-if passes its own settings and chairs).</summary>
    internal async Task<UtilisationReport> Compute(Clinic clinic, LocalDate from, LocalDate to, UtilisationOptions options, CancellationToken ct)
    {
        var chairs = await store.Chairs(clinic.Id, ct);
        return await Compute(clinic, clinic.Settings, chairs, from, to, options, ct);
    }

    /// <summary>
    /// The same under other settings and chairs (a what-if), each session first passed through
    /// <paramref name="reshape"/> (a what-if that moves observation to a recovery area frees chairs sooner).
    /// </summary>
    internal async Task<UtilisationReport> Compute(Clinic clinic, ClinicSettings settings, IReadOnlyList<Domain.Chairs.Chair> chairs,
        LocalDate from, LocalDate to, UtilisationOptions options, CancellationToken ct, Func<SessionRecord, SessionRecord>? reshape = null)
    {
        var zone = clinic.Settings.Zone;
        var pass = Utilisation.Start(settings, chairs, from, to, clock.GetCurrentInstant(), options);
        var start = from.AtStartOfDayInZone(zone).ToInstant();
        var end = to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        await foreach (var session in store.SessionRecords(clinic.Id, start, end, ct))
            pass.Add(reshape is null ? session : reshape(session));
        return pass.Report();
    }

    private LocalDate Today(Clinic clinic) => clock.GetCurrentInstant().InZone(clinic.Settings.Zone).Date;

    private static LocalDate Monday(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));

    private static Result<(LocalDate From, LocalDate To)> Span(string? fromText, string? toText, LocalDate defaultFrom, LocalDate defaultTo, int maxDays)
    {
        var from = fromText is null ? defaultFrom : Parse.Date(fromText, "from");
        var to = toText is null ? (fromText is null ? defaultTo : from.PlusDays(Period.DaysBetween(defaultFrom, defaultTo))) : Parse.Date(toText, "to");
        if (to < from)
            return Problem.Invalid("to", $"The span ends ({Formats.Day(to)}) before it starts ({Formats.Day(from)}).");
        if (Period.DaysBetween(from, to) + 1 > maxDays)
            return Problem.Invalid("to", $"A span covers at most {maxDays} days; {Formats.Day(from)} to {Formats.Day(to)} is {Period.DaysBetween(from, to) + 1}.");
        return (from, to);
    }
}
