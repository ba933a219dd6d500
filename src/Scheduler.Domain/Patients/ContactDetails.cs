using System.Net.Mail;
using System.Text.RegularExpressions;
using Scheduler.Domain.Common;

namespace Scheduler.Domain.Patients;

/// <summary>A phone number in E.164 form: '+', a country code, up to 15 digits in all.</summary>
public readonly partial record struct PhoneNumber
{
    public PhoneNumber(string value)
    {
        var compact = (value ?? "").Trim();
        if (!E164().IsMatch(compact))
            throw new InvalidValueException("phone", $"'{Truncate(compact)}' is not a phone number in E.164 form, such as +16175550123.");
        Value = compact;
    }

    public string Value { get; }

    public override string ToString() => Value ?? "";

    private static string Truncate(string s) => s.Length > 30 ? s[..30] + "…" : s;

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}

/// <summary>An email address of at most 254 characters.</summary>
public readonly record struct EmailAddress
{
    public EmailAddress(string value)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length is 0 or > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.', StringComparison.Ordinal))
            throw new InvalidValueException("email", "The email address is not valid (for example: name@example.org).");
        Value = trimmed;
    }

    public string Value { get; }

    public override string ToString() => Value ?? "";
}

public enum ContactChannel
{
    Sms,
    Email,
}
