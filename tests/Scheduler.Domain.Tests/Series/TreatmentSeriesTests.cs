namespace Scheduler.Domain.Tests.Series;

public class TreatmentSeriesTests
{
    [Fact]
    public void Book_NumbersTheSessionsInOrderAndBooksThemAll()
    {
        var clinic = new ClinicBuilder().Build();
        var patient = PatientId.New();
        var protocol = ProtocolId.New();
        var placements = Enumerable.Range(0, 3).Select(i => 2 * i)
            .Select(d => (SeriesPhase.Induction, clinic.Chairs[0].Id,
                SessionFootprint.Of(clinic.At(Moments.Monday.PlusDays(d), 9), Duration.FromMinutes(60), Duration.FromMinutes(60), clinic.Settings)))
            .Append((SeriesPhase.Maintenance, clinic.Chairs[1].Id,
                SessionFootprint.Of(clinic.At(Moments.Monday.PlusDays(32), 9), Duration.FromMinutes(60), Duration.FromMinutes(60), clinic.Settings)))
            .ToList();

        var series = TreatmentSeries.Book(clinic.Clinic.Id, patient, protocol, Moments.Now, placements);

        Assert.Equal([1, 2, 3, 4], series.Sessions.Select(s => s.Ordinal));
        Assert.All(series.Sessions, s => Assert.Equal(SessionStatus.Booked, s.Status));
        Assert.All(series.Sessions, s => Assert.Equal(series.Id, s.SeriesId));
        Assert.All(series.Sessions, s => Assert.Equal(patient, s.PatientId));
        Assert.Equal(SeriesPhase.Maintenance, series.Sessions[3].Phase);
        Assert.Equal(clinic.Chairs[1].Id, series.Sessions[3].ChairId);
        Assert.Equal(placements[2].Item3, series.Sessions[2].Footprint);
        Assert.Equal(SeriesStatus.Active, series.Status);
        Assert.Equal(Moments.Now, series.CreatedAt);
    }

    [Fact]
    public void Book_WithoutSessions_IsRefused()
    {
        Assert.Throws<InvalidValueException>(() =>
            TreatmentSeries.Book(ClinicId.New(), PatientId.New(), ProtocolId.New(), Moments.Now, []));
    }

    [Fact]
    public void Cancel_LeavesCompletedAndEndedSessionsAlone()
    {
        var series = new SeriesBuilder().WithSessions(5).Build();
        var completed = series.Sessions[0];
        var start = completed.Footprint.Start;
        completed.CheckIn(start);
        completed.StartInfusion(start);
        completed.StartObservation(start + Duration.FromHours(1));
        completed.Complete(start + Duration.FromHours(2));
        var noShow = series.Sessions[1];
        noShow.MarkNoShow(noShow.Footprint.Start + Duration.FromHours(1), Duration.FromMinutes(15), "Did not arrive");
        var cancelledBefore = series.Sessions[2];
        var cancelledAt = Moments.Now + Duration.FromDays(1);
        cancelledBefore.Cancel(cancelledAt, "Travelling");
        series.Sessions[3].Confirm(Moments.Now);
        var cancelAt = noShow.Footprint.Start + Duration.FromDays(1);

        var cancelled = series.Cancel(cancelAt, "Patient stopped treatment");

        Assert.Equal(SeriesStatus.Cancelled, series.Status);
        Assert.Equal([4, 5], cancelled.Select(s => s.Ordinal));
        Assert.Equal(SessionStatus.Completed, completed.Status);
        Assert.Null(completed.EndReason);
        Assert.Equal(SessionStatus.NoShow, noShow.Status);
        Assert.Equal("Did not arrive", noShow.EndReason);
        Assert.Equal(SessionStatus.Cancelled, cancelledBefore.Status);
        Assert.Equal("Travelling", cancelledBefore.EndReason);
        Assert.Equal(cancelledAt, cancelledBefore.EndedAt);
        Assert.All(series.Sessions.Skip(3), s =>
        {
            Assert.Equal(SessionStatus.Cancelled, s.Status);
            Assert.Equal("Patient stopped treatment", s.EndReason);
            Assert.Equal(cancelAt, s.EndedAt);
        });
    }

    [Fact]
    public void Cancel_LeavesASessionInProgressAlone()
    {
        var series = new SeriesBuilder().WithSessions(2).Build();
        var today = series.Sessions[0];
        today.CheckIn(today.Footprint.Start);
        today.StartInfusion(today.Footprint.Start);

        var cancelled = series.Cancel(today.Footprint.Start + Duration.FromMinutes(10), "Patient stopped treatment");

        Assert.Equal(SessionStatus.Infusing, today.Status);
        Assert.Equal([2], cancelled.Select(s => s.Ordinal));
    }

    [Fact]
    public void Cancel_LeavesACheckedInSessionToTheFrontDesk()
    {
        var series = new SeriesBuilder().WithSessions(2).Build();
        var today = series.Sessions[0];
        today.CheckIn(today.Footprint.Start - Duration.FromMinutes(10));

        var cancelled = series.Cancel(today.Footprint.Start - Duration.FromMinutes(5), "Patient stopped treatment");

        Assert.Equal(SessionStatus.CheckedIn, today.Status);
        Assert.Equal([2], cancelled.Select(s => s.Ordinal));
    }
}
