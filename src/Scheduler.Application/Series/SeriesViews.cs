using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Series;

/// <summary>A session; every moment is in the clinic's zone with its offset. Intervals end excluded.</summary>
public sealed record SessionView(
    Guid Id, Guid SeriesId, Guid PatientId, int Ordinal, string Phase, string Status, Guid ChairId,
    string Start, string InfusionEnd, string ObservationEnd, string TurnoverEnd, bool ObservationInRecovery,
    string? ConfirmedAt, string? CheckedInAt, string? InfusionStartedAt, string? ObservationStartedAt, string? CompletedAt,
    string? EndedAt, string? EndReason)
{
    public static SessionView Of(Session s, DateTimeZone zone) =>
        new(s.Id.Value, s.SeriesId.Value, s.PatientId.Value, s.Ordinal, Name(s.Phase), Name(s.Status), s.ChairId.Value,
            Formatting.Local(s.Footprint.Start, zone), Formatting.Local(s.Footprint.InfusionEnd, zone),
            Formatting.Local(s.Footprint.ObservationEnd, zone), Formatting.Local(s.Footprint.TurnoverEnd, zone), s.Footprint.ObservationInRecovery,
            Formatting.Local(s.ConfirmedAt, zone), Formatting.Local(s.CheckedInAt, zone), Formatting.Local(s.InfusionStartedAt, zone),
            Formatting.Local(s.ObservationStartedAt, zone), Formatting.Local(s.CompletedAt, zone), Formatting.Local(s.EndedAt, zone), s.EndReason);

    public static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }
}

public sealed record SeriesView(Guid Id, Guid ClinicId, Guid PatientId, Guid ProtocolId, string Status, string CreatedAt, IReadOnlyList<SessionView> Sessions)
{
    public static SeriesView Of(TreatmentSeries series, DateTimeZone zone) =>
        new(series.Id.Value, series.ClinicId.Value, series.PatientId.Value, series.ProtocolId.Value, SessionView.Name(series.Status),
            Formatting.Local(series.CreatedAt, zone), series.Sessions.OrderBy(s => s.Ordinal).Select(s => SessionView.Of(s, zone)).ToList());
}

public sealed record PlannedSessionView(int Ordinal, string Phase, Guid ChairId, string ChairName, string Start, string InfusionEnd, string ObservationEnd, string TurnoverEnd);

public sealed record ProposalView(int Rank, double Cost, IReadOnlyList<string> Reasons, PlanScore Score, IReadOnlyList<PlannedSessionView> Sessions)
{
    public static ProposalView Of(Proposal p, DateTimeZone zone) =>
        new(p.Rank, Math.Round(p.Score.Cost, 2), p.Reasons, p.Score,
            p.Sessions.Select(s => new PlannedSessionView(s.Ordinal, SessionView.Name(s.Phase), s.Chair.Value, s.ChairName,
                Formatting.Local(s.Footprint.Start, zone), Formatting.Local(s.Footprint.InfusionEnd, zone),
                Formatting.Local(s.Footprint.ObservationEnd, zone), Formatting.Local(s.Footprint.TurnoverEnd, zone))).ToList());
}

public sealed record PlanFailureView(int Session, int Of, string Rule, string Explanation);

public sealed record ProposalsView(bool Found, IReadOnlyList<ProposalView> Proposals, PlanFailureView? Failure);
