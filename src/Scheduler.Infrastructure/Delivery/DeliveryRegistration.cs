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
    /// default, or "smtp" with <see cref="SmtpOptions"/> from <c>Reminders:Email</c>) and
    /// <c>Reminders:Sms:Provider</c> ("embedded", the default, or "http" with <see cref="SmsApiOptions"/>
    /// from <c>Reminders:Sms</c>). An unknown provider or a provider without its settings stops the
    /// app at start-up, naming what is missing, rather than at the first reminder.
    /// </summary>
    public static IServiceCollection AddReminderSenders(this IServiceCollection services, IConfiguration configuration)
    {
        var emailSetting = configuration["Reminders:Email:Provider"] ?? "embedded";
        var smsSetting = configuration["Reminders:Sms:Provider"] ?? "embedded";
        var email = emailSetting.ToLowerInvariant();
        var sms = smsSetting.ToLowerInvariant();
        var smtp = email switch
        {
            "embedded" => null,
            "smtp" => Checked(configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions(), o => o.Problems(), "smtp"),
            _ => throw new InvalidOperationException($"Reminders:Email:Provider '{emailSetting}' is not known; use 'embedded' or 'smtp'."),
        };
        var smsApi = sms switch
        {
            "embedded" => null,
            "http" => Checked(configuration.GetSection(SmsApiOptions.Section).Get<SmsApiOptions>() ?? new SmsApiOptions(), o => o.Problems(), "http"),
            _ => throw new InvalidOperationException($"Reminders:Sms:Provider '{smsSetting}' is not known; use 'embedded' or 'http'."),
        };
        if (smsApi is not null)
        {
            services.AddHttpClient(HttpSmsSender.ClientName, client =>
                {
                    client.Timeout = TimeSpan.FromSeconds(smsApi.TimeoutSeconds);
                    client.MaxResponseContentBufferSize = 1024 * 1024;
                })
                // A redirect would turn the POST into a GET: better refused, naming the status, than lost.
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        }
        services.AddSingleton<IMessageSender>(sp => Email(email, smtp, sp));
        services.AddSingleton<IMessageSender>(sp => Sms(sms, smsApi, sp));
        services.AddSingleton<MessageSenders>();
        return services;
    }

    private static T Checked<T>(T options, Func<T, IReadOnlyList<string>> problems, string provider)
    {
        var found = problems(options);
        return found.Count == 0
            ? options
            : throw new InvalidOperationException($"The '{provider}' reminder provider cannot start: {string.Join(" ", found)}");
    }

    private static IMessageSender Email(string provider, SmtpOptions? smtp, IServiceProvider sp) => provider switch
    {
        "embedded" => new EmbeddedSender(ContactChannel.Email, sp.GetRequiredService<ILogger<EmbeddedSender>>()),
        "smtp" => new SmtpEmailSender(smtp!, sp.GetRequiredService<ILogger<SmtpEmailSender>>()),
        _ => throw new InvalidOperationException($"Reminders:Email:Provider '{provider}' is not known; use 'embedded' or 'smtp'."),
    };

    private static IMessageSender Sms(string provider, SmsApiOptions? smsApi, IServiceProvider sp) => provider switch
    {
        "embedded" => new EmbeddedSender(ContactChannel.Sms, sp.GetRequiredService<ILogger<EmbeddedSender>>()),
        "http" => new HttpSmsSender(sp.GetRequiredService<IHttpClientFactory>(), smsApi!, sp.GetRequiredService<ILogger<HttpSmsSender>>()),
        _ => throw new InvalidOperationException($"Reminders:Sms:Provider '{provider}' is not known; use 'embedded' or 'http'."),
    };
}
