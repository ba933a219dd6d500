using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Scheduler.Web.Pages.Shared;

/// <summary>
/// Bodies for answers written without one (no page, a form sent without its anti-forgery token, an
/// unknown address): a short page in words for a person's browser (it asks for text/html), an RFC 7807
/// problem detail for everyone else.
/// </summary>
public static class StatusPages
{
    public static async Task Write(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (!WantsHtml(http.Request))
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } });
            return;
        }
        var (title, text) = status switch
        {
            400 => ("The form could not be sent", "The page was open too long or was sent twice. Go back, reload the page and try again."),
            404 => ("Nothing here", "There is no page at this address. It may have moved, or the link is incomplete."),
            405 => ("Nothing to do here", "This address does not take that kind of request."),
            _ => ("Something went wrong", "The request could not be handled. Try again, or tell the clinic's administrator."),
        };
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{{WebUtility.HtmlEncode(title)}}</title><link rel="stylesheet" href="/css/site.css" /></head>
            <body><main id="main"><div class="narrow"><h1>{{WebUtility.HtmlEncode(title)}}</h1><p>{{WebUtility.HtmlEncode(text)}}</p>
            <p><a href="/">Go to your start page</a></p></div></main></body></html>
            """);
    }

    /// <summary>A browser navigating asks for text/html; API clients and scripts do not.</summary>
    public static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
