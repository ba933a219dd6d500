using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Series;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Reminders;

namespace Scheduler.Application.Reminders;

/// <summary>One reminder: its kind ("confirm", "prepare", "sameDay") and either days before (same local time) or minutes before.</summary>
public sealed record ReminderRuleInput(string? Kind, int? DaysBefore, int? MinutesBefore);

/// <summary>Reminders are sent from <c>SendFrom</c> to <c>SendUntil</c>, clinic wall-clock "HH:mm"; the rest of the day is quiet.</summary>
public sealed record QuietHoursInput(string? SendFrom, string? SendUntil);

public sealed record SmsCapsInput(int? PerDay, int? PerWeek);

/// <summary>A template for one reminder kind on one channel ("sms" or "email"); email has a subject.</summary>
public sealed record TemplateInput(string? Kind, string? Channel, string? Body, string? Subject);

/// <summary>
/// A clinic's reminder policy as the API takes and shows it (and as it is stored). Anything left
/// out keeps the default; templates given replace the default of their kind and channel.
/// </summary>
public sealed record ReminderPolicyInput(
    string? SenderName,
    List<ReminderRuleInput>? Reminders,
    QuietHoursInput? QuietHours,
    SmsCapsInput? SmsCaps,
    List<string>? ForbiddenWords,
    List<TemplateInput>? Templates)
{
    private const int MaxItems = 50;

    /// <summary>Builds and checks the policy; a broken one throws <see cref="InvalidValueException"/> naming the field.</summary>
    public ReminderPolicy ToPolicy(int linkLength)
    {
        var fallback = ReminderPolicy.Default;
        if ((Reminders?.Count ?? 0) > MaxItems || (Templates?.Count ?? 0) > MaxItems)
            throw new InvalidValueException("reminders", $"At most {MaxItems} reminders and templates.");
        var rules = Reminders is null ? fallback.Reminders : Reminders.Select(Rule).ToList();
        var quiet = QuietHours is null
            ? fallback.QuietHours
            : new Domain.Reminders.QuietHours(Parse.Time(QuietHours.SendFrom, "quietHours.sendFrom"), Parse.Time(QuietHours.SendUntil, "quietHours.sendUntil"));
        var caps = SmsCaps is null
            ? fallback.SmsCaps
            : new ContactCaps(Parse.Required(SmsCaps.PerDay, "smsCaps.perDay"), Parse.Required(SmsCaps.PerWeek, "smsCaps.perWeek"));
        var words = ForbiddenWords is null ? fallback.ForbiddenWords : new Domain.Reminders.ForbiddenWords(ForbiddenWords);
        var templates = fallback.Templates;
        foreach (var t in Templates ?? [])
        {
            var kind = Kind(t?.Kind, "templates.kind");
            var channel = Channel(t?.Channel, "templates.channel");
            MessageTemplate template;
            try
            {
                template = new MessageTemplate(channel, t?.Body ?? "", channel == ContactChannel.Email ? t?.Subject ?? "" : t?.Subject);
            }
            catch (InvalidValueException e)
            {
                // Name the template the way the request does, not the template's own field.
                var field = ReminderPolicy.FieldOf(kind, channel) + (e.Field == "subject" ? ".subject" : "");
                throw new InvalidValueException(field, e.Message);
            }
            templates = templates.With(kind, template);
        }
        return new ReminderPolicy(rules, quiet, caps, SenderName ?? fallback.SenderName, words, templates, linkLength);
    }

    public static ReminderPolicyInput From(ReminderPolicy policy) =>
        new(policy.SenderName,
            policy.Reminders.Select(r => new ReminderRuleInput(SessionView.Name(r.Kind),
                r.Offset.IsWallClock ? r.Offset.Days : null,
                r.Offset.IsWallClock ? null : (int)r.Offset.Duration.TotalMinutes)).ToList(),
            new QuietHoursInput(Formatting.Time(policy.QuietHours.Sending.From), Formatting.Time(policy.QuietHours.Sending.To)),
            new SmsCapsInput(policy.SmsCaps.PerDay, policy.SmsCaps.PerWeek),
            policy.ForbiddenWords.Words.ToList(),
            policy.Templates.All
                .OrderBy(t => t.Kind).ThenBy(t => t.Template.Channel)
                .Select(t => new TemplateInput(SessionView.Name(t.Kind), SessionView.Name(t.Template.Channel), t.Template.Body, t.Template.Subject))
                .ToList());

    private static ReminderRule Rule(ReminderRuleInput? input)
    {
        var kind = Kind(input?.Kind, "reminders.kind");
        var offset = (input?.DaysBefore, input?.MinutesBefore) switch
        {
            ({ } days, null) => ReminderOffset.DaysBefore(days),
            (null, { } minutes) => ReminderOffset.Before(Duration.FromMinutes(minutes)),
            _ => throw new InvalidValueException("reminders", $"The {SessionView.Name(kind)} reminder needs either daysBefore or minutesBefore, not both."),
        };
        return new ReminderRule(kind, offset);
    }

    private static ReminderKind Kind(string? text, string field) =>
        Enum.TryParse<ReminderKind>(text, ignoreCase: true, out var kind) && kind.IsTimed() && !int.TryParse(text, out _)
            ? kind
            : throw new InvalidValueException(field, $"'{text}' is not a reminder kind (confirm, prepare, sameDay).");

    private static ContactChannel Channel(string? text, string field) =>
        Enum.TryParse<ContactChannel>(text, ignoreCase: true, out var channel) && Enum.IsDefined(channel) && !int.TryParse(text, out _)
            ? channel
            : throw new InvalidValueException(field, $"'{text}' is not a channel (sms, email).");
}
