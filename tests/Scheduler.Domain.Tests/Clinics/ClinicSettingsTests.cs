namespace Scheduler.Domain.Tests.Clinics;

public class ClinicSettingsTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    [InlineData(45)]
    public void Constructor_WithSlotGridThatDoesNotDivideAnHour_IsRefused(int minutes)
    {
        var error = Assert.Throws<InvalidValueException>(() => new ClinicBuilder().WithSlotGrid(minutes).BuildSettings());

        Assert.Equal("slotMinutes", error.Field);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(60)]
    public void Constructor_WithSlotGridThatDividesAnHour_IsAccepted(int minutes)
    {
        Assert.Equal(Duration.FromMinutes(minutes), new ClinicBuilder().WithSlotGrid(minutes).BuildSettings().SlotGrid);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(121)]
    public void Constructor_WithTurnoverOutsideZeroToTwoHours_IsRefused(int minutes)
    {
        Assert.Throws<InvalidValueException>(() => new ClinicBuilder().WithTurnover(minutes).BuildSettings());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void Constructor_WithPatientsPerNurseOutsideOneToTwenty_IsRefused(int k)
    {
        Assert.Throws<InvalidValueException>(() => new ClinicBuilder().WithPatientsPerNurse(k).BuildSettings());
    }

    [Fact]
    public void Constructor_WithTheSameClosureDateTwice_IsRefused()
    {
        var builder = new ClinicBuilder()
            .WithClosure(new LocalDate(2026, 12, 25), "Christmas")
            .WithClosure(new LocalDate(2026, 12, 25), "Snow day");

        var error = Assert.Throws<InvalidValueException>(builder.BuildSettings);

        Assert.Equal("closures", error.Field);
    }

    [Fact]
    public void Constructor_WithoutNurseShifts_IsRefused()
    {
        var error = Assert.Throws<InvalidValueException>(() => new ClinicSettings(
            DateTimeZoneProviders.Tzdb["America/New_York"],
            new ClinicBuilder().BuildSettings().Hours,
            [],
            ClinicSettings.DefaultSlotGrid,
            ClinicSettings.DefaultTurnover,
            ClinicSettings.DefaultNurseSetup,
            [],
            6,
            ObservationPlace.InChair));

        Assert.Equal("nurseShifts", error.Field);
    }

    [Fact]
    public void ClosureOn_GivesTheClosureOfThatDateOnly()
    {
        var settings = new ClinicBuilder().WithClosure(new LocalDate(2026, 12, 25), "Christmas").BuildSettings();

        Assert.Equal("Christmas", settings.ClosureOn(new LocalDate(2026, 12, 25))?.Reason);
        Assert.Null(settings.ClosureOn(new LocalDate(2026, 12, 24)));
    }

    [Fact]
    public void NursesAt_AddsOverlappingShiftsOnTheirDaysOnly()
    {
        var settings = new ClinicBuilder()
            .WithNurseShift(new LocalTime(7, 0), new LocalTime(15, 0), 2, IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday)
            .WithNurseShift(new LocalTime(12, 0), new LocalTime(19, 0), 1, IsoDayOfWeek.Monday)
            .BuildSettings();

        Assert.Equal(2, settings.NursesAt(IsoDayOfWeek.Monday, new LocalTime(11, 59)));
        Assert.Equal(3, settings.NursesAt(IsoDayOfWeek.Monday, new LocalTime(12, 0)));
        Assert.Equal(1, settings.NursesAt(IsoDayOfWeek.Monday, new LocalTime(15, 0)));
        Assert.Equal(2, settings.NursesAt(IsoDayOfWeek.Tuesday, new LocalTime(12, 0)));
        Assert.Equal(0, settings.NursesAt(IsoDayOfWeek.Wednesday, new LocalTime(12, 0)));
    }

    [Theory]
    [InlineData(9, 0, true)]
    [InlineData(9, 15, true)]
    [InlineData(9, 7, false)]
    [InlineData(9, 10, false)]
    public void IsOnGrid_WithFifteenMinuteGrid_AcceptsQuarterHoursOnly(int hour, int minute, bool expected)
    {
        var settings = new ClinicBuilder().WithSlotGrid(15).BuildSettings();

        Assert.Equal(expected, settings.IsOnGrid(new LocalTime(hour, minute)));
    }
}
