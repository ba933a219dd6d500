using System.Text.RegularExpressions;

namespace Scheduler.Infrastructure.Delivery;

/// <summary>
/// The Twilio-style SMS API reminders go through; configuration section <c>Reminders:Sms</c>, read
/// when <c>Reminders:Sms:Provider</c> is "http".
/// </summary>
public sealed partial class SmsApiOptions
{
    public const string Section = "Reminders:Sms";

    /// <summary>The API's root, such as <c>https://api.twilio.com</c>. Required.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The account the messages are posted under; also the Basic sign-in name. Required.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The Basic sign-in password. Required; keep it out of committed files.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sending number in E.164 (<c>+16175550100</c>). Required.</summary>
    public string? FromNumber { get; set; }

    /// <summary>How long one request may take before it counts as a failure to retry.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The absolute base address, checked by <see cref="Problems"/>.</summary>
    public Uri BaseUri => new(BaseUrl!.TrimEnd('/') + "/", UriKind.Absolute);

    /// <summary>What is missing or wrong, one sentence per problem; empty when the options can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(BaseUrl))
            problems.Add($"{Section}:BaseUrl is required (such as https://api.twilio.com).");
        else if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            problems.Add($"{Section}:BaseUrl '{BaseUrl}' is not an http(s) address.");
        if (string.IsNullOrWhiteSpace(AccountSid))
            problems.Add($"{Section}:AccountSid is required.");
        if (string.IsNullOrWhiteSpace(AuthToken))
            problems.Add($"{Section}:AuthToken is required.");
        if (string.IsNullOrWhiteSpace(FromNumber))
            problems.Add($"{Section}:FromNumber is required (the sending number in E.164, such as +16175550100).");
        else if (!E164().IsMatch(FromNumber))
            problems.Add($"{Section}:FromNumber '{FromNumber}' is not an E.164 number (such as +16175550100).");
        if (TimeoutSeconds < 1)
            problems.Add($"{Section}:TimeoutSeconds must be at least 1, not {TimeoutSeconds}.");
        return problems;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();
}
