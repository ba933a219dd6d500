using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Patients;

namespace Scheduler.Infrastructure.Delivery;

/// <summary>
/// Sends email reminders through an SMTP relay (System.Net.Mail: MailKit cannot be restored here),
/// as plain UTF-8 text from "<c>SenderName &lt;FromAddress&gt;</c>". Every attempt at one message
/// carries the same <c>Message-ID</c> (<c>&lt;{id:N}@{host of FromAddress}&gt;</c>), so a relay or
/// mailbox can recognise a repeat after a lost answer; it is also the provider id.
/// <para>
/// Failures are classified, never thrown: a 4xx reply, a dropped or refused connection and a timeout
/// may pass (<see cref="SendStatus.TryAgain"/>); a 5xx reply (mailbox unknown, relaying refused,
/// sign-in refused) and a failed TLS handshake will not (<see cref="SendStatus.Rejected"/>). The
/// relay's own words are kept in the error.
/// </para>
/// </summary>
public sealed partial class SmtpEmailSender(SmtpOptions options, ILogger<SmtpEmailSender> logger) : IMessageSender
{
    private readonly string _fromAddress = options.FromAddress?.Trim()
        ?? throw new ArgumentException($"{SmtpOptions.Section}:FromAddress is required.", nameof(options));

    public ContactChannel Channel => ContactChannel.Email;
    public string Name => "smtp";
    public bool IsEmbedded => false;

    /// <summary>The Message-ID every attempt at <paramref name="messageId"/> carries, angle brackets included.</summary>
    public static string MessageIdFor(Guid messageId, string fromAddress) =>
        $"<{messageId:N}@{new MailAddress(fromAddress).Host}>";

    public async Task<SendResult> Send(OutgoingMessage message, CancellationToken ct)
    {
        if (!MailAddress.TryCreate(message.To, out var to))
            return Fail(message, SendResult.Rejected($"smtp: '{message.To}' is not an email address."));

        var messageId = MessageIdFor(message.Id, _fromAddress);
        using var mail = new MailMessage(new MailAddress(_fromAddress, message.SenderName, Encoding.UTF8), to)
        {
            Subject = message.Subject ?? string.Empty,
            SubjectEncoding = Encoding.UTF8,
            Body = message.Body,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        mail.Headers.Add("Message-ID", messageId);

        // SmtpClient is not thread-safe and holds one connection: one per send.
        using var client = new SmtpClient(options.Host, options.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = options.EnableSsl,
            Timeout = options.TimeoutSeconds * 1000,
            UseDefaultCredentials = false,
            Credentials = string.IsNullOrEmpty(options.UserName) ? null : new NetworkCredential(options.UserName, options.Password),
        };
        // SmtpClient.Timeout covers synchronous sends only; the async one needs its own deadline.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            await client.SendMailAsync(mail, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fail(message, SendResult.TryAgain($"smtp: {options.Host}:{options.Port} did not answer within {options.TimeoutSeconds} s."));
        }
        catch (OperationCanceledException)
        {
            return Fail(message, SendResult.TryAgain("smtp: the send was cancelled before the relay answered."));
        }
        catch (SmtpException ex)
        {
            return Fail(message, Classify(ex, $"{options.Host}:{options.Port}"));
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException)
        {
            return Fail(message, SendResult.TryAgain($"smtp: {options.Host}:{options.Port}: {Describe(ex)}"));
        }
        LogSent(logger, message.Id, messageId);
        return SendResult.Sent(messageId);
    }

    /// <summary>
    /// What an SMTP failure means for the message: a 4xx reply or a broken conversation may pass; a
    /// 5xx reply or a failed TLS handshake will not. <paramref name="relay"/> (host:port) names the
    /// relay when there was no reply to quote.
    /// </summary>
    public static SendResult Classify(SmtpException ex, string relay)
    {
        var code = (int)ex.StatusCode;
        if (code is >= 400 and < 500)
            return SendResult.TryAgain($"smtp: {code}: {Describe(ex)}");
        if (code is >= 500 and < 600)
            return SendResult.Rejected($"smtp: {code}: {Describe(ex)}");
        // No reply code (GeneralFailure): the conversation broke down. A TLS handshake that fails
        // is a set-up problem that retrying will not mend; a dropped connection or a timeout may pass.
        if (Chain(ex).Any(e => e is AuthenticationException))
            return SendResult.Rejected($"smtp: {relay}: the TLS handshake failed: {Describe(ex)}");
        return SendResult.TryAgain($"smtp: {relay}: {Describe(ex)}");
    }

    private SendResult Fail(OutgoingMessage message, SendResult result)
    {
        LogFailed(logger, message.Id, result.Status, result.Error);
        return result;
    }

    /// <summary>The messages of the exception and its causes, each once ("Failure sending mail. Connection refused").</summary>
    private static string Describe(Exception ex) =>
        string.Join(" ", Chain(ex).Select(e => e.Message.Trim()).Where(m => m.Length > 0).Distinct());

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            yield return e;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Id} handed to the SMTP relay as {MessageId}.")]
    private static partial void LogSent(ILogger logger, Guid id, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Id} not sent by SMTP ({Status}): {Error}")]
    private static partial void LogFailed(ILogger logger, Guid id, SendStatus status, string? error);
}
