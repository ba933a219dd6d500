using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Patients;

namespace Scheduler.Infrastructure.Delivery;

/// <summary>
/// Sends SMS reminders through a Twilio-style API: <c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>
/// with HTTP Basic sign-in (AccountSid:AuthToken) and the form fields <c>To</c>, <c>From</c> and
/// <c>Body</c>. Every attempt at one message carries the same <c>Idempotency-Key</c> (the message id),
/// so an API that honours it sends a repeat once; the <c>sid</c> of the answer is the provider id.
/// <para>
/// Failures are classified, never thrown: 429, 5xx, network errors and timeouts may pass
/// (<see cref="SendStatus.TryAgain"/>); any other 4xx (an invalid number, bad credentials) will not
/// (<see cref="SendStatus.Rejected"/>), and the API's own <c>message</c> and <c>code</c> are kept in the error.
/// </para>
/// </summary>
public sealed partial class HttpSmsSender(IHttpClientFactory clients, SmsApiOptions options, ILogger<HttpSmsSender> logger) : IMessageSender
{
    /// <summary>The name of the <see cref="HttpClient"/> registered for the API.</summary>
    public const string ClientName = "sms-api";

    private readonly Uri _messages = new(options.BaseUri, $"2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid!)}/Messages.json");
    private readonly AuthenticationHeaderValue _auth = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.AccountSid}:{options.AuthToken}")));

    public ContactChannel Channel => ContactChannel.Sms;
    public string Name => "sms-api";
    public bool IsEmbedded => false;

    public async Task<SendResult> Send(OutgoingMessage message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _messages)
        {
            Content = new FormUrlEncodedContent(
            [
                new("To", message.To),
                new("From", options.FromNumber!),
                new("Body", message.Body),
            ]),
        };
        request.Headers.Authorization = _auth;
        request.Headers.Add("Idempotency-Key", message.Id.ToString("N"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // A client from the factory per send: its handlers are pooled and renewed, so DNS changes are seen.
        var client = clients.CreateClient(ClientName);
        HttpStatusCode status;
        string text;
        try
        {
            using var response = await client.SendAsync(request, ct);
            status = response.StatusCode;
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fail(message, SendResult.TryAgain($"sms-api: {_messages.Host} did not answer within {options.TimeoutSeconds} s."));
        }
        catch (OperationCanceledException)
        {
            return Fail(message, SendResult.TryAgain("sms-api: the send was cancelled before the API answered."));
        }
        catch (HttpRequestException ex)
        {
            return Fail(message, SendResult.TryAgain($"sms-api: {Describe(ex)}"));
        }

        var answer = Answer.Parse(text);
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            if (answer.Sid is null)
                LogNoSid(logger, message.Id, code);
            else
                LogSent(logger, message.Id, answer.Sid);
            return SendResult.Sent(answer.Sid);
        }
        var error = $"sms-api: {code} {status}: {answer.Words(text)}";
        // 408 and 429 are the 4xx answers that say "later", like a 5xx.
        return Fail(message, code is 408 or 429 or >= 500 ? SendResult.TryAgain(error) : SendResult.Rejected(error));
    }

    private SendResult Fail(OutgoingMessage message, SendResult result)
    {
        LogFailed(logger, message.Id, result.Status, result.Error);
        return result;
    }

    private static string Describe(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
            messages.Add(e.Message.Trim());
        return string.Join(" ", messages.Where(m => m.Length > 0).Distinct());
    }

    /// <summary>The parts of the API's JSON answer that matter: <c>sid</c> on success, <c>code</c> and <c>message</c> on failure.</summary>
    private sealed record Answer(string? Sid, string? Code, string? Message)
    {
        private const int MaxQuoted = 300;

        public static Answer Parse(string text)
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                return root.ValueKind != JsonValueKind.Object
                    ? new Answer(null, null, null)
                    : new Answer(Text(root, "sid"), Text(root, "code"), Text(root, "message"));
            }
            catch (JsonException)
            {
                return new Answer(null, null, null);
            }
        }

        /// <summary>The API's own words: its message and code, or the start of whatever it answered.</summary>
        public string Words(string text)
        {
            if (Message is not null)
                return Code is null ? Message : $"{Message} (code {Code})";
            var raw = text.Trim();
            return raw.Length == 0 ? "no explanation given." : raw.Length <= MaxQuoted ? raw : raw[..MaxQuoted] + "…";
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            } : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Id} accepted by the SMS API as {Sid}.")]
    private static partial void LogSent(ILogger logger, Guid id, string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Id} accepted by the SMS API ({Status}) but the answer had no sid.")]
    private static partial void LogNoSid(ILogger logger, Guid id, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Id} not sent by the SMS API ({Status}): {Error}")]
    private static partial void LogFailed(ILogger logger, Guid id, SendStatus status, string? error);
}
