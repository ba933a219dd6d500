using Scheduler.Domain.Patients;

namespace Scheduler.Application.Reminders;

/// <summary>A message ready to go: <see cref="Id"/> is stable across attempts, so a provider can recognise a repeat.</summary>
public sealed record OutgoingMessage(Guid Id, ContactChannel Channel, string To, string SenderName, string? Subject, string Body);

public enum SendStatus
{
    Sent,

    /// <summary>A failure that may pass (a timeout, the provider busy or down): try again later.</summary>
    TryAgain,

    /// <summary>A failure that will not pass (a bad number, a refused address, wrong credentials): do not try again.</summary>
    Rejected,
}

public sealed record SendResult(SendStatus Status, string? ProviderId, string? Error)
{
    public static SendResult Sent(string? providerId) => new(SendStatus.Sent, providerId, null);

    public static SendResult TryAgain(string error) => new(SendStatus.TryAgain, null, error);

    public static SendResult Rejected(string error) => new(SendStatus.Rejected, null, error);
}

/// <summary>
/// Delivers messages on one channel: SMTP for email, an SMS API for SMS, or the embedded sender
/// that only records them. Must not throw for a delivery failure: it says what happened in the result.
/// </summary>
public interface IMessageSender
{
    ContactChannel Channel { get; }

    /// <summary>For the log and the API ("smtp", "sms-api", "embedded").</summary>
    string Name { get; }

    /// <summary>
    /// True when nothing leaves the process: the message row is the delivery. A claim left behind
    /// by a crash can then be sent again safely, because nothing was delivered.
    /// </summary>
    bool IsEmbedded { get; }

    Task<SendResult> Send(OutgoingMessage message, CancellationToken ct);
}

/// <summary>The sender of each channel: the last one registered for it.</summary>
public sealed class MessageSenders
{
    private readonly Dictionary<ContactChannel, IMessageSender> _byChannel;

    public MessageSenders(IEnumerable<IMessageSender> senders)
    {
        _byChannel = [];
        foreach (var sender in senders)
            _byChannel[sender.Channel] = sender;
        foreach (var channel in Enum.GetValues<ContactChannel>())
        {
            if (!_byChannel.ContainsKey(channel))
                throw new InvalidOperationException($"No sender is registered for {channel}.");
        }
    }

    public IMessageSender For(ContactChannel channel) => _byChannel[channel];

    /// <summary>Every channel is embedded: nothing can have left the process unrecorded.</summary>
    public bool AllEmbedded => _byChannel.Values.All(s => s.IsEmbedded);
}
