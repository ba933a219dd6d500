using NodaTime;
using NodaTime.Text;
using Scheduler.Application.Common;
using Scheduler.Domain.Common;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Desk;

/// <summary>How the patient and booking pages write the application's answers for people.</summary>
public static class BookingText
{
    private static readonly string[] WeekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>The weekdays in the API's spelling, Monday first.</summary>
    public static IReadOnlyList<string> Weekdays => WeekdayNames;

    public static string Weekday(string day) => day.Length == 0 ? day : char.ToUpperInvariant(day[0]) + day[1..];

    /// <summary>The clinic wall-clock reading of an API moment ("2027-01-14T09:00:00-05:00").</summary>
    public static LocalDateTime Local(string moment) => OffsetDateTimePattern.ExtendedIso.Parse(moment).GetValueOrThrow().LocalDateTime;

    public static Instant Instant(string moment) => OffsetDateTimePattern.ExtendedIso.Parse(moment).GetValueOrThrow().ToInstant();

    public static string Date(string moment) => Show.Date(Local(moment).Date);

    public static string Time(string moment) => Show.Time(Local(moment).TimeOfDay);

    public static string Status(string status) => status switch
    {
        "booked" => "Booked",
        "confirmed" => "Confirmed",
        "checkedIn" => "Checked in",
        "infusing" => "Infusing",
        "observing" => "Observing",
        "completed" => "Completed",
        "cancelled" => "Cancelled",
        "noShow" => "No-show",
        "active" => "Active",
        _ => Weekday(status),
    };

    /// <summary>The badge colour of a session or series status.</summary>
    public static string StatusBadge(string status) => status switch
    {
        "confirmed" or "completed" or "active" => "badge ok",
        "cancelled" or "noShow" => "badge danger",
        "checkedIn" or "infusing" or "observing" => "badge warn",
        _ => "badge",
    };

    public static string Phase(string phase) => phase switch
    {
        "induction" => "Induction",
        "maintenance" => "Booster",
        _ => Weekday(phase),
    };

    public static string Channel(string channel) => channel == "sms" ? "SMS" : "E-mail";

    /// <summary>
    /// Runs a use case, turning bad input that surfaces as an exception (a value that cannot exist)
    /// into the same kind of problem the API answers with.
    /// </summary>
    public static async Task<Result<T>> Run<T>(Func<Task<Result<T>>> useCase)
    {
        try
        {
            return await useCase();
        }
        catch (InvalidValueException e)
        {
            return Problem.Invalid(e.Field, e.Message);
        }
    }
}
