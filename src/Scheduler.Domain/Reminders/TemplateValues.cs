using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// What fills a template's placeholders. Dates and times are the session's, in the clinic's
/// wall-clock time, written the same way everywhere: "Tue 14 Jan" (no year: a reminder is at most
/// two weeks ahead) and "9:30 AM" (12-hour, as patients read appointment times; the staff screens
/// keep 24-hour). Only these values exist: there is no way to put a protocol, drug or diagnosis in a message.
/// </summary>
public sealed class TemplateValues
{
    /// <summary>What {stop} says in every SMS.</summary>
    public const string SmsStop = "Reply STOP to opt out";

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Create("ddd d MMM", CultureInfo.InvariantCulture);
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.Create("h:mm tt", CultureInfo.InvariantCulture);

    public TemplateValues(string clinic, LocalDate date, LocalTime time, string link, string stop)
    {
        Clinic = Text.Required(clinic, "clinic");
        Date = FormatDate(date);
        Time = FormatTime(time);
        Link = Text.Required(link, "link", 2000);
        Stop = Text.Required(stop, "stop", 500);
    }

    public string Clinic { get; }
    public string Date { get; }
    public string Time { get; }
    public string Link { get; }
    public string Stop { get; }

    /// <summary>The values of an SMS for the session starting at <paramref name="sessionStart"/>, signed with the policy's sender name.</summary>
    public static TemplateValues ForSms(ReminderPolicy policy, Instant sessionStart, DateTimeZone zone, string link)
    {
        var local = sessionStart.InZone(zone).LocalDateTime;
        return new TemplateValues(policy.SenderName, local.Date, local.TimeOfDay, link, SmsStop);
    }

    /// <summary>The values of an email; <paramref name="stop"/> is the sentence or link that unsubscribes.</summary>
    public static TemplateValues ForEmail(ReminderPolicy policy, Instant sessionStart, DateTimeZone zone, string link, string stop)
    {
        var local = sessionStart.InZone(zone).LocalDateTime;
        return new TemplateValues(policy.SenderName, local.Date, local.TimeOfDay, link, stop);
    }

    public static string FormatDate(LocalDate date) => DatePattern.Format(date);

    public static string FormatTime(LocalTime time) => TimePattern.Format(time);
}
