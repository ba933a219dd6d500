using NodaTime;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Protocols;

/// <summary>A clinic's template for a course of treatment.</summary>
public sealed class Protocol
{
    private Protocol(ProtocolId id, ClinicId clinicId, string name, ChairKind chairKind,
        InfusionDuration infusion, ObservationDuration observation, InductionPhase induction, MaintenancePhase? maintenance)
    {
        Id = id;
        ClinicId = clinicId;
        Name = name;
        ChairKind = chairKind;
        Infusion = infusion;
        Observation = observation;
        Induction = induction;
        Maintenance = maintenance;
    }

    /// <summary>The most a protocol's <see cref="Preparation"/> may hold, in characters.</summary>
    public const int PreparationMaxLength = 2000;

    public ProtocolId Id { get; }
    public ClinicId ClinicId { get; }
    public string Name { get; private set; }
    public ChairKind ChairKind { get; private set; }
    public InfusionDuration Infusion { get; private set; }
    public ObservationDuration Observation { get; private set; }
    public InductionPhase Induction { get; private set; }
    public MaintenancePhase? Maintenance { get; private set; }

    /// <summary>
    /// What the patient does before and after a session (fasting, a driver, medicines), in plain
    /// lines; null when the clinic wrote none. Shown on the patient's page and in the calendar file,
    /// so it should name neither the drug nor the diagnosis.
    /// </summary>
    public string? Preparation { get; private set; }

    public static Protocol Create(Clinic clinic, string name, ChairKind chairKind, InfusionDuration infusion,
        ObservationDuration observation, InductionPhase induction, MaintenancePhase? maintenance, string? preparation = null)
    {
        RequireOnGrid(clinic.Settings, infusion);
        return new Protocol(ProtocolId.New(), clinic.Id, Text.Required(name, "name"), chairKind, infusion, observation, induction, maintenance)
        {
            Preparation = Text.OptionalLines(preparation, "preparation", PreparationMaxLength),
        };
    }

    /// <summary>Changes the template. Sessions already booked keep the footprint they were booked with.</summary>
    public void Update(ClinicSettings settings, string name, ChairKind chairKind, InfusionDuration infusion,
        ObservationDuration observation, InductionPhase induction, MaintenancePhase? maintenance, string? preparation = null)
    {
        RequireOnGrid(settings, infusion);
        var prepared = Text.OptionalLines(preparation, "preparation", PreparationMaxLength);
        Name = Text.Required(name, "name");
        ChairKind = chairKind;
        Infusion = infusion;
        Observation = observation;
        Induction = induction;
        Maintenance = maintenance;
        Preparation = prepared;
    }

    /// <summary>Infusing and observing: the time a nurse monitors the patient.</summary>
    public Duration CareLength => Infusion.Value + Observation.Value;

    private static void RequireOnGrid(ClinicSettings settings, InfusionDuration infusion)
    {
        if (infusion.Value.ToInt64Nanoseconds() % settings.SlotGrid.ToInt64Nanoseconds() != 0)
            throw new InvalidValueException("infusionMinutes",
                $"The infusion ({infusion.Value.TotalMinutes:0} min) must be a whole number of the clinic's {settings.SlotGrid.TotalMinutes:0}-minute slots.");
    }
}
