using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Scheduler.Application.Common;
using Scheduler.Application.Reminders;
using Scheduler.Web.Accounts;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// Inbound SMS: the provider's webhook (Twilio's form fields MessageSid, From, To, Body; answered
/// with an empty TwiML <c>&lt;Response/&gt;</c>, since replies are sent by the app's own SMS sender)
/// and the front desk's list of replies that need a person.
/// <para>
/// With <c>Reminders:Sms:AuthToken</c> set (and <c>Reminders:Sms:ValidateSignature</c> not
/// false) every webhook call must carry a valid <c>X-Twilio-Signature</c>: base64 HMAC-SHA1, under
/// the auth token, of the full URL the provider called followed by each form key and value, sorted
/// by key. Behind a proxy the app does not see that URL: set <c>Reminders:Sms:WebhookUrl</c> to it.
/// </para>
/// </summary>
public static class InboundSmsEndpoints
{
    /// <summary>Largest webhook body read; a real one is under 2 KB (an SMS of 1,600 characters, URL-encoded, and a few fields).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string FormType = "application/x-www-form-urlencoded";
    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static readonly string[] Fields = ["MessageSid", "From", "To", "Body"];

    public static void MapInboundSms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/sms", Receive)
            .AllowAnonymous() // The provider signs its requests (Reminders:Sms:ValidateSignature).
            .WithTags("Inbound SMS")
            .WithSummary("The SMS provider's webhook (Twilio-style form fields MessageSid, From, To, Body). A repeated MessageSid does nothing again.")
            .Accepts<ReceiveSmsInput>(FormType)
            .Produces<string>(StatusCodes.Status200OK, "text/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        app.MapGet("/clinics/{id:guid}/inbound-sms", async (Guid id, bool? needsFrontDesk, int? take, InboundSmsQueries q, CancellationToken ct) =>
                (await q.OfClinic(id, needsFrontDesk ?? false, take, ct)).ToHttp())
            .WithTags("Inbound SMS")
            .WithSummary("SMS received from the clinic's patients, newest first; needsFrontDesk=true gives only those waiting for a person.");
        var inbound = app.MapGroup("/inbound-sms").WithTags("Inbound SMS");
        inbound.MapGet("/unmatched", async (bool? needsFrontDesk, int? take, InboundSmsQueries q, CancellationToken ct) =>
                (await q.Unmatched(needsFrontDesk ?? false, take, ct)).ToHttp())
            .WithSummary("SMS from numbers that belong to no patient, newest first (times in UTC).");
        inbound.MapPost("/{id:guid}/handled", async (Guid id, InboundSmsQueries q, CancellationToken ct) => (await q.MarkHandled(id, ct)).ToHttp())
            .WithSummary("Takes an SMS off the front desk's list, naming who handled it (the signed-in user).");
    }

    private static async Task<IResult> Receive(HttpRequest request, IConfiguration configuration, ReceiveSms receive, ILoggerFactory loggers, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
            return TooLarge();
        if (!string.Equals(request.GetTypedHeaders().ContentType?.MediaType.Value, FormType, StringComparison.OrdinalIgnoreCase))
            return Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the fields MessageSid, From, To and Body as {FormType}, as Twilio does.");
        if (await ReadLimited(request.Body, ct) is not { } text)
            return TooLarge();
        Dictionary<string, StringValues> form;
        try
        {
            form = new FormReader(text).ReadForm();
        }
        catch (InvalidDataException e)
        {
            return Fail(StatusCodes.Status400BadRequest, "Malformed form", $"The form could not be read: {e.Message}");
        }

        var sms = configuration.GetSection("Reminders:Sms");
        if (sms["AuthToken"] is { Length: > 0 } authToken && !string.Equals(sms["ValidateSignature"], "false", StringComparison.OrdinalIgnoreCase))
        {
            var url = sms["WebhookUrl"] is { Length: > 0 } configured ? configured : request.GetEncodedUrl();
            if (!TwilioSignature.IsValid(authToken, url, form, request.Headers["X-Twilio-Signature"]))
            {
                loggers.CreateLogger(typeof(InboundSmsEndpoints)).LogWarning("An SMS webhook call to {Url} was refused: its X-Twilio-Signature is missing or wrong.", url);
                return Fail(StatusCodes.Status403Forbidden, "Signature not valid",
                    "The X-Twilio-Signature header is missing or does not match this request. Check Reminders:Sms:AuthToken and, behind a proxy, Reminders:Sms:WebhookUrl.");
            }
        }
        if (Fields.FirstOrDefault(f => form.TryGetValue(f, out var values) && values.Count > 1) is { } repeated)
            return Problems.ToHttp(Problem.Invalid(repeated, $"{repeated} was sent more than once."));

        var input = new ReceiveSmsInput(One(form, "MessageSid"), One(form, "From"), One(form, "To"), One(form, "Body"));
        Result<ReceivedSms> result;
        try
        {
            result = await receive.Handle(input, ct);
        }
        catch (DbUpdateException)
        {
            // The provider delivered the same message twice at once and the other delivery stored it
            // first (the message id is unique): handled afresh, this one is recognised as a repeat.
            await using var scope = request.HttpContext.RequestServices.CreateAsyncScope();
            result = await scope.ServiceProvider.GetRequiredService<ReceiveSms>().Handle(input, ct);
        }
        if (!result.Ok)
            return Problems.ToHttp(result.Problem!);
        var received = result.Value!;
        if (!received.Repeat && received.Sms.NeedsFrontDesk)
        {
            loggers.CreateLogger(typeof(InboundSmsEndpoints)).LogInformation(
                "Inbound SMS {Id} ({Intent}, {Matched}) needs the front desk: {Outcome}",
                received.Sms.Id, received.Sms.Intent, received.Sms.ClinicId is null ? "no clinic matched" : "clinic " + received.Sms.ClinicId, received.Sms.Outcome);
        }
        return Results.Content(EmptyTwiml, "text/xml; charset=utf-8");
    }

    private static string? One(Dictionary<string, StringValues> form, string key) => form.TryGetValue(key, out var values) ? values.ToString() : null;

    /// <summary>The body as text, or null when it is longer than <see cref="MaxBodyBytes"/> (a chunked body has no length to check first).</summary>
    private static async Task<string?> ReadLimited(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static IResult TooLarge() =>
        Fail(StatusCodes.Status413PayloadTooLarge, "Request too large", $"An SMS webhook body is at most {MaxBodyBytes / 1024} KB.");

    private static IResult Fail(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = status == StatusCodes.Status403Forbidden ? "https://tools.ietf.org/html/rfc9110#section-15.5.4" : Problems.TypeFor(status),
        });
}

/// <summary>Twilio's request signature: how a webhook proves it comes from the account holding the auth token.</summary>
public static class TwilioSignature
{
    /// <summary>The expected X-Twilio-Signature of a form POST to <paramref name="url"/>.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, values) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            foreach (var value in values.Order(StringComparer.Ordinal))
                data.Append(key).Append(value);
        }
#pragma warning disable CA5350 // SHA-1 is what Twilio signs with; the HMAC key is secret, so collisions do not help a forger.
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> form, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
            return false;
        var expected = Encoding.ASCII.GetBytes(Compute(authToken, url, form));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
