using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Reminders;
using Scheduler.Application.Series;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;

namespace Scheduler.Application.Rebooking;

/// <summary>
/// A rebooking case with what the front desk reads beside it: the patient's and chairs' names, and the
/// moments as instants (shown on the clinic's wall clock by the page). <see cref="Age"/> is how long
/// the case has been open (or was, until it was decided).
/// </summary>
public sealed record RebookingRow(
    RebookingView Case, string PatientName, string OriginalChairName, string? HeldChairName,
    Instant OriginalStart, Instant? HeldStart, Instant? HoldExpiresAt, Instant OpenedAt, Duration Age);

/// <summary>The clinic's cases of one status (all when <see cref="Status"/> is null), and how many there are of each status.</summary>
public sealed record RebookingBoardView(Guid ClinicId, string? Status, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<RebookingRow> Cases);

/// <summary>A session of the case's series, for choosing a new time that keeps the spacing.</summary>
public sealed record SeriesSessionLine(Guid SessionId, int Ordinal, string Phase, string Status, Instant Start, string ChairName);

/// <summary>A chair the front desk may pick when resolving by hand.</summary>
public sealed record ChairChoice(Guid Id, string Name, string Kind, bool Active);

/// <summary>A step in a case's history: the job's or a person's (<see cref="Actor"/>).</summary>
public sealed record HistoryLine(Instant At, string Actor, string Action, string Details, string? Reason);

/// <summary>One case for its page: the row, its history (who or what decided), the series around it and the clinic's chairs.</summary>
public sealed record RebookingCaseDetail(RebookingRow Row, IReadOnlyList<HistoryLine> History, string ProtocolName,
    IReadOnlyList<SeriesSessionLine> Series, IReadOnlyList<ChairChoice> Chairs);

/// <summary>An SMS reply left for the front desk, with the patient's name when the number matched one.</summary>
public sealed record SmsForFrontDesk(InboundSmsView Sms, string? PatientName, Instant ReceivedAt);

/// <summary>
/// What the front desk's rebooking pages read: the queue by status with names, one case with its
/// series, and the SMS replies waiting for a person. Reads only; the actions are <see cref="RebookingQueue"/>'s.
/// </summary>
public sealed class RebookingBoard(ISchedulerStore store, IClock clock)
{
    /// <summary>Most SMS replies listed at once.</summary>
    public const int MaxSms = 100;

    /// <summary>The statuses in the order the front desk works them: what needs a person first.</summary>
    public static readonly IReadOnlyList<RebookingStatus> WorkOrder =
        [RebookingStatus.FrontDesk, RebookingStatus.Held, RebookingStatus.Pending, RebookingStatus.Rebooked, RebookingStatus.Resolved];

    /// <summary>The status filter for every case still open (with the front desk, held or pending).</summary>
    public const string Open = "open";

    /// <summary>
    /// The cases of one status (pending, held, rebooked, frontDesk, resolved), of every open one
    /// (<see cref="Open"/>: the front desk's first, then oldest first), or all (null), with counts per status.
    /// </summary>
    public async Task<Result<RebookingBoardView>> Cases(Guid clinicId, string? status, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        var open = string.Equals(status, Open, StringComparison.OrdinalIgnoreCase);
        RebookingStatus? wanted = status is null || open ? null : Parse.Named<RebookingStatus>(status, "status");
        var all = await store.RebookingCases(clinic.Id, null, RebookingQueue.MaxList, ct);
        var counts = WorkOrder.ToDictionary(SessionView.Name, s => all.Count(c => c.Status == s));
        counts[Open] = all.Count(c => c.IsOpen);
        var names = new NameLookup(store, clinic.Id);
        var rows = new List<RebookingRow>();
        var shown = all.Where(c => open ? c.IsOpen : wanted is null || c.Status == wanted);
        // Open cases in the order they are worked: the front desk's first, then by age.
        foreach (var c in open ? shown.OrderBy(c => c.Status switch { RebookingStatus.FrontDesk => 0, RebookingStatus.Held => 1, _ => 2 }).ThenBy(c => c.CreatedAt) : shown)
            rows.Add(await Row(c, clinic.Settings.Zone, names, ct));
        return new RebookingBoardView(clinic.Id.Value, open ? Open : wanted is { } w ? SessionView.Name(w) : null, counts, rows);
    }

    public async Task<Result<RebookingCaseDetail>> Case(Guid id, CancellationToken ct)
    {
        var c = await store.RebookingCase(id, ct);
        if (c is null)
            return Problem.NotFound("Rebooking", id);
        var clinic = (await store.Clinic(c.ClinicId, ct))!;
        var zone = clinic.Settings.Zone;
        var names = new NameLookup(store, clinic.Id);
        var row = await Row(c, zone, names, ct);
        var history = (await store.Audit(c.Id, ct)).OrderBy(a => a.At).Select(a => new HistoryLine(a.At, a.Actor, a.Action, a.Details, a.Reason)).ToList();
        var series = (await store.Series(c.SeriesId, ct))!;
        var protocol = await store.Protocol(series.ProtocolId, ct);
        var sessions = new List<SeriesSessionLine>();
        foreach (var s in series.Sessions.OrderBy(s => s.Footprint.Start))
            sessions.Add(new SeriesSessionLine(s.Id.Value, s.Ordinal, SessionView.Name(s.Phase), SessionView.Name(s.Status), s.Footprint.Start, await names.Chair(s.ChairId, ct)));
        var chairs = (await store.Chairs(clinic.Id, ct)).OrderBy(x => x.Name, StringComparer.Ordinal)
            .Select(x => new ChairChoice(x.Id.Value, x.Name, x.Kind.ToString().ToLowerInvariant(), x.Active)).ToList();
        return new RebookingCaseDetail(row, history, protocol?.Name ?? "", sessions, chairs);
    }

    /// <summary>The clinic's SMS replies that wait for a person, newest first.</summary>
    public async Task<Result<IReadOnlyList<SmsForFrontDesk>>> SmsWaiting(Guid clinicId, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        var names = new NameLookup(store, clinic.Id);
        var rows = new List<SmsForFrontDesk>();
        foreach (var m in await store.InboundSmsOf(clinic.Id, onlyNeedingFrontDesk: true, MaxSms, ct))
            rows.Add(new SmsForFrontDesk(InboundSmsView.Of(m, clinic.Settings.Zone), m.PatientId is { } p ? await names.Patient(p, ct) : null, m.ReceivedAt));
        return rows;
    }

    private async Task<RebookingRow> Row(RebookingCase c, DateTimeZone zone, NameLookup names, CancellationToken ct)
    {
        var until = c.IsOpen ? clock.GetCurrentInstant() : c.ResolvedAt ?? c.UpdatedAt;
        return new RebookingRow(RebookingView.Of(c, zone), await names.Patient(c.PatientId, ct), await names.Chair(c.OriginalChairId, ct),
            c.HeldChairId is { } held ? await names.Chair(held, ct) : null,
            c.OriginalStart, c.HeldStart, c.HoldExpiresAt, c.CreatedAt, until - c.CreatedAt);
    }
}
