using NodaTime;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Clinics;

/// <summary>A whole local day the clinic is closed (a holiday, a snow day).</summary>
public sealed class Closure
{
    public Closure(LocalDate date, string reason)
    {
        Date = date;
        Reason = Text.Required(reason, "closure reason", Text.ReasonMaxLength);
    }

    public LocalDate Date { get; }
    public string Reason { get; }
}
