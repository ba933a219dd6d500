using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Chairs;

/// <summary>A chair (recliner, bed, private room) that one session occupies at a time.</summary>
public sealed class Chair
{
    private List<OutOfServiceWindow> _outOfService = [];

    private Chair(ChairId id, ClinicId clinicId, string name, ChairKind kind, bool active)
    {
        Id = id;
        ClinicId = clinicId;
        Name = name;
        Kind = kind;
        Active = active;
    }

    public ChairId Id { get; }
    public ClinicId ClinicId { get; }
    public string Name { get; private set; }
    public ChairKind Kind { get; private set; }

    /// <summary>An inactive chair takes no new bookings; its booked sessions stay.</summary>
    public bool Active { get; private set; }

    public IReadOnlyList<OutOfServiceWindow> OutOfService => _outOfService;

    public static Chair Create(ClinicId clinicId, string name, ChairKind kind, bool active = true) =>
        new(ChairId.New(), clinicId, Text.Required(name, "name"), kind, active);

    public void Update(string name, ChairKind kind, bool active)
    {
        Name = Text.Required(name, "name");
        Kind = kind;
        Active = active;
    }

    public OutOfServiceWindow AddOutOfService(Instant start, Instant end, string reason)
    {
        var window = new OutOfServiceWindow(Guid.NewGuid(), start, end, reason);
        _outOfService = [.. _outOfService, window];
        return window;
    }

    public bool RemoveOutOfService(Guid windowId)
    {
        var kept = _outOfService.Where(w => w.Id != windowId).ToList();
        if (kept.Count == _outOfService.Count)
            return false;
        _outOfService = kept;
        return true;
    }

    /// <summary>The first out-of-service window overlapping [start, end), if any.</summary>
    public OutOfServiceWindow? OutOfServiceDuring(Instant start, Instant end)
    {
        foreach (var w in _outOfService)
        {
            if (w.Overlaps(start, end))
                return w;
        }
        return null;
    }
}
