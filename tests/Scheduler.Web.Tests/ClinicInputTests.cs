using Microsoft.Extensions.DependencyInjection;
using Scheduler.Application.Chairs;
using Scheduler.Application.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>What the clinic setup pages rely on: problems that name the item at fault, and an outage that says what it did.</summary>
public sealed class ClinicInputTests
{
    private static ClinicInput Clinic(params NurseShiftInput[] shifts) =>
        new("Harbor", "America/New_York",
            new() { ["monday"] = [new TimeRangeInput("08:00", "17:00")] },
            [], 15, 15, 15, [.. shifts], 4, null);

    private static NurseShiftInput Shift(string from = "08:00", string to = "17:00", int? nurses = 2, params string[] days) =>
        new(days.Length == 0 ? ["monday"] : [.. days], from, to, nurses);

    [Theory]
    [InlineData("12:00", "09:00", 2, "nurseShifts[1]")]
    [InlineData("09:00", "12:00", 0, "nurseShifts[1]")]
    [InlineData("09:00", "12:00", null, "nurseShifts[1].nurses")]
    [InlineData("9 am", "12:00", 2, "nurseShifts[1].from")]
    public void ToSettings_WithABadNurseShift_NamesTheShiftByItsPlace(string from, string to, int? nurses, string field)
    {
        var input = Clinic(Shift(), Shift(from, to, nurses));

        var error = Assert.Throws<InvalidValueException>(() => input.ToSettings());

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ToSettings_WithAShiftOnNoWeekday_NamesItsDays()
    {
        var input = Clinic(Shift(), new NurseShiftInput(["monday"], "08:00", "09:00", 1), new NurseShiftInput(["someday"], "08:00", "09:00", 1));

        Assert.Equal("nurseShifts[2].days", Assert.Throws<InvalidValueException>(() => input.ToSettings()).Field);
    }

    [Fact]
    public async Task TakeOutOfService_OverABookedSession_SaysItCancelledOneAndSentItToRebooking()
    {
        await using var s = await Scenario.Start();
        await s.BookOne(s.Riley, s.Recliner(5), "2026-12-08T10:00");
        await using var scope = s.App.Services.CreateAsyncScope();
        var chairs = scope.ServiceProvider.GetRequiredService<ManageChairs>();

        var result = await chairs.TakeOutOfService(s.Recliner(5), new OutOfServiceInput("2026-12-08T08:00", "2026-12-08T18:00", "Motor repair"), CancellationToken.None);

        Assert.True(result.Ok, result.Problem?.Detail);
        Assert.Equal((1, 1), (result.Value!.Cancelled, result.Value.ToRebook));
        Assert.Equal(("2026-12-08T08:00:00-05:00", "Motor repair"), (result.Value.Window.Start, result.Value.Window.Reason));
        Assert.Contains(result.Value.Chair.OutOfService, w => w.Id == result.Value.Window.Id);
        await s.WaitForRebooking();
    }

    [Fact]
    public async Task TakeOutOfService_OverAnEmptyChair_AffectsNoSession()
    {
        await using var s = await Scenario.Start();
        await using var scope = s.App.Services.CreateAsyncScope();
        var chairs = scope.ServiceProvider.GetRequiredService<ManageChairs>();

        var result = await chairs.TakeOutOfService(s.Recliner(2), new OutOfServiceInput("2026-12-08T08:00", "2026-12-08T18:00", "Cleaning"), CancellationToken.None);

        Assert.Equal((0, 0), (result.Value!.Cancelled, result.Value.ToRebook));
    }
}
