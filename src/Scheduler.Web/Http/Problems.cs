using Microsoft.AspNetCore.Mvc;
using Scheduler.Application.Common;

namespace Scheduler.Web.Http;

/// <summary>Maps use-case results to HTTP: a value to 200/201, a problem to its RFC 7807 form.</summary>
public static class Problems
{
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult>? ok = null) =>
        result.Ok ? (ok ?? (v => Results.Ok(v)))(result.Value!) : ToHttp(result.Problem!);

    public static IResult ToHttp(Problem problem)
    {
        var status = problem.Kind switch
        {
            ProblemKind.NotFound => StatusCodes.Status404NotFound,
            ProblemKind.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        var details = new ProblemDetails { Status = status, Title = problem.Title, Detail = problem.Detail, Type = TypeFor(status) };
        if (problem.Rule is { } rule)
            details.Extensions["rule"] = Application.Series.SessionView.Name(rule);
        if (problem.Field is { } field)
            details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [problem.Detail] };
        return Results.Problem(details);
    }

    /// <summary>The detail of a problem written without one: the framework's own 401, 403, 404, 405 and 415 answers.</summary>
    public static string DefaultDetail(int status) => status switch
    {
        401 => "Sign in first: send a bearer token from POST /account/token (Authorization: Bearer ...), or use the pages' sign-in.",
        403 => "Your role does not allow this. Ask an administrator if you need it.",
        404 => "There is nothing at this address.",
        405 => "This address does not take that HTTP method.",
        415 => "Send the body as JSON, with Content-Type: application/json.",
        _ => "The request could not be handled.",
    };

    public static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}
