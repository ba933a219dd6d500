using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Patients;
using Scheduler.Application.Series;
using Scheduler.Application.Series.Propose;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Capacity;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Protocols;

namespace Scheduler.Application.Capacity;

/// <summary>
/// "How many more series of this protocol can start in these weeks without moving anyone?"
/// <see cref="WeekStart"/> is any day of the first week ("2027-01-11"; default: this week at the
/// clinic), <see cref="Weeks"/> 1 to 12 (default 1). Boosters default as for booking a series;
/// preferences (default: any day and time) are those of every series counted.
/// </summary>
public sealed record CapacityInput(Guid? ProtocolId, string? WeekStart, int? Weeks, int? Boosters, AvailabilityInput? Preferences);

/// <summary>One more series the book can take, with its sessions as they would be booked.</summary>
public sealed record CapacitySeriesView(int Number, IReadOnlyList<PlannedSessionView> Sessions);

/// <summary>
/// A Monday-start week: how many more series can start in it, and why the next one cannot
/// (<c>stoppedBy</c> noRoom with the planner's <c>rule</c>, weekOver, or limit).
/// </summary>
public sealed record WeekCapacityView(string WeekStart, string WeekEnd, int MoreSeries, string StoppedBy, string? Rule, string Reason,
    IReadOnlyList<CapacitySeriesView> Series);

public sealed record CapacityView(Guid ClinicId, Guid ProtocolId, string ProtocolName, int SessionsPerSeries, int Boosters, string AskedAt,
    int Total, IReadOnlyList<WeekCapacityView> Weeks);

/// <summary>
/// Answers the capacity question with <see cref="SeriesCapacity"/> on an in-memory copy of the
/// book, loaded once over every day the counted series could reach. Writes nothing.
/// </summary>
public sealed class CapacityQuestion(ISchedulerStore store, IClock clock)
{
    public const int MaxWeeks = 12;

    /// <summary>
    /// A checked question: the first week's Monday, the weeks, the series' boosters (null: the
    /// protocol's default) and preferences, and the local days [<see cref="From"/>, <see cref="To"/>]
    /// the book must hold for the answer (from the first week not past to the last day a series
    /// counted in the last week could reach).
    /// </summary>
    public sealed record Question(Clinic Clinic, Protocol Protocol, LocalDate FirstWeek, int Weeks, int? Boosters, Availability Preferences,
        LocalDate From, LocalDate To);

    public async Task<Result<CapacityView>> Handle(Guid clinicId, CapacityInput input, CancellationToken ct)
    {
        var read = await Read(clinicId, input, ct);
        if (!read.Ok)
            return read.Problem!;
        var question = read.Value!;
        var book = await ClinicBook.Load(store, question.Clinic, question.From, question.To, null, ct);
        return Answer(question, book.Index, book.Chairs, clock.GetCurrentInstant());
    }

    /// <summary>Checks the input against the clinic and its protocol; loads nothing of the book.</summary>
    public async Task<Result<Question>> Read(Guid clinicId, CapacityInput input, CancellationToken ct)
    {
        var protocolId = new ProtocolId(Parse.Id(input.ProtocolId, "protocolId"));
        var weeks = input.Weeks ?? 1;
        if (weeks is < 1 or > MaxWeeks)
            return Problem.Invalid("weeks", $"weeks must be from 1 to {MaxWeeks}, not {weeks}.");
        LocalDate? asked = input.WeekStart is null ? null : Parse.Date(input.WeekStart, "weekStart");
        var preferences = input.Preferences?.ToAvailability("preferences") ?? Availability.Any;

        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        var protocol = await store.Protocol(protocolId, ct);
        if (protocol is null)
            return Problem.NotFound("Protocol", protocolId);
        if (protocol.ClinicId != clinic.Id)
            return Problem.Invalid("protocolId", "The protocol belongs to another clinic.");

        var today = clock.GetCurrentInstant().InZone(clinic.Settings.Zone).Date;
        var first = SeriesCapacity.WeekOf(asked ?? today);
        if (first > today.PlusDays(730))
            return Problem.Invalid("weekStart", $"The week of {Formats.Day(first)} is more than two years ahead.");
        // The last week's series reach furthest; this also checks the boosters asked for.
        var lastWeek = new PlanRequest(PatientId.New(), protocol, first.PlusWeeks(weeks - 1), preferences, input.Boosters, 1, 7);
        var from = first < today ? today : first;
        var to = SeriesContext.LastPossibleDate(lastWeek);
        return new Question(clinic, protocol, first, weeks, input.Boosters, preferences, from, to < from ? from : to);
    }

    /// <summary>The answer on <paramref name="book"/> (the live book or a what-if's, holding at least [From, To]) with <paramref name="chairs"/>.</summary>
    public static CapacityView Answer(Question question, BookIndex book, IReadOnlyList<Chair> chairs, Instant now)
    {
        var zone = book.Settings.Zone;
        var answer = SeriesCapacity.Answer(book, chairs, question.Protocol, question.FirstWeek, question.Weeks, now, question.Boosters, question.Preferences);
        return new CapacityView(question.Clinic.Id.Value, question.Protocol.Id.Value, question.Protocol.Name,
            question.Protocol.Induction.Count + answer.Boosters, answer.Boosters, Formatting.Local(now, zone), answer.Total,
            answer.Weeks.Select(w => View(w, zone)).ToList());
    }

    private static WeekCapacityView View(WeekCapacity week, DateTimeZone zone) =>
        new(Formatting.Date(week.Monday), Formatting.Date(week.Sunday), week.MoreSeries, SessionView.Name(week.Stop),
            week.Rule is { } rule ? SessionView.Name(rule) : null, week.Reason,
            week.Series.Select((s, i) => new CapacitySeriesView(i + 1, s.Sessions.Select(x => new PlannedSessionView(
                x.Ordinal, SessionView.Name(x.Phase), x.Chair.Value, x.ChairName,
                Formatting.Local(x.Footprint.Start, zone), Formatting.Local(x.Footprint.InfusionEnd, zone),
                Formatting.Local(x.Footprint.ObservationEnd, zone), Formatting.Local(x.Footprint.TurnoverEnd, zone))).ToList())).ToList());
}
