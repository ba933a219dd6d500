using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Scheduler.Application.Common;
using Scheduler.Domain.Common;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Manage;

/// <summary>
/// What the manager pages share: chart data as JSON for <c>&lt;script type="application/json"&gt;</c>
/// (camelCase like the API; the default encoder escapes &lt; and &gt;, so no value can end the script),
/// bad input thrown while reading a question turned into a <see cref="Problem"/> for the form, and
/// figures written for people.
/// </summary>
public static class ManagePage
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    public static string ToJson(object value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Runs a use case; input it cannot read (an <see cref="InvalidValueException"/>) comes back as a problem on its field.</summary>
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

    /// <summary>"12.5%", or an en dash when there is nothing to measure (no open time, no past days).</summary>
    public static string Percent(double? percent) => percent is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Number(double value) => value.ToString("#,0.#", CultureInfo.InvariantCulture);

    /// <summary>Chair-minutes as hours, "1,234.5 h".</summary>
    public static string Hours(double minutes) => (minutes / 60).ToString("#,0.#", CultureInfo.InvariantCulture) + " h";

    /// <summary>An ISO date from a view ("2026-11-23") as people read it ("Mon 23 Nov 2026").</summary>
    public static string Day(string? iso) =>
        iso is not null && LocalDatePattern.Iso.Parse(iso) is { Success: true } d ? Show.Date(d.Value) : iso ?? "–";

    /// <summary>A clinic-local date-time from a view ("2026-11-23T09:00", with or without an offset) as people read it.</summary>
    public static string At(string? iso)
    {
        if (iso is null || iso.Length < 16)
            return iso ?? "–";
        var local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm").Parse(iso[..16]);
        return local.Success ? Show.DateTime(local.Value) : iso;
    }

    public static LocalDate? Date(string? iso) => iso is not null && LocalDatePattern.Iso.Parse(iso) is { Success: true } d ? d.Value : null;
}

/// <summary>A minimal-API result (a CSV download from <see cref="Http.Csv"/>) as a page handler's answer.</summary>
public sealed class ApiResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
