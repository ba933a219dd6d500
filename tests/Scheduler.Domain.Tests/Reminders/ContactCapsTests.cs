using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

/// <summary>The default caps (one SMS a local day, three in seven local days) in the New York clinic.</summary>
public class ContactCapsTests
{
    private static readonly TestClinic Clinic = new ClinicBuilder().Build();
    private static readonly ContactCaps Caps = ContactCaps.Default;

    private static Instant Day(int offset, int hour = 10) => Clinic.At(Moments.Monday.PlusDays(offset), hour);

    private static Suppression? Check(Instant candidate, params Instant[] others) =>
        Caps.Check(ContactChannel.Sms, candidate, others, Clinic.Zone);

    [Fact]
    public void Check_FirstSms_IsAllowed()
    {
        Assert.Null(Check(Day(0)));
    }

    [Fact]
    public void Check_SecondSmsOnTheSameLocalDay_IsRefusedByTheDailyCap()
    {
        var refusal = Check(Day(0, 19), Day(0, 9));

        Assert.Equal(SuppressionReason.DailyCap, refusal!.Reason);
    }

    [Fact]
    public void Check_SmsOnTheNextLocalDayEvenWithinTwentyFourHours_IsAllowed()
    {
        // 19:00 Monday and 09:00 Tuesday are 14 hours apart but on different local days.
        Assert.Null(Check(Day(1, 9), Day(0, 19)));
    }

    [Fact]
    public void Check_LocalDayIsTheClinicsNotUtc()
    {
        // 18:30 and 19:30 New York time (EST) on Monday are on different UTC days (00:30 UTC is Tuesday).
        var early = Clinic.At(Moments.Monday, 18, 30);
        var late = Clinic.At(Moments.Monday, 19, 30);
        Assert.NotEqual(early.InUtc().Date, late.InUtc().Date);

        Assert.Equal(SuppressionReason.DailyCap, Check(late, early)!.Reason);
    }

    [Fact]
    public void Check_FourthSmsInSevenDays_IsRefusedByTheWeeklyCap()
    {
        var refusal = Check(Day(6), Day(0), Day(2), Day(4));

        Assert.Equal(SuppressionReason.WeeklyCap, refusal!.Reason);
    }

    [Fact]
    public void Check_FourthSmsOnTheEighthDay_IsAllowed()
    {
        Assert.Null(Check(Day(7), Day(0), Day(2), Day(4)));
    }

    [Fact]
    public void Check_CandidateBeforeScheduledMessages_CountsThemInItsWeek()
    {
        Assert.Equal(SuppressionReason.WeeklyCap, Check(Day(0), Day(2), Day(4), Day(6))!.Reason);
        Assert.Null(Check(Day(0), Day(5), Day(6), Day(7)));
    }

    [Fact]
    public void Check_Email_IsNeverCapped()
    {
        var others = new[] { Day(0, 9), Day(1), Day(2) };

        Assert.Null(Caps.Check(ContactChannel.Email, Day(0, 15), others, Clinic.Zone));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(2, 1)]
    [InlineData(1, 8)]
    public void Create_WithInconsistentCaps_IsRefused(int perDay, int perWeek)
    {
        Assert.Throws<InvalidValueException>(() => new ContactCaps(perDay, perWeek));
    }
}
