using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NodaTime;
using NodaTime.Text;
using Scheduler.Application.Common;

namespace Scheduler.Web.Pages.Shared;

/// <summary>How the pages write times and lengths for people (clinic-local, English), and put problems next to fields.</summary>
public static class Show
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Create("ddd d MMM uuuu", CultureInfo.InvariantCulture);
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.Create("HH:mm", CultureInfo.InvariantCulture);

    public static string Date(LocalDate date) => DatePattern.Format(date);

    public static string Time(LocalTime time) => TimePattern.Format(time);

    public static string DateTime(LocalDateTime at) => $"{Date(at.Date)}, {Time(at.TimeOfDay)}";

    /// <summary>A moment on the clinic's wall clock, with the zone's abbreviation on days the clock changes.</summary>
    public static string At(Instant instant, DateTimeZone zone) => DateTime(instant.InZone(zone).LocalDateTime);

    public static string TimeOf(Instant instant, DateTimeZone zone) => Time(instant.InZone(zone).TimeOfDay);

    /// <summary>"1 h 45 min", "45 min", "2 h".</summary>
    public static string Length(Duration length)
    {
        var minutes = (long)Math.Round(length.TotalMinutes);
        var (h, m) = (minutes / 60, minutes % 60);
        return h == 0 ? $"{m} min" : m == 0 ? $"{h} h" : $"{h} h {m} min";
    }

    public static string Length(int minutes) => Length(Duration.FromMinutes(minutes));

    /// <summary>ISO date for an input of type date.</summary>
    public static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>
    /// Puts a use case's problem on the page: next to its field when it names one (the API's camelCase
    /// field, mapped by <paramref name="fieldToKey"/> or by prefixing <paramref name="prefix"/> and
    /// capitalising each part), else at the top of the form (key "").
    /// </summary>
    public static void AddProblem(this ModelStateDictionary modelState, Problem problem, string prefix = "Input", Func<string, string?>? fieldToKey = null)
    {
        var key = "";
        if (problem.Field is { Length: > 0 } field)
            key = fieldToKey?.Invoke(field) ?? string.Join('.', field.Split('.').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])).Insert(0, prefix.Length > 0 ? prefix + "." : "");
        modelState.AddModelError(key, problem.Detail);
    }
}
