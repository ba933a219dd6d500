using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

/// <summary>The default reminder policy, with the parts a test cares about replaced.</summary>
public sealed class ReminderPolicyBuilder
{
    private readonly List<ReminderRule> _rules = [];
    private bool _rulesGiven;
    private QuietHours _quietHours = QuietHours.Default;
    private readonly ContactCaps _caps = ContactCaps.Default;
    private string _senderName = ReminderPolicy.DefaultSenderName;
    private ForbiddenWords _forbidden = ForbiddenWords.Default;
    private ReminderTemplates _templates = ReminderTemplates.Default;
    private int _linkLength = ReminderPolicy.DefaultLinkLength;

    /// <summary>Adds a reminder; the first call replaces the three default ones.</summary>
    public ReminderPolicyBuilder With(ReminderKind kind, ReminderOffset offset)
    {
        _rulesGiven = true;
        _rules.Add(new ReminderRule(kind, offset));
        return this;
    }

    public ReminderPolicyBuilder WithOnly(ReminderKind kind, Duration before) => With(kind, ReminderOffset.Before(before));

    public ReminderPolicyBuilder WithQuietHours(int sendFromHour, int sendUntilHour)
    {
        _quietHours = new QuietHours(new LocalTime(sendFromHour, 0), new LocalTime(sendUntilHour, 0));
        return this;
    }

    public ReminderPolicyBuilder WithSenderName(string name)
    {
        _senderName = name;
        return this;
    }

    public ReminderPolicyBuilder WithForbiddenWords(params string[] words)
    {
        _forbidden = new ForbiddenWords(words);
        return this;
    }

    public ReminderPolicyBuilder WithTemplate(ReminderKind kind, MessageTemplate template)
    {
        _templates = _templates.With(kind, template);
        return this;
    }

    public ReminderPolicyBuilder WithLinkLength(int length)
    {
        _linkLength = length;
        return this;
    }

    public ReminderPolicy Build() =>
        new(_rulesGiven ? _rules : ReminderPolicy.DefaultReminders, _quietHours, _caps, _senderName, _forbidden, _templates, _linkLength);
}
