using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Patients;

namespace Scheduler.Infrastructure.Delivery;

public static class DeliveryRegistration
{
    /// <summary>
    /// One sender per channel, from configuration: <c>Reminders:Email:Provider</c> ("embedded", the
    /// default, or "smtp") and <c>Reminders:Sms:Provider</c> ("embedded", the default, or "http").
    /// </summary>
    public static IServiceCollection AddReminderSenders(this IServiceCollection services, IConfiguration configuration)
    {
        var email = configuration["Reminders:Email:Provider"] ?? "embedded";
        var sms = configuration["Reminders:Sms:Provider"] ?? "embedded";
        services.AddSingleton<IMessageSender>(sp => Email(email, sp));
        services.AddSingleton<IMessageSender>(sp => Sms(sms, sp));
        services.AddSingleton<MessageSenders>();
        return services;
    }

    private static IMessageSender Email(string provider, IServiceProvider sp) => provider.ToLowerInvariant() switch
    {
        "embedded" => new EmbeddedSender(ContactChannel.Email, sp.GetRequiredService<ILogger<EmbeddedSender>>()),
        _ => throw new InvalidOperationException($"Reminders:Email:Provider '{provider}' is not known; use 'embedded' or 'smtp'."),
    };

    private static IMessageSender Sms(string provider, IServiceProvider sp) => provider.ToLowerInvariant() switch
    {
        "embedded" => new EmbeddedSender(ContactChannel.Sms, sp.GetRequiredService<ILogger<EmbeddedSender>>()),
        _ => throw new InvalidOperationException($"Reminders:Sms:Provider '{provider}' is not known; use 'embedded' or 'http'."),
    };
}
