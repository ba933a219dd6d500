using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

public class MessageTemplateTests
{
    private static readonly TestClinic Clinic = new ClinicBuilder().Build();
    private const string Link = "https://rvc.example/r/Ab3dE6gH9jK2mN5pQ8s";

    [Fact]
    public void Render_FillsEveryPlaceholderWithTheSessionInClinicTime()
    {
        var template = new MessageTemplate(ContactChannel.Sms, "{clinic}|{date}|{time}|{link}|{stop}");
        // Tuesday 14 December 2027 09:30 in New York is 14:30 UTC.
        var session = Instant.FromUtc(2027, 12, 14, 14, 30);

        var sms = template.Render(TemplateValues.ForSms(ReminderPolicy.Default, session, Clinic.Zone, Link));

        Assert.Equal($"Clinic reminders|Tue 14 Dec|9:30 AM|{Link}|Reply STOP to opt out", sms.Body);
        Assert.Null(sms.Subject);
    }

    [Fact]
    public void Render_AfternoonTime_IsTwelveHourWithPm()
    {
        Assert.Equal("12:45 PM", TemplateValues.FormatTime(new LocalTime(12, 45)));
        Assert.Equal("4:05 PM", TemplateValues.FormatTime(new LocalTime(16, 5)));
        Assert.Equal("Mon 3 Jan", TemplateValues.FormatDate(new LocalDate(2028, 1, 3)));
    }

    [Fact]
    public void Render_Email_FillsSubjectAndBody()
    {
        var template = ReminderTemplates.Default.For(ReminderKind.Prepare, ContactChannel.Email);
        var session = Instant.FromUtc(2027, 12, 14, 14, 30);

        var email = template.Render(TemplateValues.ForEmail(ReminderPolicy.Default, session, Clinic.Zone, Link, "Unsubscribe: https://rvc.example/u/1"));

        Assert.Equal("Getting ready for your appointment on Tue 14 Dec", email.Subject);
        Assert.Contains("at Clinic reminders is on Tue 14 Dec at 9:30 AM", email.Body, StringComparison.Ordinal);
        Assert.Contains(Link, email.Body, StringComparison.Ordinal);
        Assert.EndsWith("Unsubscribe: https://rvc.example/u/1", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{", email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultTemplates_ExistForEveryKindAndChannelAndRenderWithoutPlaceholdersLeft()
    {
        var session = Instant.FromUtc(2027, 12, 14, 14, 30);
        foreach (var kind in ReminderKinds.Timed)
        {
            var sms = ReminderTemplates.Default.For(kind, ContactChannel.Sms)
                .Render(TemplateValues.ForSms(ReminderPolicy.Default, session, Clinic.Zone, Link));
            var email = ReminderTemplates.Default.For(kind, ContactChannel.Email)
                .Render(TemplateValues.ForEmail(ReminderPolicy.Default, session, Clinic.Zone, Link, "stop"));
            Assert.DoesNotContain("{", sms.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("{", email.Body + email.Subject, StringComparison.Ordinal);
            Assert.True(SmsText.FitsOneSms(sms.Body), sms.Body);
        }
    }

    [Theory]
    [InlineData("{protocol}")]
    [InlineData("{drug}")]
    [InlineData("{diagnosis}")]
    [InlineData("{patient}")]
    public void Create_WithAnUnknownPlaceholder_IsRefused(string placeholder)
    {
        var error = Assert.Throws<InvalidValueException>(() =>
            new MessageTemplate(ContactChannel.Sms, $"{{clinic}} {{date}} {{time}} {placeholder} {{link}} {{stop}}"));

        Assert.Contains(placeholder, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{date} {time} {link} {stop}", "{clinic}")]
    [InlineData("{clinic} {time} {link} {stop}", "{date}")]
    [InlineData("{clinic} {date} {link} {stop}", "{time}")]
    [InlineData("{clinic} {date} {time} {stop}", "{link}")]
    [InlineData("{clinic} {date} {time} {link}", "{stop}")]
    public void Create_SmsWithoutARequiredPlaceholder_IsRefused(string text, string missing)
    {
        var error = Assert.Throws<InvalidValueException>(() => new MessageTemplate(ContactChannel.Sms, text));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EmailWithoutSubject_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new MessageTemplate(ContactChannel.Email, "{clinic} {date} {time} {link}"));
    }

    [Fact]
    public void Create_SmsWithSubject_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() => new MessageTemplate(ContactChannel.Sms, "{clinic} {date} {time} {link} {stop}", "Hi"));
    }

    [Fact]
    public void Measure_CountsExtensionCharactersTwiceAndSwitchesToUnicodeForOthers()
    {
        Assert.Equal((5, false), SmsText.Measure("Hello"));
        Assert.Equal((5, false), SmsText.Measure("a[€"));
        Assert.Equal((5, true), SmsText.Measure("We’ll"));
        Assert.False(SmsText.FitsOneSms(new string('a', 161)));
        Assert.True(SmsText.FitsOneSms(new string('a', 160)));
        Assert.False(SmsText.FitsOneSms(new string('a', 70) + "’"));
    }
}
