using Scheduler.Domain.Common;

namespace Scheduler.Domain.Chairs;

/// <summary>What sort of place a chair is ("recliner", "bed", "private room"); compared without case.</summary>
public readonly record struct ChairKind
{
    public ChairKind(string value)
    {
        Value = Text.Required(value, "kind", 50).ToLowerInvariant();
    }

    public string Value { get; }

    public override string ToString() => Value ?? "";
}
