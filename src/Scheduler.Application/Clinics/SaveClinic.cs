using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Clinics;

/// <summary>Creates a clinic, or changes one. A change that would leave booked sessions outside the
/// new opening hours, on a new closure or over the new nurse or recovery-area limits is refused,
/// naming the sessions: move or cancel them first.</summary>
public sealed class SaveClinic(ISchedulerStore store, IClock clock, IActor actor)
{
    public async Task<Result<ClinicView>> Create(ClinicInput input, CancellationToken ct)
    {
        var clinic = Clinic.Create(input.Name ?? "", input.ToSettings());
        store.Add(clinic);
        store.Add(new AuditEntry(clock.GetCurrentInstant(), actor.Name, "clinic", clinic.Id.Value, "created", clinic.Name, null));
        await store.SaveChanges(ct);
        return ClinicView.Of(clinic);
    }

    public async Task<Result<ClinicView>> Update(Guid id, ClinicInput input, CancellationToken ct)
    {
        var settings = input.ToSettings();
        var name = input.Name ?? "";
        var now = clock.GetCurrentInstant();
        return await store.InBookingTransaction(new ClinicId(id), async token =>
        {
            var clinic = await store.Clinic(new ClinicId(id), token);
            if (clinic is null)
                return (Result<ClinicView>)Problem.NotFound("Clinic", id);
            var future = await store.Occupying(clinic.Id, now, now + Duration.FromDays(3660), token);
            var broken = new BookIndex(settings, future).SessionsBreakingSettings();
            if (broken.Count > 0)
            {
                var zone = clinic.Settings.Zone;
                var listed = string.Join("; ", broken.Take(5).Select(b => $"session {b.Session} at {Formats.DayTime(b.Footprint.Start, zone)}"));
                return Problem.Refused(new Refusal(RuleCode.ConflictsWithBookedSessions,
                    $"{broken.Count} booked session(s) would fall outside the new opening hours, on a closure or over the new nurse or recovery-area limits: {listed}" +
                    (broken.Count > 5 ? $" and {broken.Count - 5} more" : "") + ". Move or cancel them first."));
            }
            clinic.Update(name, settings);
            store.Add(new AuditEntry(now, actor.Name, "clinic", clinic.Id.Value, "updated", clinic.Name, null));
            await store.SaveChanges(token);
            return ClinicView.Of(clinic);
        }, r => r.Ok, ct);
    }
}
