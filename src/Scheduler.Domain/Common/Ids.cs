namespace Scheduler.Domain.Common;

public readonly record struct ClinicId(Guid Value)
{
    public static ClinicId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}

public readonly record struct ChairId(Guid Value)
{
    public static ChairId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}

public readonly record struct ProtocolId(Guid Value)
{
    public static ProtocolId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}

public readonly record struct PatientId(Guid Value)
{
    public static PatientId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}

public readonly record struct SeriesId(Guid Value)
{
    public static SeriesId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}

public readonly record struct SessionId(Guid Value)
{
    public static SessionId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString();
}
