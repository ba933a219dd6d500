using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Sessions.Lifecycle;
using Scheduler.Domain.Common;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Sessions;

/// <summary>Another session of the same series, for the list on a session's page.</summary>
public sealed record SeriesSessionLine(Guid Id, int Ordinal, SeriesPhase Phase, SessionStatus Status, Instant Start, string ChairName);

/// <summary>One audit entry of the session: who did what, when and why.</summary>
public sealed record SessionHistoryLine(Instant At, string Actor, string Action, string Details, string? Reason);

/// <summary>A chair the session could be moved to (the move itself checks every rule).</summary>
public sealed record ChairChoice(Guid Id, string Name, string Kind);

/// <summary>A rebooking case opened for this session (it was cancelled or missed).</summary>
public sealed record SessionRebooking(Guid Id, string Status, string Cause, Instant CreatedAt);

/// <summary>
/// Everything a session's page shows, times as instants for the clinic's <see cref="Zone"/>.
/// <see cref="Actions"/>: the lifecycle actions its status allows; <see cref="CanMove"/> and
/// <see cref="CanWaitlist"/>: whether it is still ahead and upcoming.
/// </summary>
public sealed record SessionDetailsView(
    Guid Id, Guid ClinicId, DateTimeZone Zone, Guid SeriesId, SeriesStatus SeriesStatus, int Ordinal, int SeriesCount, SeriesPhase Phase,
    SessionStatus Status, Guid PatientId, string PatientName, Guid ProtocolId, string ProtocolName, Guid ChairId, string ChairName, string ChairKind,
    Instant Start, Instant InfusionEnd, Instant ObservationEnd, Instant TurnoverEnd, bool ObservationInRecovery,
    Instant? ConfirmedAt, Instant? CheckedInAt, Instant? InfusionStartedAt, Instant? ObservationStartedAt, Instant? CompletedAt,
    Instant? EndedAt, string? EndReason,
    IReadOnlyList<SessionAction> Actions, bool CanMove, bool CanWaitlist, bool OnWaitlist,
    IReadOnlyList<SeriesSessionLine> Series, IReadOnlyList<SessionHistoryLine> History, IReadOnlyList<ChairChoice> Chairs,
    IReadOnlyList<SessionRebooking> Rebookings);

/// <summary>A session with its patient, protocol, chair, series, audit history and the actions open to it.</summary>
public sealed partial class SessionDetails(ISchedulerStore store, IClock clock)
{
    public async Task<Result<SessionDetailsView>> Handle(Guid sessionId, CancellationToken ct)
    {
        var series = await store.SeriesOfSession(new SessionId(sessionId), ct);
        if (series is null)
            return Problem.NotFound("Session", sessionId);
        var session = series.Sessions.Single(s => s.Id.Value == sessionId);
        var clinic = (await store.Clinic(series.ClinicId, ct))!;
        var patient = await store.Patient(series.PatientId, ct);
        var protocol = await store.Protocol(series.ProtocolId, ct);
        var chairs = (await store.Chairs(clinic.Id, ct)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var names = chairs.ToDictionary(c => c.Id.Value, c => c.Name);
        var chair = chairs.FirstOrDefault(c => c.Id == session.ChairId);
        var now = clock.GetCurrentInstant();
        var ahead = session.Status.IsUpcoming() && session.Footprint.Start > now;
        var onWaitlist = await store.WaitingEntryOf(session.Id, ct) is not null;
        var rebookings = (await store.RebookingCases(clinic.Id, null, RebookingQueue.MaxList, ct))
            .Where(c => c.SessionId == session.Id)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new SessionRebooking(c.Id, Series.SessionView.Name(c.Status), c.Cause, c.CreatedAt))
            .ToList();
        var named = new Dictionary<Guid, string>(names);
        foreach (var r in rebookings)
            named[r.Id] = "a rebooking case";
        var history = (await store.Audit(session.Id.Value, ct))
            .OrderBy(a => a.At)
            .Select(a => new SessionHistoryLine(a.At, a.Actor, a.Action, Readable(a.Details, named), a.Reason))
            .ToList();
        var f = session.Footprint;
        return new SessionDetailsView(
            session.Id.Value, clinic.Id.Value, clinic.Settings.Zone, series.Id.Value, series.Status, session.Ordinal, series.Sessions.Count, session.Phase,
            session.Status, series.PatientId.Value, patient?.Name ?? "(unknown patient)", series.ProtocolId.Value, protocol?.Name ?? "(unknown protocol)",
            session.ChairId.Value, chair?.Name ?? "(unknown chair)", chair?.Kind.Value ?? "",
            f.Start, f.InfusionEnd, f.ObservationEnd, f.TurnoverEnd, f.ObservationInRecovery,
            session.ConfirmedAt, session.CheckedInAt, session.InfusionStartedAt, session.ObservationStartedAt, session.CompletedAt,
            session.EndedAt, session.EndReason,
            SessionActions.From(session.Status), ahead, ahead && !onWaitlist, onWaitlist,
            series.Sessions.OrderBy(s => s.Ordinal)
                .Select(s => new SeriesSessionLine(s.Id.Value, s.Ordinal, s.Phase, s.Status, s.Footprint.Start, names.GetValueOrDefault(s.ChairId.Value, "(unknown chair)")))
                .ToList(),
            history,
            chairs.Where(c => c.Active).Select(c => new ChairChoice(c.Id.Value, c.Name, c.Kind.Value)).ToList(),
            rebookings);
    }

    /// <summary>
    /// The audit's details as people read them: chairs (and anything else in <paramref name="names"/>)
    /// by name rather than id ("on 3f2c…"), moments
    /// as the clinic's day and time rather than ISO text with an offset (which already is the clinic's).
    /// </summary>
    public static string Readable(string details, IReadOnlyDictionary<Guid, string> names)
    {
        foreach (var (id, name) in names)
        {
            var text = id.ToString();
            if (details.Contains(text, StringComparison.OrdinalIgnoreCase))
                details = details.Replace($"{text} ({name})", name, StringComparison.OrdinalIgnoreCase).Replace(text, name, StringComparison.OrdinalIgnoreCase);
        }
        return IsoMoment().Replace(details, m =>
            OffsetDateTimePattern.ExtendedIso.Parse(m.Value) is { Success: true } parsed ? Formats.DayTime(parsed.Value.LocalDateTime) : m.Value);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}")]
    private static partial Regex IsoMoment();
}
