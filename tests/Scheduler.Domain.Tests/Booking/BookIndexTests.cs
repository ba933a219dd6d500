namespace Scheduler.Domain.Tests.Booking;

public class BookIndexTests
{
    private static readonly LocalDate Monday = Moments.Monday;

    private static long Ticks(Instant instant) => instant.ToUnixTimeTicks();

    [Fact]
    public void IsChairFree_UsesHalfOpenIntervals()
    {
        var clinic = new ClinicBuilder().Build();
        var chair = clinic.Chair("Chair 1");
        // Holds the chair [09:00, 11:15).
        var book = clinic.Book().WithSession(chair, Monday, new LocalTime(9, 0)).Build();

        Assert.True(book.IsChairFree(chair.Id, Ticks(clinic.At(Monday, 7)), Ticks(clinic.At(Monday, 9))));
        Assert.True(book.IsChairFree(chair.Id, Ticks(clinic.At(Monday, 11, 15)), Ticks(clinic.At(Monday, 13))));
        Assert.False(book.IsChairFree(chair.Id, Ticks(clinic.At(Monday, 11, 14)), Ticks(clinic.At(Monday, 13))));
        Assert.False(book.IsChairFree(chair.Id, Ticks(clinic.At(Monday, 7)), Ticks(clinic.At(Monday, 9, 1))));
        Assert.False(book.IsChairFree(chair.Id, Ticks(clinic.At(Monday, 9, 30)), Ticks(clinic.At(Monday, 10))));
        Assert.False(book.IsChairFree(chair.Id, Ticks(clinic.At(Monday, 8)), Ticks(clinic.At(Monday, 12))));
    }

    [Fact]
    public void IsChairFree_FindsTheConflictAmongManySessionsOnTheChair()
    {
        var clinic = new ClinicBuilder().OpenEveryDay(new LocalTime(6, 0), new LocalTime(22, 0)).Build();
        var chair = clinic.Chair("Chair 1");
        var builder = clinic.Book();
        for (var day = 0; day < 10; day++)
        {
            builder.WithSession(chair, Monday.PlusDays(day), new LocalTime(8, 0));
            builder.WithSession(chair, Monday.PlusDays(day), new LocalTime(10, 15), infusionMinutes: 300, observationMinutes: 60);
            builder.WithSession(chair, Monday.PlusDays(day), new LocalTime(17, 30));
        }
        var book = builder.Build();
        var wednesday = Monday.PlusDays(2);

        Assert.False(book.IsChairFree(chair.Id, Ticks(clinic.At(wednesday, 15)), Ticks(clinic.At(wednesday, 16))));
        Assert.True(book.IsChairFree(chair.Id, Ticks(clinic.At(wednesday, 16, 30)), Ticks(clinic.At(wednesday, 17, 30))));
        Assert.False(book.IsChairFree(chair.Id, Ticks(clinic.At(wednesday, 16, 30)), Ticks(clinic.At(wednesday, 17, 31))));
        Assert.True(book.IsChairFree(clinic.Chair("Chair 2").Id, Ticks(clinic.At(wednesday, 15)), Ticks(clinic.At(wednesday, 16))));
    }

    [Fact]
    public void ChairConflict_GivesTheSessionHoldingTheChair()
    {
        var clinic = new ClinicBuilder().Build();
        var chair = clinic.Chair("Chair 1");
        var builder = clinic.Book()
            .WithSession(chair, Monday, new LocalTime(8, 0))
            .WithSession(chair, Monday, new LocalTime(13, 0));
        var book = builder.Build();

        var conflict = book.ChairConflict(chair.Id, Ticks(clinic.At(Monday, 14)), Ticks(clinic.At(Monday, 15)));

        Assert.Equal(builder.Sessions[1].Session, conflict?.Session);
    }

    [Fact]
    public void PatientHasSessionOn_UsesTheClinicsLocalDay()
    {
        var clinic = new ClinicBuilder().OpenEveryDay(new LocalTime(6, 0), new LocalTime(23, 0)).Build();
        var patient = PatientId.New();
        // 20:00 in New York is 01:00 UTC the next day.
        var book = clinic.Book().WithSession(clinic.Chairs[0], Monday, new LocalTime(20, 0), patient).Build();

        Assert.True(book.PatientHasSessionOn(patient, Monday));
        Assert.False(book.PatientHasSessionOn(patient, Monday.PlusDays(1)));
        Assert.False(book.PatientHasSessionOn(PatientId.New(), Monday));
    }

    [Fact]
    public void Count_IsTheNumberOfSessionsHoldingTime()
    {
        var clinic = new ClinicBuilder().Build();

        var book = clinic.Book()
            .WithSession(clinic.Chairs[0], Monday, new LocalTime(8, 0))
            .WithSession(clinic.Chairs[1], Monday, new LocalTime(8, 0))
            .Build();

        Assert.Equal(2, book.Count);
    }

    [Fact]
    public void SessionsBreakingSettings_WhenNursesAreCut_NamesTheSessionsOverTheStartLimit()
    {
        var clinic = new ClinicBuilder().WithNurses(2).WithChairs(3).Build();
        var sessions = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), Monday, new LocalTime(10, 0))
            .WithSession(clinic.Chair("Chair 2"), Monday, new LocalTime(10, 0))
            .WithSession(clinic.Chair("Chair 3"), Monday, new LocalTime(14, 0))
            .Sessions;
        var fewerNurses = new ClinicBuilder().WithNurses(1).WithChairs(3).Build().Settings;

        Assert.Empty(new BookIndex(clinic.Settings, sessions).SessionsBreakingSettings());
        Assert.Equal(sessions.Take(2).Select(s => s.Session), new BookIndex(fewerNurses, sessions).SessionsBreakingSettings().Select(s => s.Session));
    }

    [Fact]
    public void SessionsBreakingSettings_WhenAClosureOrShorterHoursAreAdded_NamesTheSessionsOutside()
    {
        var clinic = new ClinicBuilder().Build();
        var sessions = clinic.Book()
            .WithSession(clinic.Chair("Chair 1"), Monday, new LocalTime(9, 0))
            .WithSession(clinic.Chair("Chair 1"), Monday.PlusDays(1), new LocalTime(15, 0))
            .Sessions;
        var closed = new ClinicBuilder().WithClosure(Monday, "Snow day").Build().Settings;
        var shorter = new ClinicBuilder().OpenEveryDay(new LocalTime(8, 0), new LocalTime(16, 0)).Build().Settings;

        Assert.Equal([sessions[0].Session], new BookIndex(closed, sessions).SessionsBreakingSettings().Select(s => s.Session));
        Assert.Equal([sessions[1].Session], new BookIndex(shorter, sessions).SessionsBreakingSettings().Select(s => s.Session));
    }
}
