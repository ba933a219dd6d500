using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Scheduler.Application.Common;
using Scheduler.Application.Reminders;
using Scheduler.Web.Http;
using Scheduler.Web.Pages.Patient;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// The links in reminders, <c>/r/{token}</c>, for programs. The split:
/// <list type="bullet">
/// <item><c>GET /r/{token}</c> is the patient's page (<c>Pages/Patient/Link.cshtml</c>), which answers
/// JSON itself when asked for <c>application/json</c>: one address, two representations, and no two
/// endpoints competing for the same route.</item>
/// <item>The page's forms post to the page (<c>POST /r/{token}?handler=confirm</c>, …) with the
/// anti-forgery token, and come back to it (Post/Redirect/Get).</item>
/// <item>The actions below are the API: JSON in and out, no cookies read, so no anti-forgery token
/// (the token in the address is the only key, and a cross-site form cannot learn it). A browser that
/// still posts a form here (a page saved before the page moved) is sent back to the page with the
/// outcome as its message.</item>
/// <item><c>GET /r/{token}/calendar.ics</c> downloads the patient's upcoming sessions (RFC 5545).</item>
/// </list>
/// Opening any of the GETs changes nothing (link scanners open every link). Nothing is cached,
/// indexed or sent on as a referrer: the token in the address is the patient's key.
/// </summary>
public static class ReminderLinkEndpoints
{
    /// <summary>Optional body of <c>POST /r/{token}/another-time</c>: preferred days and times, up to 300 characters.</summary>
    public sealed record AnotherTimeBody(string? Note);

    public static void MapReminderLinks(this IEndpointRouteBuilder app)
    {
        // No sign-in: the signed token in the address is the patient's key.
        var links = app.MapGroup("/r").WithTags("Patient links").AllowAnonymous();
        links.MapGet("/{token}/calendar.ics", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
            {
                Private(http);
                var calendar = await actions.Calendar(token, ct);
                if (!calendar.Ok)
                    return Problems.ToHttp(calendar.Problem!);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(calendar.Value!.Content), CalendarFile.MediaType + "; charset=utf-8",
                    calendar.Value.FileName);
            })
            .WithSummary("The patient's upcoming sessions as an iCalendar file (RFC 5545) to add to a phone's calendar. Changes nothing.")
            .Produces<string>(StatusCodes.Status200OK, CalendarFile.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        links.MapPost("/{token}/confirm", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.Confirm(token, ct)))
            .WithSummary("The patient confirms the session of a reminder link; confirming a confirmed session is answered as done.")
            .Produces<PatientLinkView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        links.MapPost("/{token}/cancel", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.Cancel(token, ct)))
            .WithSummary("The patient cancels the session of a reminder link; its remaining reminders are suppressed.")
            .Produces<PatientLinkView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        links.MapPost("/{token}/another-time", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.RequestAnotherTime(token, (await OptionalBody.Read<AnotherTimeBody>(http.Request, ct))?.Note, ct)))
            .WithSummary("The patient asks for another time ({\"note\": preferred days and times}, optional): the session stays booked and the front desk's rebooking queue gets the request.")
            .Accepts<AnotherTimeBody>("application/json")
            .Produces<PatientLinkView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        links.MapPost("/{token}/accept", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.Accept(token, ct)))
            .WithSummary("The patient takes the earlier time of a waitlist offer; the first to accept gets it, a later one is told it is gone.")
            .Produces<PatientLinkView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        links.MapPost("/{token}/decline", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.Decline(token, ct)))
            .WithSummary("The patient says no thanks to a waitlist offer; their appointment stays.")
            .Produces<PatientLinkView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The headers every answer about a link carries: the address holds the patient's key.</summary>
    public static void Private(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers.XContentTypeOptions = "nosniff";
    }

    private static IResult Answer(HttpContext http, string token, Result<PatientLinkView> result)
    {
        Private(http);
        var accept = http.Request.GetTypedHeaders().Accept;
        var json = accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        if (json || !accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)))
            return result.ToHttp();
        // A person's browser: back to the page, which shows what happened.
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        LinkModel.Flash(tempData, result.Ok ? result.Value!.Message : result.Problem!.Detail, error: !result.Ok);
        tempData.Save();
        http.Response.Headers.Location = $"{http.Request.PathBase}/r/{Uri.EscapeDataString(token)}";
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
