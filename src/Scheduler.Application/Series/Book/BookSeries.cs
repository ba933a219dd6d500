using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Patients;
using Scheduler.Application.Reminders;
using Scheduler.Application.Series.Propose;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Common;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Series.Book;

/// <summary>A chosen session: a chair and a start (clinic-local "2027-01-14T09:00", or a moment).</summary>
public sealed record SessionChoiceInput(Guid? ChairId, string? Start);

/// <summary>
/// Books a series: the sessions of a chosen proposal when <see cref="Sessions"/> is given, otherwise
/// the best proposal for the request.
/// </summary>
public sealed record BookSeriesInput(Guid? PatientId, Guid? ProtocolId, string? EarliestDate, AvailabilityInput? Preferences,
    int? Boosters, int? SearchDays, List<SessionChoiceInput>? Sessions, string? Note);

/// <summary>
/// Books a whole series, all or nothing, under the clinic's booking lock: every session is checked
/// against the book as it is at commit time (not as it was when proposed), so two requests for the
/// same chair time never both succeed.
/// </summary>
public sealed class BookSeries(ISchedulerStore store, IClock clock, IActor actor, SessionReminders reminders)
{
    public async Task<Result<SeriesView>> Handle(BookSeriesInput input, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var request = new SeriesRequestInput(input.PatientId, input.ProtocolId, input.EarliestDate, input.Preferences, input.Boosters, 1, input.SearchDays);
        var loaded = await SeriesContext.Load(store, request, now, ct);
        if (!loaded.Ok)
            return loaded.Problem!;
        var context = loaded.Value!;
        var zone = context.Clinic.Settings.Zone;
        var note = Text.Optional(input.Note, "note", Text.ReasonMaxLength);
        var chosen = input.Sessions is null ? null : ReadChoices(input.Sessions, context, zone);

        return await store.InBookingTransaction(context.Clinic.Id, async token =>
        {
            var placements = chosen is null
                ? await Best(context, now, token)
                : await Check(chosen, context, now, token);
            if (!placements.Ok)
                return (Result<SeriesView>)placements.Problem!;
            var series = TreatmentSeries.Book(context.Clinic.Id, context.Patient.Id, context.Request.Protocol.Id, now, placements.Value!);
            store.Add(series);
            store.Add(new AuditEntry(now, actor.Name, "series", series.Id.Value, "booked",
                $"{series.Sessions.Count} sessions of {context.Request.Protocol.Name}", note));
            foreach (var s in series.Sessions)
            {
                store.Add(new AuditEntry(now, actor.Name, "session", s.Id.Value, "booked",
                    $"session {s.Ordinal} on {s.ChairId} at {Formatting.Local(s.Footprint.Start, zone)}", note));
            }
            await reminders.Plan(context.Clinic, series.Sessions, now, token);
            await store.SaveChanges(token);
            return SeriesView.Of(series, zone);
        }, r => r.Ok, ct);
    }

    private async Task<Result<IReadOnlyList<(SeriesPhase, ChairId, SessionFootprint)>>> Best(SeriesContext context, Instant now, CancellationToken ct)
    {
        var book = await ClinicBook.Load(store, context.Clinic, context.Request.EarliestDate, SeriesContext.LastPossibleDate(context.Request), null, ct);
        var plan = SeriesPlanner.Plan(book.Index, book.Chairs, context.Request, now);
        if (!plan.Found)
            return new Problem(ProblemKind.Refused, "No series fits", plan.Failure!.Explanation, plan.Failure.Rule);
        return plan.Proposals[0].Sessions.Select(s => (s.Phase, s.Chair, s.Footprint)).ToList();
    }

    private async Task<Result<IReadOnlyList<(SeriesPhase, ChairId, SessionFootprint)>>> Check(
        IReadOnlyList<(ChairId Chair, Instant Start)> chosen, SeriesContext context, Instant now, CancellationToken ct)
    {
        var protocol = context.Request.Protocol;
        var zone = context.Clinic.Settings.Zone;
        var dates = chosen.Select(c => c.Start.InZone(zone).Date).ToList();
        if (SeriesSpacing.Check(protocol, dates) is { } spacing)
            return Problem.Refused(spacing);
        var book = await ClinicBook.Load(store, context.Clinic, dates.Min(), dates.Max(), null, ct);
        var placements = new List<(SeriesPhase, ChairId, SessionFootprint)>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var chair = book.Chairs.FirstOrDefault(c => c.Id == chosen[i].Chair);
            if (chair is null)
                return Problem.Invalid($"sessions[{i}].chairId", $"Session {i + 1}: there is no chair {chosen[i].Chair} in this clinic.");
            if (BookingRules.Check(book.Index, chair, protocol, context.Patient.Id, chosen[i].Start, now, out var footprint) is { } refusal)
                return Problem.Refused(refusal with { Message = $"Session {i + 1} of {chosen.Count}: {refusal.Message}" });
            placements.Add((SeriesSpacing.PhaseOf(protocol, i + 1), chair.Id, footprint));
        }
        return placements;
    }

    private static List<(ChairId, Instant)> ReadChoices(List<SessionChoiceInput> sessions, SeriesContext context, DateTimeZone zone)
    {
        var protocol = context.Request.Protocol;
        var max = protocol.Induction.Count + (protocol.Maintenance is null ? 0 : protocol.Maintenance.Count ?? 52);
        if (sessions.Count < 1 || sessions.Count > max)
            throw new InvalidValueException("sessions", $"A series of this protocol has 1 to {max} sessions; {sessions.Count} were given.");
        return sessions.Select((s, i) => (
            new ChairId(Parse.Id(s?.ChairId, $"sessions[{i}].chairId")),
            Parse.Moment(s?.Start, zone, $"sessions[{i}].start"))).ToList();
    }
}
