using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Chairs;

/// <summary>A time a chair cannot be used (maintenance, cleaning, no staff): [Start, End), end excluded.</summary>
public sealed class OutOfServiceWindow
{
    public OutOfServiceWindow(Guid id, Instant start, Instant end, string reason)
    {
        if (end <= start)
            throw new InvalidValueException("end", "An out-of-service window must end after it starts.");
        Id = id;
        Start = start;
        End = end;
        Reason = Text.Required(reason, "reason", Text.ReasonMaxLength);
    }

    public Guid Id { get; }
    public Instant Start { get; }
    public Instant End { get; }
    public string Reason { get; }

    public bool Overlaps(Instant start, Instant end) => Start < end && start < End;
}
