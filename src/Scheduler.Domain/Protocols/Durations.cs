using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Protocols;

/// <summary>How long the drug runs: 45 minutes to 5 hours inclusive, in whole minutes.</summary>
public sealed class InfusionDuration
{
    public static readonly Duration Min = Duration.FromMinutes(45);
    public static readonly Duration Max = Duration.FromHours(5);

    public InfusionDuration(Duration value)
    {
        if (value < Min || value > Max || value != Duration.FromMinutes((long)value.TotalMinutes))
            throw new InvalidValueException("infusionMinutes",
                $"An infusion lasts from 45 minutes to 5 hours in whole minutes; {value.TotalMinutes:0.##} minutes is outside that.");
        Value = value;
    }

    public Duration Value { get; }

    public static InfusionDuration FromMinutes(int minutes) => new(Duration.FromMinutes(minutes));
}

/// <summary>The mandatory post-infusion observation: at least 1 hour (at most 12), whole minutes. Never shortened.</summary>
public sealed class ObservationDuration
{
    public static readonly Duration Min = Duration.FromHours(1);
    public static readonly Duration Max = Duration.FromHours(12);

    public ObservationDuration(Duration value)
    {
        if (value < Min || value > Max || value != Duration.FromMinutes((long)value.TotalMinutes))
            throw new InvalidValueException("observationMinutes",
                $"Observation lasts at least 60 minutes (at most 12 hours) in whole minutes; {value.TotalMinutes:0.##} minutes is not allowed.");
        Value = value;
    }

    public Duration Value { get; }

    public static ObservationDuration FromMinutes(int minutes) => new(Duration.FromMinutes(minutes));
}
