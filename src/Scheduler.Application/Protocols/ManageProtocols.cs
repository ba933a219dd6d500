using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Common;
using Scheduler.Domain.Protocols;

namespace Scheduler.Application.Protocols;

public sealed record InductionInput(int? Count, int? MinGapDays, int? MaxGapDays, List<string>? AllowedDays);

/// <summary>Count null means open-ended boosters.</summary>
public sealed record MaintenanceInput(int? MinIntervalDays, int? MaxIntervalDays, int? Count);

/// <summary>
/// <see cref="Preparation"/>: what the patient does before and after a session, up to 2,000
/// characters over several lines; shown to the patient, so no drug or diagnosis names. Null or
/// blank: none (the patient page shows general advice). A PUT without it removes it.
/// </summary>
public sealed record ProtocolInput(string? Name, string? ChairKind, int? InfusionMinutes, int? ObservationMinutes,
    InductionInput? Induction, MaintenanceInput? Maintenance, string? Preparation = null);

public sealed record ProtocolView(Guid Id, Guid ClinicId, string Name, string ChairKind, int InfusionMinutes, int ObservationMinutes,
    InductionInput Induction, MaintenanceInput? Maintenance, string? Preparation)
{
    public static ProtocolView Of(Protocol p) =>
        new(p.Id.Value, p.ClinicId.Value, p.Name, p.ChairKind.Value, (int)p.Infusion.Value.TotalMinutes, (int)p.Observation.Value.TotalMinutes,
            new InductionInput(p.Induction.Count, p.Induction.MinGapDays, p.Induction.MaxGapDays, p.Induction.AllowedDays.Select(Formatting.Day).ToList()),
            p.Maintenance is { } m ? new MaintenanceInput(m.MinIntervalDays, m.MaxIntervalDays, m.Count) : null, p.Preparation);
}

/// <summary>Creates, changes and lists a clinic's protocols. Changing one leaves booked sessions as they were booked.</summary>
public sealed class ManageProtocols(ISchedulerStore store, IClock clock, IActor actor)
{
    public async Task<Result<ProtocolView>> Create(Guid clinicId, ProtocolInput input, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        var (kind, infusion, observation, induction, maintenance) = Read(input);
        await GuardPreparation(clinic.Id, input.Preparation, ct);
        var protocol = Protocol.Create(clinic, input.Name ?? "", kind, infusion, observation, induction, maintenance, input.Preparation);
        store.Add(protocol);
        store.Add(new AuditEntry(clock.GetCurrentInstant(), actor.Name, "protocol", protocol.Id.Value, "created", protocol.Name, null));
        await store.SaveChanges(ct);
        return ProtocolView.Of(protocol);
    }

    public async Task<Result<ProtocolView>> Update(Guid protocolId, ProtocolInput input, CancellationToken ct)
    {
        var protocol = await store.Protocol(new ProtocolId(protocolId), ct);
        if (protocol is null)
            return Problem.NotFound("Protocol", protocolId);
        var clinic = (await store.Clinic(protocol.ClinicId, ct))!;
        var (kind, infusion, observation, induction, maintenance) = Read(input);
        await GuardPreparation(clinic.Id, input.Preparation, ct);
        protocol.Update(clinic.Settings, input.Name ?? "", kind, infusion, observation, induction, maintenance, input.Preparation);
        store.Add(new AuditEntry(clock.GetCurrentInstant(), actor.Name, "protocol", protocol.Id.Value, "updated", protocol.Name, null));
        await store.SaveChanges(ct);
        return ProtocolView.Of(protocol);
    }

    /// <summary>
    /// The preparation text goes to patients (their reminder page and calendar, which others may see):
    /// the words the clinic's reminder policy forbids are refused in it as in any message.
    /// </summary>
    private async Task GuardPreparation(ClinicId clinic, string? preparation, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(preparation))
            (await store.ReminderPolicy(clinic, ct)).ForbiddenWords.Guard(preparation, "preparation");
    }

    public async Task<Result<ProtocolView>> Get(Guid protocolId, CancellationToken ct) =>
        await store.Protocol(new ProtocolId(protocolId), ct) is { } p ? ProtocolView.Of(p) : Problem.NotFound("Protocol", protocolId);

    public async Task<Result<IReadOnlyList<ProtocolView>>> List(Guid clinicId, CancellationToken ct)
    {
        if (await store.Clinic(new ClinicId(clinicId), ct) is null)
            return Problem.NotFound("Clinic", clinicId);
        return (await store.Protocols(new ClinicId(clinicId), ct)).Select(ProtocolView.Of).ToList();
    }

    private static (ChairKind, InfusionDuration, ObservationDuration, InductionPhase, MaintenancePhase?) Read(ProtocolInput input)
    {
        var induction = Parse.Required(input.Induction, "induction");
        var allowed = induction.AllowedDays is { Count: > 0 } days
            ? Parse.Weekdays(days, "induction.allowedDays")
            : Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToArray();
        return (
            new ChairKind(input.ChairKind ?? ""),
            InfusionDuration.FromMinutes(Parse.Required(input.InfusionMinutes, "infusionMinutes")),
            ObservationDuration.FromMinutes(Parse.Required(input.ObservationMinutes, "observationMinutes")),
            new InductionPhase(Parse.Required(induction.Count, "induction.count"), Parse.Required(induction.MinGapDays, "induction.minGapDays"),
                Parse.Required(induction.MaxGapDays, "induction.maxGapDays"), allowed),
            input.Maintenance is { } m
                ? new MaintenancePhase(Parse.Required(m.MinIntervalDays, "maintenance.minIntervalDays"), Parse.Required(m.MaxIntervalDays, "maintenance.maxIntervalDays"), m.Count)
                : null);
    }
}
