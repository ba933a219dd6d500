using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Patients;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>
/// A message sender that counts what it is asked to send, per message id, across every app that
/// shares it (two processes racing, or an app and its restart). It can pretend to be a provider
/// outside the process (<see cref="IsEmbedded"/> false).
/// </summary>
public sealed class RecordingSender(ContactChannel channel, bool isEmbedded = true) : IMessageSender
{
    public ConcurrentDictionary<Guid, int> Sends { get; } = new();
    public ContactChannel Channel { get; } = channel;
    public string Name => "recording";
    public bool IsEmbedded { get; } = isEmbedded;

    /// <summary>Called after each send is counted (a test can stop the app here).</summary>
    public Action<OutgoingMessage>? OnSend { get; set; }

    public Task<SendResult> Send(OutgoingMessage message, CancellationToken ct)
    {
        Sends.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        OnSend?.Invoke(message);
        return Task.FromResult(SendResult.Sent("rec-" + message.Id.ToString("N")));
    }

    /// <summary>Registers recorders for both channels in <paramref name="app"/>.</summary>
    public static (RecordingSender Email, RecordingSender Sms) Install(SchedulerApp app, bool isEmbedded = true) =>
        Install(app, new RecordingSender(ContactChannel.Email, isEmbedded), new RecordingSender(ContactChannel.Sms, isEmbedded));

    public static (RecordingSender Email, RecordingSender Sms) Install(SchedulerApp app, RecordingSender email, RecordingSender sms)
    {
        app.TestServices = services =>
        {
            services.AddSingleton<IMessageSender>(email);
            services.AddSingleton<IMessageSender>(sms);
        };
        return (email, sms);
    }
}
