using System.Text;
using System.Text.Encodings.Web;
using Scheduler.Application.Common;
using Scheduler.Application.Reminders;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// The links in reminders, <c>/r/{token}</c>: a small page for the patient's phone showing the
/// session, with a form to confirm and one to cancel it. Opening the link changes nothing (link
/// scanners open every link); only the forms' POSTs act. A page for people unless the request asks
/// for <c>application/json</c>; a problem is a page only when the request asks for <c>text/html</c>
/// (a browser), otherwise RFC 7807 JSON. Nothing is cached, indexed, framed or sent on as a referrer:
/// the token in the address is the patient's key.
/// </summary>
public static class ReminderLinkEndpoints
{
    public static void MapReminderLinks(this IEndpointRouteBuilder app)
    {
        // No sign-in: the signed token in the address is the patient's key.
        var links = app.MapGroup("/r").WithTags("Patient links").AllowAnonymous();
        links.MapGet("/{token}", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.View(token, ct)))
            .WithSummary("The session behind a reminder link, as the patient sees it (HTML, or JSON when asked). Changes nothing.")
            .Produces<PatientLinkView>(StatusCodes.Status200OK, "text/html", "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        links.MapPost("/{token}/confirm", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.Confirm(token, ct)))
            .WithSummary("The patient confirms the session of a reminder link; confirming a confirmed session is answered as done.")
            .Produces<PatientLinkView>(StatusCodes.Status200OK, "text/html", "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        links.MapPost("/{token}/cancel", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.Cancel(token, ct)))
            .WithSummary("The patient cancels the session of a reminder link; its remaining reminders are suppressed.")
            .Produces<PatientLinkView>(StatusCodes.Status200OK, "text/html", "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        links.MapPost("/{token}/accept", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.Accept(token, ct)))
            .WithSummary("The patient takes the earlier time of a waitlist offer; the first to accept gets it, a later one is told it is gone.")
            .Produces<PatientLinkView>(StatusCodes.Status200OK, "text/html", "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        links.MapPost("/{token}/decline", async (string token, HttpContext http, ReminderLinkActions actions, CancellationToken ct) =>
                Answer(http, token, await actions.Decline(token, ct)))
            .WithSummary("The patient says no thanks to a waitlist offer; their appointment stays.")
            .Produces<PatientLinkView>(StatusCodes.Status200OK, "text/html", "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Answer(HttpContext http, string token, Result<PatientLinkView> result)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        var accept = http.Request.GetTypedHeaders().Accept;
        var json = accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        var html = !json && accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        if (result.Ok)
            return json ? Results.Ok(result.Value) : Page(http, StatusCodes.Status200OK, "Your appointment", SessionHtml(http, token, result.Value!));
        if (!html)
            return Problems.ToHttp(result.Problem!);
        var problem = result.Problem!;
        var status = problem.Kind switch
        {
            ProblemKind.NotFound => StatusCodes.Status404NotFound,
            ProblemKind.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        var title = problem.Kind == ProblemKind.NotFound ? "This link cannot be used" : "This cannot be done online";
        return Page(http, status, title, $"<p>{Encode(problem.Detail)}</p>");
    }

    private static string SessionHtml(HttpContext http, string token, PatientLinkView view)
    {
        var action = Encode($"{http.Request.PathBase}/r/{Uri.EscapeDataString(token)}");
        var sb = new StringBuilder();
        if (view.Message is { } message)
            sb.Append("<p class=\"note\" role=\"status\">").Append(Encode(message)).Append("</p>\n");
        if (view.Offer is { } offer)
        {
            sb.Append("<h2>An earlier time</h2>\n<dl>\n")
                .Append("<dt>Date</dt><dd>").Append(Encode(offer.Date)).Append("</dd>\n")
                .Append("<dt>Time</dt><dd>").Append(Encode(offer.Time)).Append("</dd>\n")
                .Append("<dt>Status</dt><dd>").Append(Encode(offer.Status)).Append("</dd>\n</dl>\n");
            if (offer.CanAccept)
            {
                sb.Append("<form method=\"post\" action=\"").Append(action).Append("/accept\">")
                    .Append("<button type=\"submit\" class=\"confirm\">Take this earlier time</button></form>\n");
            }
            if (offer.CanDecline)
            {
                sb.Append("<form method=\"post\" action=\"").Append(action).Append("/decline\">")
                    .Append("<button type=\"submit\" class=\"cancel\">No thanks, keep my appointment</button></form>\n");
            }
            sb.Append("<h2>Your appointment now</h2>\n");
        }
        sb.Append("<dl>\n")
            .Append("<dt>From</dt><dd>").Append(Encode(view.SenderName)).Append("</dd>\n")
            .Append("<dt>Date</dt><dd>").Append(Encode(view.Date)).Append("</dd>\n")
            .Append("<dt>Time</dt><dd>").Append(Encode(view.Time)).Append("</dd>\n")
            .Append("<dt>Status</dt><dd>").Append(Encode(view.StatusText)).Append("</dd>\n")
            .Append("</dl>\n");
        if (view.CanConfirm)
        {
            sb.Append("<form method=\"post\" action=\"").Append(action).Append("/confirm\">")
                .Append("<button type=\"submit\" class=\"confirm\">Confirm this appointment</button></form>\n");
        }
        if (view.CanCancel)
        {
            // Behind a disclosure, so that a stray tap does not cancel: no script needed.
            sb.Append("<details><summary>I cannot come</summary>\n")
                .Append("<p>Cancelling frees the time for someone else. To book another time, please call the clinic.</p>\n")
                .Append("<form method=\"post\" action=\"").Append(action).Append("/cancel\">")
                .Append("<button type=\"submit\" class=\"cancel\">Cancel this appointment</button></form>\n</details>\n");
        }
        if (!view.CanConfirm && !view.CanCancel && view.Offer is null)
            sb.Append("<p>To change this appointment, please call the clinic.</p>\n");
        return sb.ToString();
    }

    private static IResult Page(HttpContext http, int status, string title, string content)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        var page = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex, nofollow">
            <title>{{Encode(title)}}</title>
            <style>
            body{font-family:system-ui,-apple-system,sans-serif;font-size:1.125rem;line-height:1.5;color:#111;background:#fff;max-width:32rem;margin:0 auto;padding:1rem}
            h1{font-size:1.5rem;margin:.5rem 0 1rem}
            dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
            dt{font-weight:700}
            dd{margin:0}
            .note{padding:.75rem;border:2px solid #1b5e20;background:#e8f5e9;border-radius:.5rem}
            button{display:block;width:100%;min-height:3rem;margin:1rem 0;font-size:1.125rem;border-radius:.5rem;border:2px solid #0d2a66;cursor:pointer}
            .confirm{background:#0d2a66;color:#fff}
            .cancel{background:#fff;color:#8b0000;border-color:#8b0000}
            summary{min-height:3rem;padding:.75rem 0;cursor:pointer;color:#8b0000}
            :focus-visible{outline:3px solid #b35900;outline-offset:2px}
            </style>
            </head>
            <body>
            <main>
            <h1>{{Encode(title)}}</h1>
            {{content}}</main>
            </body>
            </html>

            """;
        return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
