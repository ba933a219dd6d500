namespace Scheduler.Domain.Tests.Booking;

/// <summary><see cref="BookIndex.With"/>: a copy of the book with more sessions, answering as if built with them all.</summary>
public class BookIndexWithTests
{
    private static readonly LocalDate Monday = Moments.Monday;

    private static LocalTime T(int hour, int minute = 0) => new(hour, minute);

    /// <summary>
    /// Three recliners, two nurses of three patients each, a recovery area of two; a week of
    /// sessions laid one after another on each chair with seeded gaps and lengths.
    /// </summary>
    private static (TestClinic Clinic, List<BookedSession> Sessions) RandomBook(int seed)
    {
        var clinic = new ClinicBuilder()
            .WithChairs(3)
            .OpenEveryDay(T(7), T(20))
            .WithNurseShift(T(7), T(20), 2)
            .WithPatientsPerNurse(3)
            .WithRecoveryArea(2)
            .Build();
        var random = new Random(seed);
        var builder = clinic.Book();
        for (var d = 0; d < 7; d++)
        {
            foreach (var chair in clinic.Chairs)
            {
                var at = T(7).PlusMinutes(15 * random.Next(0, 8));
                while (at < T(15))
                {
                    var infusion = 45 + 15 * random.Next(0, 8);
                    builder.WithSession(chair, Monday.PlusDays(d), at, infusionMinutes: infusion, observationMinutes: 60 + 15 * random.Next(0, 4));
                    // With a recovery area the chair is held for the infusion and the turnover only.
                    at = at.PlusMinutes(infusion + 15 + 15 * random.Next(0, 6));
                }
            }
        }
        return (clinic, builder.Sessions.ToList());
    }

    /// <summary>Every rule's answer for every chair and grid start of the week, as text.</summary>
    private static List<string> Answers(TestClinic clinic, BookIndex book, Protocol protocol, PatientId patient)
    {
        var answers = new List<string>();
        for (var d = 0; d < 7; d++)
        {
            for (var m = 7 * 60; m < 20 * 60; m += 15)
            {
                var start = clinic.At(Monday.PlusDays(d), new LocalTime(m / 60, m % 60));
                foreach (var chair in clinic.Chairs)
                {
                    var refusal = BookingRules.Check(book, chair, protocol, patient, start, Moments.Now, out _);
                    answers.Add($"{start} {chair.Name} {refusal?.Code} {refusal?.Message}");
                }
            }
        }
        answers.AddRange(book.SessionsBreakingSettings().Select(s => s.Session.ToString()).Order());
        return answers;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void With_AnswersEveryRuleAsAnIndexBuiltWithAllTheSessions(int seed)
    {
        var (clinic, sessions) = RandomBook(seed);
        var protocol = clinic.Protocol().WithInfusion(90).WithObservation(75).Build();
        var patient = sessions[sessions.Count / 2].Patient;
        var random = new Random(seed);
        var shuffled = sessions.OrderBy(_ => random.Next()).ToList();
        var third = shuffled.Count / 3;

        var whole = new BookIndex(clinic.Settings, sessions);
        var grown = new BookIndex(clinic.Settings, shuffled.Take(third))
            .With(shuffled.Skip(third).Take(third).ToList())
            .With(shuffled.Skip(2 * third).ToList());

        Assert.Equal(whole.Count, grown.Count);
        Assert.Equal(Answers(clinic, whole, protocol, patient), Answers(clinic, grown, protocol, patient));
    }

    [Fact]
    public void With_LeavesTheIndexItCameFromAsItWas()
    {
        var clinic = new ClinicBuilder().Build();
        var chair = clinic.Chair("Chair 1");
        var book = clinic.Book().WithSession(chair, Monday, T(9)).Build();
        var patient = PatientId.New();
        long Ticks(LocalTime time) => clinic.At(Monday, time).ToUnixTimeTicks();
        Assert.False(book.PatientHasSessionOn(patient, Monday));

        var more = clinic.Book().WithSession(chair, Monday, T(13), patient).Sessions;
        var grown = book.With(more);

        Assert.Equal(1, book.Count);
        Assert.True(book.IsChairFree(chair.Id, Ticks(T(13)), Ticks(T(14))));
        Assert.False(book.PatientHasSessionOn(patient, Monday));
        Assert.Equal(2, grown.Count);
        Assert.Equal(more[0].Session, grown.ChairConflict(chair.Id, Ticks(T(13)), Ticks(T(14)))?.Session);
        Assert.True(grown.PatientHasSessionOn(patient, Monday));
    }
}
