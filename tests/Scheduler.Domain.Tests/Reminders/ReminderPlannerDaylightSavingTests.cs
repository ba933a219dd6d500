using Scheduler.Domain.Reminders;

namespace Scheduler.Domain.Tests.Reminders;

/// <summary>
/// Day-based reminders keep the session's wall-clock time across a clock change; the elapsed time
/// is then 23 or 25 hours a day. Each expected instant is written out in UTC.
/// </summary>
public class ReminderPlannerDaylightSavingTests
{
    private static readonly Instant LongBefore = Instant.FromUtc(2027, 1, 1, 12, 0);

    private static Dictionary<ReminderKind, Instant?> Plan(TestClinic clinic, Instant session) =>
        ReminderPlanner.Plan(session, clinic.Zone, ReminderPolicy.Default, LongBefore).ToDictionary(p => p.Kind, p => p.Due);

    private static TestClinic Clinic(string zone) => new ClinicBuilder().WithZone(zone).Build();

    [Fact]
    public void Plan_MondayNineAfterNewYorkSpringForward_RemindsSundayAtNineLocal()
    {
        var clinic = Clinic("America/New_York");
        var session = clinic.At(new LocalDate(2027, 3, 15), 9);
        Assert.Equal(Instant.FromUtc(2027, 3, 15, 13, 0), session);

        var due = Plan(clinic, session);

        Assert.Equal(Instant.FromUtc(2027, 3, 14, 13, 0), due[ReminderKind.Prepare]);
        Assert.Equal(new LocalDateTime(2027, 3, 14, 9, 0), clinic.Local(due[ReminderKind.Prepare]!.Value));
        Assert.Equal(Instant.FromUtc(2027, 3, 12, 14, 0), due[ReminderKind.Confirm]);
        Assert.Equal(new LocalDateTime(2027, 3, 12, 9, 0), clinic.Local(due[ReminderKind.Confirm]!.Value));
        Assert.Null(due[ReminderKind.SameDay]);
    }

    [Fact]
    public void Plan_MondayTenAfterNewYorkSpringForward_RemindsFridayAtTenLocalNotNine()
    {
        var clinic = Clinic("America/New_York");
        var session = clinic.At(new LocalDate(2027, 3, 15), 10);

        var due = Plan(clinic, session);

        // 72 elapsed hours would be Friday 09:00 EST (14:00 UTC).
        Assert.Equal(Instant.FromUtc(2027, 3, 12, 15, 0), due[ReminderKind.Confirm]);
        Assert.Equal(Instant.FromUtc(2027, 3, 14, 14, 0), due[ReminderKind.Prepare]);
    }

    [Fact]
    public void Plan_SessionOnTheNewYorkSpringForwardDay_RemindsTheDayBeforeAtTheSameLocalTime()
    {
        var clinic = Clinic("America/New_York");
        var session = clinic.At(new LocalDate(2027, 3, 14), 10);

        var due = Plan(clinic, session);

        // 24 elapsed hours would be Saturday 09:00 EST (14:00 UTC).
        Assert.Equal(Instant.FromUtc(2027, 3, 13, 15, 0), due[ReminderKind.Prepare]);
        Assert.Equal(new LocalDateTime(2027, 3, 13, 10, 0), clinic.Local(due[ReminderKind.Prepare]!.Value));
        // Two elapsed hours before is 08:00 EDT, in quiet hours: it goes at 09:00 EDT.
        Assert.Equal(Instant.FromUtc(2027, 3, 14, 13, 0), due[ReminderKind.SameDay]);
    }

    [Fact]
    public void Plan_MondayNineAfterNewYorkFallBack_RemindsSundayAndFridayAtNineLocal()
    {
        var clinic = Clinic("America/New_York");
        var session = clinic.At(new LocalDate(2027, 11, 8), 9);
        Assert.Equal(Instant.FromUtc(2027, 11, 8, 14, 0), session);

        var due = Plan(clinic, session);

        Assert.Equal(Instant.FromUtc(2027, 11, 7, 14, 0), due[ReminderKind.Prepare]);
        // 72 elapsed hours would be Friday 10:00 EDT (14:00 UTC).
        Assert.Equal(Instant.FromUtc(2027, 11, 5, 13, 0), due[ReminderKind.Confirm]);
        Assert.Equal(new LocalDateTime(2027, 11, 5, 9, 0), clinic.Local(due[ReminderKind.Confirm]!.Value));
    }

    [Fact]
    public void Plan_SessionOnTheNewYorkFallBackDay_RemindsTheDayBeforeAtTheSameLocalTime()
    {
        var clinic = Clinic("America/New_York");
        var session = clinic.At(new LocalDate(2027, 11, 7), 10);

        var due = Plan(clinic, session);

        // 24 elapsed hours would be Saturday 11:00 EDT (15:00 UTC).
        Assert.Equal(Instant.FromUtc(2027, 11, 6, 14, 0), due[ReminderKind.Prepare]);
        Assert.Equal(new LocalDateTime(2027, 11, 6, 10, 0), clinic.Local(due[ReminderKind.Prepare]!.Value));
    }

    [Fact]
    public void Plan_MondayTenAfterLondonSpringForward_RemindsFridayAndSundayAtTenLocal()
    {
        var clinic = Clinic("Europe/London");
        var session = clinic.At(new LocalDate(2027, 3, 29), 10);
        Assert.Equal(Instant.FromUtc(2027, 3, 29, 9, 0), session);

        var due = Plan(clinic, session);

        Assert.Equal(Instant.FromUtc(2027, 3, 28, 9, 0), due[ReminderKind.Prepare]);
        Assert.Equal(Instant.FromUtc(2027, 3, 26, 10, 0), due[ReminderKind.Confirm]);
        // Due 08:00 BST, in quiet hours: it goes at 09:00 BST.
        Assert.Equal(Instant.FromUtc(2027, 3, 29, 8, 0), due[ReminderKind.SameDay]);
    }

    [Fact]
    public void Plan_MondayTenAfterLondonFallBack_RemindsFridayAtTenBritishSummerTime()
    {
        var clinic = Clinic("Europe/London");
        var session = clinic.At(new LocalDate(2027, 11, 1), 10);
        Assert.Equal(Instant.FromUtc(2027, 11, 1, 10, 0), session);

        var due = Plan(clinic, session);

        Assert.Equal(Instant.FromUtc(2027, 10, 29, 9, 0), due[ReminderKind.Confirm]);
        Assert.Equal(new LocalDateTime(2027, 10, 29, 10, 0), clinic.Local(due[ReminderKind.Confirm]!.Value));
        Assert.Equal(Instant.FromUtc(2027, 10, 31, 10, 0), due[ReminderKind.Prepare]);
    }
}
