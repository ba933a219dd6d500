using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

public class ReminderPolicyTests
{
    /// <summary>The sample clinic's neutral sender name (samples/sample-clinic.json).</summary>
    private const string SampleClinic = "Riverside Infusion Center";

    [Fact]
    public void Default_RemindsThreeDaysAndOneDayBeforeAtTheSessionsLocalTimeAndTwoHoursBeforeOnTheDay()
    {
        var rules = ReminderPolicy.Default.Reminders.ToDictionary(r => r.Kind, r => r.Offset);

        Assert.Equal(3, rules.Count);
        Assert.Equal(ReminderOffset.DaysBefore(3), rules[ReminderKind.Confirm]);
        Assert.True(rules[ReminderKind.Confirm].IsWallClock);
        Assert.Equal(ReminderOffset.DaysBefore(1), rules[ReminderKind.Prepare]);
        Assert.Equal(ReminderOffset.Before(Duration.FromHours(2)), rules[ReminderKind.SameDay]);
        Assert.False(rules[ReminderKind.SameDay].IsWallClock);
    }

    [Fact]
    public void Default_SendsOnlyFromNineToEightLocal()
    {
        var sending = ReminderPolicy.Default.QuietHours.Sending;

        Assert.Equal(new LocalTime(9, 0), sending.From);
        Assert.Equal(new LocalTime(20, 0), sending.To);
    }

    [Fact]
    public void Default_CapsSmsAtOneADayAndThreeAWeek()
    {
        Assert.Equal(1, ReminderPolicy.Default.SmsCaps.PerDay);
        Assert.Equal(3, ReminderPolicy.Default.SmsCaps.PerWeek);
    }

    [Fact]
    public void Default_SenderNameAndTemplatesRevealNoTreatment()
    {
        var policy = ReminderPolicy.Default;

        Assert.Equal("Clinic reminders", policy.SenderName);
        Assert.Contains("ketamine", policy.ForbiddenWords.Words);
        Assert.Contains("Spravato", policy.ForbiddenWords.Words);
        foreach (var (kind, template) in policy.Templates.All)
        {
            Assert.Null(policy.ForbiddenWords.FindIn(template.Body));
            Assert.Null(policy.ForbiddenWords.FindIn(template.Subject ?? ""));
        }
    }

    [Fact]
    public void Create_WithTheSameKindTwice_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() => new ReminderPolicyBuilder()
            .With(ReminderKind.Confirm, ReminderOffset.DaysBefore(3))
            .With(ReminderKind.Confirm, ReminderOffset.DaysBefore(2))
            .Build());

        Assert.Equal("reminders", error.Field);
    }

    [Theory]
    [InlineData("Riverside Ketamine Center")]
    [InlineData("KETAMINE clinic")]
    [InlineData("Esketamine Partners")]
    public void Create_WithASenderNameRevealingTheTreatment_IsRefused(string name)
    {
        var error = Assert.Throws<InvalidValueException>(() => new ReminderPolicyBuilder().WithSenderName(name).Build());

        Assert.Equal("senderName", error.Field);
    }

    [Theory]
    [InlineData("{clinic}: your Spravato session {date} {time}. {link} {stop}")]
    [InlineData("{clinic}: your SPRAVATO session {date} {time}. {link} {stop}")]
    [InlineData("{clinic}: ketamine {date} {time}. {link} {stop}")]
    public void SaveTemplate_ContainingAForbiddenWordInAnyCase_IsRefused(string text)
    {
        var error = Assert.Throws<InvalidValueException>(() =>
            ReminderPolicy.Default.WithTemplate(ReminderKind.SameDay, new MessageTemplate(ContactChannel.Sms, text)));

        Assert.Equal("templates.sameDay.sms", error.Field);
        Assert.Contains("reveal the treatment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveTemplate_WithAForbiddenWordInTheEmailSubject_IsRefused()
    {
        var template = new MessageTemplate(ContactChannel.Email, "{clinic} {date} {time} {link}", "Your esketamine visit");

        var error = Assert.Throws<InvalidValueException>(() => ReminderPolicy.Default.WithTemplate(ReminderKind.Confirm, template));

        Assert.Equal("templates.confirm.email.subject", error.Field);
    }

    [Fact]
    public void SaveTemplate_WithWordsTheClinicForbids_IsRefused()
    {
        var builder = new ReminderPolicyBuilder().WithForbiddenWords("depression")
            .WithTemplate(ReminderKind.SameDay, new MessageTemplate(ContactChannel.Sms,
                "{clinic}: depression care {date} {time}. {link} {stop}"));

        Assert.Throws<InvalidValueException>(builder.Build);
    }

    [Fact]
    public void SampleClinic_EveryDefaultSmsFitsInOneMessageInTheWorstCase()
    {
        var policy = ReminderPolicy.Default.WithSenderName(SampleClinic);

        foreach (var kind in ReminderKinds.Timed)
        {
            var sms = policy.WorstCaseSms(kind).Body;
            var (units, unicode) = SmsText.Measure(sms);
            Assert.False(unicode, sms);
            Assert.True(units <= 160, $"{kind}: {units} characters: {sms}");
            Assert.Contains(SampleClinic, sms, StringComparison.Ordinal);
            Assert.Contains("Wed 29 Sep", sms, StringComparison.Ordinal);
            Assert.Contains("12:45 PM", sms, StringComparison.Ordinal);
            Assert.Contains(new string('x', 40), sms, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SaveTemplate_WhenTheSampleClinicsSmsCanExceed160Characters_IsRefused()
    {
        var policy = ReminderPolicy.Default.WithSenderName(SampleClinic);
        var wordy = new MessageTemplate(ContactChannel.Sms,
            "{clinic}: this is a friendly reminder of your appointment on {date} at {time}. Reply C to confirm. To change it: {link} {stop}");

        var error = Assert.Throws<InvalidValueException>(() => policy.WithTemplate(ReminderKind.Confirm, wordy));

        Assert.Equal("templates.confirm.sms", error.Field);
        Assert.Contains("160", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveSenderName_TooLongForTheSmsTemplates_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() =>
            ReminderPolicy.Default.WithSenderName("Riverside Infusion and Wellness Center"));

        Assert.StartsWith("templates.", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveTemplate_WithALongerExpectedLink_IsCheckedAgainstThatLength()
    {
        Assert.Throws<InvalidValueException>(() => new ReminderPolicyBuilder().WithSenderName(SampleClinic).WithLinkLength(60).Build());
    }

    [Fact]
    public void SaveTemplate_WithACharacterOutsideTheSmsAlphabet_IsCheckedAgainstSeventy()
    {
        var curly = new MessageTemplate(ContactChannel.Sms, "{clinic}: we’ll see you {date} at {time}. {link} {stop}");

        var error = Assert.Throws<InvalidValueException>(() => ReminderPolicy.Default.WithTemplate(ReminderKind.SameDay, curly));

        Assert.Contains("70", error.Message, StringComparison.Ordinal);
    }
}
