using Microsoft.Extensions.Logging;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Patients;

namespace Scheduler.Infrastructure.Delivery;

/// <summary>
/// The default sender of a channel with no provider configured: the message row records what was
/// sent (channel, address, subject, body), and the log says so. Nothing leaves the process, so the
/// app works, and can be tried, with no provider at all.
/// </summary>
public sealed partial class EmbeddedSender(ContactChannel channel, ILogger<EmbeddedSender> logger) : IMessageSender
{
    public ContactChannel Channel { get; } = channel;
    public string Name => "embedded";
    public bool IsEmbedded => true;

    public Task<SendResult> Send(OutgoingMessage message, CancellationToken ct)
    {
        LogRecorded(logger, Channel, message.Id, message.To, message.Body.Length);
        return Task.FromResult(SendResult.Sent("embedded:" + message.Id.ToString("N")));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Id} recorded ({Channel} to {To}, {Length} characters); no {Channel} provider is configured, so it is not delivered.")]
    private static partial void LogRecorded(ILogger logger, ContactChannel channel, Guid id, string to, int length);
}
