using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Series.Cancel;

public sealed record ReasonInput(string? Reason);

/// <summary>Cancels a series: its sessions still to come are cancelled; completed ones stay as they were.</summary>
public sealed class CancelSeries(ISchedulerStore store, IClock clock, IActor actor, SessionReminders reminders)
{
    public async Task<Result<SeriesView>> Handle(Guid seriesId, ReasonInput input, CancellationToken ct)
    {
        var probe = await store.Series(new SeriesId(seriesId), ct);
        if (probe is null)
            return Problem.NotFound("Series", seriesId);
        var reason = Text.Required(input.Reason, "reason", Text.ReasonMaxLength);
        var now = clock.GetCurrentInstant();
        return await store.InBookingTransaction(probe.ClinicId, async token =>
        {
            var series = (await store.Series(probe.Id, token))!;
            var cancelled = series.Cancel(now, reason);
            store.Add(new AuditEntry(now, actor.Name, "series", series.Id.Value, "cancelled", $"{cancelled.Count} upcoming sessions cancelled", reason));
            foreach (var s in cancelled)
            {
                store.Add(new AuditEntry(now, actor.Name, "session", s.Id.Value, "cancelled", "with its series", reason));
                await reminders.Cancel(s, $"The series was cancelled: {reason}", now, token);
                await AskForAnotherTime.Settle(store, s, $"The series was cancelled: {reason}", actor.Name, now, token);
            }
            await store.SaveChanges(token);
            var zone = (await store.Clinic(series.ClinicId, token))!.Settings.Zone;
            return (Result<SeriesView>)SeriesView.Of(series, zone);
        }, r => r.Ok, ct);
    }
}
