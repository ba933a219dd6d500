using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Domain.Common;

namespace Scheduler.Web.Http;

/// <summary>
/// Bad input that surfaces as an exception (a value that cannot exist, malformed JSON, a wrong
/// type in a route or query) becomes a 400 problem naming the field. Anything else is a bug and a 500.
/// </summary>
public sealed class BadInputHandler(IProblemDetailsService problems, ILogger<BadInputHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, field) = exception switch
        {
            InvalidValueException e => (400, "Invalid input", e.Message, e.Field),
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed JSON", Describe(json), FieldOf(json)),
            BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message, null),
            JsonException json => (400, "Malformed JSON", Describe(json), FieldOf(json)),
            _ => (500, "Unexpected error", "Something went wrong on our side; nothing was changed. Please try again.", null),
        };
        if (status == 500)
            logger.LogError(exception, "Unhandled exception for {Path}", httpContext.Request.Path);
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = Problems.TypeFor(status) };
        if (field is not null)
            details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    private static string FieldOf(JsonException json) => json.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "body";

    private static string Describe(JsonException json)
    {
        var at = json.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : null;
        if (at is not null && json.Message.Contains("could not be converted", StringComparison.Ordinal))
            return $"{at} has the wrong type or form (ids are GUIDs, numbers are whole numbers, dates and times are text).";
        return $"The request body is not valid JSON{(at is null ? "" : $" (at {at})")}: {json.Message.Split(" Path:", 2)[0]}";
    }
}
