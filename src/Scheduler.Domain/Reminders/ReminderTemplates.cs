using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// A clinic's templates: exactly one per reminder kind and channel. The defaults use plain
/// characters only (GSM 7-bit), so an SMS keeps its 160 characters.
/// </summary>
public sealed class ReminderTemplates
{
    private readonly Dictionary<(ReminderKind, ContactChannel), MessageTemplate> _templates;

    public ReminderTemplates(IEnumerable<KeyValuePair<ReminderKind, MessageTemplate>> templates)
    {
        _templates = [];
        foreach (var (kind, template) in templates)
        {
            if (!kind.IsTimed())
                throw new InvalidValueException("templates", $"The {kind} message has fixed texts; a policy sets templates for confirm, prepare and sameDay only.");
            if (!_templates.TryAdd((kind, template.Channel), template))
                throw new InvalidValueException("templates", $"There is more than one {template.Channel} template for the {kind} reminder.");
        }
        foreach (var kind in ReminderKinds.Timed)
        {
            foreach (var channel in Enum.GetValues<ContactChannel>())
            {
                if (!_templates.ContainsKey((kind, channel)))
                    throw new InvalidValueException("templates", $"The {kind} reminder needs a {channel} template.");
            }
        }
    }

    public static ReminderTemplates Default { get; } = new(
    [
        new(ReminderKind.Confirm, new MessageTemplate(ContactChannel.Sms,
            "{clinic}: appointment {date} {time}. Reply C to confirm. To change: {link} {stop}")),
        new(ReminderKind.Prepare, new MessageTemplate(ContactChannel.Sms,
            "{clinic} {date} {time}: fast, bring a driver, no driving till next day. {link} {stop}")),
        new(ReminderKind.SameDay, new MessageTemplate(ContactChannel.Sms,
            "{clinic}: see you {date} at {time}. {link} {stop}")),
        new(ReminderKind.Confirm, new MessageTemplate(ContactChannel.Email,
            "Hello,\n\nThis is a reminder of your appointment at {clinic} on {date} at {time}.\n\n" +
            "Please confirm it, or cancel or change it, here: {link}\n\n{stop}",
            "Your appointment on {date} at {time}")),
        new(ReminderKind.Prepare, new MessageTemplate(ContactChannel.Email,
            "Hello,\n\nYour appointment at {clinic} is on {date} at {time}. To prepare:\n" +
            "- Follow the fasting instructions you were given.\n" +
            "- Bring an adult to drive you home.\n" +
            "- Do not drive until the next day.\n\n" +
            "To confirm, cancel or change it: {link}\n\n{stop}",
            "Getting ready for your appointment on {date}")),
        new(ReminderKind.SameDay, new MessageTemplate(ContactChannel.Email,
            "Hello,\n\nWe look forward to seeing you at {clinic} on {date} at {time}. Please bring your driver.\n\n" +
            "To cancel or change: {link}\n\n{stop}",
            "See you on {date} at {time}")),
    ]);

    public IEnumerable<(ReminderKind Kind, MessageTemplate Template)> All =>
        _templates.Select(t => (t.Key.Item1, t.Value));

    public MessageTemplate For(ReminderKind kind, ContactChannel channel) => _templates[(kind, channel)];

    /// <summary>The same set with <paramref name="template"/> replacing the one for its kind and channel.</summary>
    public ReminderTemplates With(ReminderKind kind, MessageTemplate template) =>
        new(_templates
            .Where(t => t.Key != (kind, template.Channel))
            .Select(t => new KeyValuePair<ReminderKind, MessageTemplate>(t.Key.Item1, t.Value))
            .Append(new(kind, template)));
}
