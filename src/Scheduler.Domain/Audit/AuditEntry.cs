using NodaTime;

namespace Scheduler.Domain.Audit;

/// <summary>One recorded change: who did what to which thing, when and why.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        Actor = EntityType = Action = Details = "";
    }

    public AuditEntry(Instant at, string actor, string entityType, Guid entityId, string action, string details, string? reason)
    {
        Id = Guid.NewGuid();
        At = at;
        Actor = actor;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Details = details;
        Reason = reason;
    }

    public Guid Id { get; }
    public Instant At { get; }
    public string Actor { get; }
    public string EntityType { get; }
    public Guid EntityId { get; }
    public string Action { get; }
    public string Details { get; }
    public string? Reason { get; }
}
