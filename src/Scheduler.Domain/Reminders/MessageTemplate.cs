using System.Text.RegularExpressions;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;

namespace Scheduler.Domain.Reminders;

/// <summary>A rendered message: the subject is set for email only.</summary>
public sealed record RenderedMessage(string? Subject, string Body);

/// <summary>
/// A clinic's text for one reminder on one channel, with placeholders {clinic}, {date}, {time},
/// {link} and {stop}. No other placeholder exists, so no template can ask for a protocol, drug or
/// diagnosis. Every template names the clinic, the date and time and the link to confirm or
/// cancel; every SMS says how to stop. Email has a subject; SMS has none.
/// </summary>
public sealed partial class MessageTemplate
{
    public const int MaxSmsTemplateLength = 320;
    public const int MaxEmailBodyLength = 4000;
    public const int MaxSubjectLength = 150;

    public static readonly IReadOnlyList<string> Placeholders = ["clinic", "date", "time", "link", "stop"];

    private static readonly string[] RequiredEverywhere = ["clinic", "date", "time", "link"];

    public MessageTemplate(ContactChannel channel, string body, string? subject = null)
    {
        Channel = channel;
        var field = channel == ContactChannel.Sms ? "smsTemplate" : "emailTemplate";
        Body = CheckText(body, field, channel == ContactChannel.Sms ? MaxSmsTemplateLength : MaxEmailBodyLength);
        if (channel == ContactChannel.Sms)
        {
            if (subject is not null)
                throw new InvalidValueException("subject", "An SMS has no subject.");
        }
        else
        {
            Subject = Text.Required(subject, "subject", MaxSubjectLength);
            CheckPlaceholders(Subject, "subject", []);
        }
        CheckPlaceholders(Body, field, channel == ContactChannel.Sms ? [.. RequiredEverywhere, "stop"] : RequiredEverywhere);
    }

    public ContactChannel Channel { get; }
    public string Body { get; }
    public string? Subject { get; }

    public RenderedMessage Render(TemplateValues values) =>
        new(Subject is null ? null : Fill(Subject, values), Fill(Body, values));

    private static string Fill(string text, TemplateValues values) =>
        PlaceholderPattern().Replace(text, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "clinic" => values.Clinic,
            "date" => values.Date,
            "time" => values.Time,
            "link" => values.Link,
            "stop" => values.Stop,
            _ => m.Value,
        });

    /// <summary>Like <see cref="Text.Required"/>, but line breaks are allowed (as "\n").</summary>
    private static string CheckText(string? value, string field, int maxLength)
    {
        var text = (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0)
            throw new InvalidValueException(field, $"{field} is required.");
        if (text.Length > maxLength)
            throw new InvalidValueException(field, $"{field} is {text.Length} characters long; at most {maxLength} are allowed.");
        if (text.Any(c => char.IsControl(c) && c != '\n'))
            throw new InvalidValueException(field, $"{field} contains control characters.");
        return text;
    }

    private static void CheckPlaceholders(string text, string field, string[] required)
    {
        var used = PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        var unknown = used.Where(p => !Placeholders.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new InvalidValueException(field,
                $"Unknown placeholder {string.Join(", ", unknown.Select(p => "{" + p + "}"))}; the allowed ones are {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}.");
        var missing = required.Where(p => !used.Contains(p)).ToList();
        if (missing.Count > 0)
            throw new InvalidValueException(field,
                $"The template must contain {string.Join(", ", missing.Select(p => "{" + p + "}"))}.");
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PlaceholderPattern();
}
