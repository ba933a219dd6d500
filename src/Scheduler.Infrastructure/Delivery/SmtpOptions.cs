using System.Net.Mail;

namespace Scheduler.Infrastructure.Delivery;

/// <summary>
/// The SMTP relay reminders go through; configuration section <c>Reminders:Email</c>, read when
/// <c>Reminders:Email:Provider</c> is "smtp".
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Reminders:Email";

    /// <summary>The relay's host name or address. Required.</summary>
    public string? Host { get; set; }

    /// <summary>25 by default; 587 is the usual submission port (with <see cref="EnableSsl"/>).</summary>
    public int Port { get; set; } = 25;

    /// <summary>STARTTLS before anything is sent (System.Net.Mail has no implicit TLS on port 465).</summary>
    public bool EnableSsl { get; set; }

    /// <summary>Sign-in name; no authentication when empty.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The envelope sender and the From address; its host names the Message-ID. Required.</summary>
    public string? FromAddress { get; set; }

    /// <summary>How long one send may take, connection included, before it counts as a failure to retry.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>What is missing or wrong, one sentence per problem; empty when the options can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
            problems.Add($"{Section}:Host is required (the SMTP relay's host name).");
        if (Port is < 1 or > 65535)
            problems.Add($"{Section}:Port must be between 1 and 65535, not {Port}.");
        if (string.IsNullOrWhiteSpace(FromAddress))
            problems.Add($"{Section}:FromAddress is required (the address reminders come from).");
        else if (!MailAddress.TryCreate(FromAddress, out var from) || from.DisplayName.Length > 0 || from.Address != FromAddress.Trim())
            problems.Add($"{Section}:FromAddress '{FromAddress}' is not a plain email address.");
        if (TimeoutSeconds < 1)
            problems.Add($"{Section}:TimeoutSeconds must be at least 1, not {TimeoutSeconds}.");
        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
            problems.Add($"{Section}:Password is required when {Section}:UserName is set.");
        return problems;
    }
}
