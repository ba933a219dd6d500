using Scheduler.Application.Common;
using Scheduler.Domain.Chairs;
using NodaTime;

namespace Scheduler.Application.Chairs;

public sealed record ChairInput(string? Name, string? Kind, bool? Active);

/// <summary>Start and end are moments ("2027-01-14T08:00:00Z" or with an offset) or clinic-local times ("2027-01-14T08:00"); the end is excluded.</summary>
public sealed record OutOfServiceInput(string? Start, string? End, string? Reason);

public sealed record OutOfServiceView(Guid Id, string Start, string End, string Reason)
{
    public static OutOfServiceView Of(OutOfServiceWindow w, DateTimeZone zone) =>
        new(w.Id, Formatting.Local(w.Start, zone), Formatting.Local(w.End, zone), w.Reason);
}

public sealed record ChairView(Guid Id, Guid ClinicId, string Name, string Kind, bool Active, IReadOnlyList<OutOfServiceView> OutOfService)
{
    public static ChairView Of(Chair chair, DateTimeZone zone) =>
        new(chair.Id.Value, chair.ClinicId.Value, chair.Name, chair.Kind.Value, chair.Active,
            chair.OutOfService.OrderBy(w => w.Start).Select(w => OutOfServiceView.Of(w, zone)).ToList());
}

/// <summary>A chair taken out of service: the new window, and how many booked sessions it cancelled and sent to rebooking.</summary>
public sealed record OutOfServiceAdded(ChairView Chair, OutOfServiceView Window, int Cancelled, int ToRebook);
