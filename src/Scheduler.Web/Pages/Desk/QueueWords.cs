using NodaTime;
using Scheduler.Application.Patients;
using Scheduler.Domain.Common;

namespace Scheduler.Web.Pages.Desk;

/// <summary>How the rebooking and waitlist pages name statuses, triggers, answers and ages in words.</summary>
public static class QueueWords
{
    /// <summary>The tab title of a rebooking status filter (the API's names).</summary>
    public static string Tab(string? status) => status switch
    {
        "open" => "Open",
        "frontDesk" => "Needs the front desk",
        "held" => "Held",
        "pending" => "Pending",
        "rebooked" => "Rebooked",
        "resolved" => "Resolved",
        _ => "All",
    };

    /// <summary>A case's status in a sentence a person reads in the table.</summary>
    public static string Status(string status) => status switch
    {
        "frontDesk" => "Needs the front desk",
        "held" => "Time held, waiting for the patient",
        "pending" => "Being looked at by the rebooking job",
        "rebooked" => "Rebooked",
        "resolved" => "Resolved by hand",
        _ => status,
    };

    /// <summary>The badge colour of a case's status: red needs a person, amber waits, green is done.</summary>
    public static string Badge(string status) => status switch
    {
        "frontDesk" => "danger",
        "held" or "pending" => "warn",
        _ => "ok",
    };

    public static bool IsDone(string status) => status is "rebooked" or "resolved";

    public static string Trigger(string trigger) => trigger switch
    {
        "patientCancelled" => "Cancelled",
        "noShow" => "No-show",
        "chairOutOfService" => "Chair out of service",
        "clinicClosed" => "Clinic closed",
        "patientAskedToMove" => "Asked for another time",
        _ => trigger,
    };

    public static string Answer(string answer) => answer switch
    {
        "none" => "No answer yet",
        "accepted" => "Accepted",
        "declined" => "Declined",
        "tooLate" => "Answered too late",
        _ => answer,
    };

    public static string OfferStatus(string status) => status switch
    {
        "open" => "Open",
        "taken" => "Taken",
        "expired" => "Expired",
        "withdrawn" => "Withdrawn",
        _ => status,
    };

    public static string WaitlistStatus(string status) => status switch
    {
        "waiting" => "Waiting",
        "moved" => "Moved earlier",
        "removed" => "Removed",
        _ => status,
    };

    public static string SessionStatus(string status) => status switch
    {
        "booked" => "booked",
        "confirmed" => "confirmed",
        "checkedIn" => "checked in",
        "infusing" => "infusing",
        "observing" => "in observation",
        "completed" => "completed",
        "cancelled" => "cancelled",
        "noShow" => "no-show",
        _ => status,
    };

    /// <summary>"5 min", "3 h", "2 d 4 h": how long a case has been open or a patient has waited.</summary>
    public static string Age(Duration age)
    {
        var minutes = Math.Max(0, (long)age.TotalMinutes);
        if (minutes < 60)
            return $"{minutes} min";
        var (days, hours) = (minutes / (24 * 60), minutes / 60 % 24);
        return days == 0 ? $"{hours} h" : hours == 0 ? $"{days} d" : $"{days} d {hours} h";
    }

    /// <summary>The patient's preferred days and hours in words, "any day, any time" when they gave none.</summary>
    public static string Prefers(AvailabilityInput prefers)
    {
        var days = prefers.Days is { Count: > 0 } d ? string.Join(", ", d.Select(x => char.ToUpperInvariant(x[0]) + x[1..3])) : "any day";
        var hours = (prefers.EarliestStart, prefers.LatestEnd) switch
        {
            (null, null) => "any time",
            ({ } from, null) => $"from {from}",
            (null, { } to) => $"until {to}",
            ({ } from, { } to) => $"{from}–{to}",
        };
        return $"{days}, {hours}";
    }

    /// <summary>
    /// The hand-booking form's field a refusal belongs next to: the chair for the chair's own rules,
    /// the date for rules about the day, the time for everything else about the moment; null for none
    /// (shown at the top of the form).
    /// </summary>
    public static string? FieldOf(RuleCode? rule) => rule switch
    {
        RuleCode.WrongChair or RuleCode.ChairInactive or RuleCode.ChairOutOfService => "ChairId",
        RuleCode.ClinicClosed or RuleCode.SeriesSpacing or RuleCode.WeekdayNotAllowed or RuleCode.PatientAlreadyBooked => "Date",
        RuleCode.InThePast or RuleCode.OffGrid or RuleCode.OutsideOpeningHours or RuleCode.ChairTaken or RuleCode.NurseStartLimit
            or RuleCode.NurseMonitoringLimit or RuleCode.RecoveryAreaFull or RuleCode.ConflictsWithBookedSessions => "Time",
        _ => null,
    };
}
