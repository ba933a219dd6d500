using NodaTime;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// A clinic's reminder settings: which reminders and when, quiet hours, SMS caps, the sender name
/// and the templates. Immutable; a change makes a new one, and building it checks what a clinic
/// saves: no forbidden word in the sender name or any template, and every SMS fits in one message
/// for a realistic worst case (see <see cref="WorstCaseSms"/>).
/// </summary>
public sealed class ReminderPolicy
{
    public const string DefaultSenderName = "Clinic reminders";
    public const int SenderNameMaxLength = 40;

    /// <summary>The length of the signed confirm/cancel link the SMS budget allows for.</summary>
    public const int DefaultLinkLength = 40;

    /// <summary>
    /// A session whose date and time are the longest to write: a two-digit day and "12:45 PM".
    /// Any date works as long as its day has two digits; this one is a Wednesday.
    /// </summary>
    private static readonly LocalDate WorstCaseDate = new(2027, 9, 29);
    private static readonly LocalTime WorstCaseTime = new(12, 45);

    public ReminderPolicy(
        IEnumerable<ReminderRule> reminders,
        QuietHours quietHours,
        ContactCaps smsCaps,
        string senderName,
        ForbiddenWords forbiddenWords,
        ReminderTemplates templates,
        int linkLength = DefaultLinkLength)
    {
        Reminders = reminders.ToList();
        if (Reminders.GroupBy(r => r.Kind).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidValueException("reminders", $"The {twice.Key} reminder is listed more than once.");
        QuietHours = quietHours;
        SmsCaps = smsCaps;
        ForbiddenWords = forbiddenWords;
        SenderName = Text.Required(senderName, "senderName", SenderNameMaxLength);
        forbiddenWords.Guard(SenderName, "senderName");
        if (linkLength is < 10 or > 200)
            throw new InvalidValueException("linkLength", "The link length must be 10 to 200 characters.");
        LinkLength = linkLength;
        Templates = templates;
        foreach (var (kind, template) in templates.All)
        {
            var field = FieldOf(kind, template.Channel);
            forbiddenWords.Guard(template.Body, field);
            if (template.Subject is { } subject)
                forbiddenWords.Guard(subject, field + ".subject");
            if (template.Channel == ContactChannel.Sms)
            {
                var worst = WorstCaseSms(kind).Body;
                var (units, unicode) = SmsText.Measure(worst);
                if (!SmsText.FitsOneSms(worst))
                    throw new InvalidValueException(field, unicode
                        ? $"The {kind} SMS uses characters outside the plain SMS alphabet, so one SMS holds only {SmsText.UnicodeSingleLimit}; it can reach {units}. Use plain characters or shorten it."
                        : $"The {kind} SMS can reach {units} characters with the sender name \"{SenderName}\" and a {LinkLength}-character link; one SMS holds {SmsText.GsmSingleLimit}. Shorten the template or the sender name.");
            }
        }
    }

    /// <summary>3 days before (confirm), 1 day before (prepare), both at the session's local time; 2 hours before on the day.</summary>
    public static IReadOnlyList<ReminderRule> DefaultReminders { get; } =
    [
        new(ReminderKind.Confirm, ReminderOffset.DaysBefore(3)),
        new(ReminderKind.Prepare, ReminderOffset.DaysBefore(1)),
        new(ReminderKind.SameDay, ReminderOffset.Before(Duration.FromHours(2))),
    ];

    public static ReminderPolicy Default { get; } = new(
        DefaultReminders, QuietHours.Default, ContactCaps.Default, DefaultSenderName, ForbiddenWords.Default, ReminderTemplates.Default);

    public IReadOnlyList<ReminderRule> Reminders { get; }
    public QuietHours QuietHours { get; }
    public ContactCaps SmsCaps { get; }

    /// <summary>
    /// The name messages are signed with and the SMS/email sender shows; it fills {clinic}. It is
    /// not the clinic's own name, because a name like "... Ketamine Center" reveals the treatment.
    /// </summary>
    public string SenderName { get; }

    public ForbiddenWords ForbiddenWords { get; }
    public ReminderTemplates Templates { get; }
    public int LinkLength { get; }

    /// <summary>How errors name a template: "templates.confirm.sms", as the API spells kinds and channels.</summary>
    public static string FieldOf(ReminderKind kind, ContactChannel channel) => $"templates.{Camel(kind.ToString())}.{Camel(channel.ToString())}";

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The same policy with a new template for one kind; throws if it breaks a rule above.</summary>
    public ReminderPolicy WithTemplate(ReminderKind kind, MessageTemplate template) =>
        new(Reminders, QuietHours, SmsCaps, SenderName, ForbiddenWords, Templates.With(kind, template), LinkLength);

    public ReminderPolicy WithSenderName(string senderName) =>
        new(Reminders, QuietHours, SmsCaps, senderName, ForbiddenWords, Templates, LinkLength);

    /// <summary>
    /// The longest this policy's SMS of <paramref name="kind"/> can be: the sender name as it is,
    /// the longest date and time, and a link of <see cref="LinkLength"/> characters.
    /// </summary>
    public RenderedMessage WorstCaseSms(ReminderKind kind) =>
        Templates.For(kind, ContactChannel.Sms).Render(
            new TemplateValues(SenderName, WorstCaseDate, WorstCaseTime, new string('x', LinkLength), TemplateValues.SmsStop));
}
