using NodaTime;
using Scheduler.Application.Background;
using Scheduler.Application.Common;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Booking;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Rebooking;

/// <summary>
/// The rebooking job: decides every pending case of a clinic, earliest disrupted session first, each
/// in its own transaction under the clinic's booking lock (so bookings made meanwhile are seen, and
/// a run cut short keeps what it decided). For each case (<see cref="RebookingSearch"/>):
/// <list type="bullet">
/// <item>no longer needed (series cancelled, the place in the series booked again): resolved;</item>
/// <item>the same start on another chair: a make-up session there, confirmed if the old one was, no question asked;</item>
/// <item>another time: a make-up session held there (later sessions moved if the spacing needs it), the patient asked by SMS or email with a signed link;</item>
/// <item>nothing fits: the front desk queue, with the reason.</item>
/// </list>
/// Safe to run twice or at once: a case is decided only while it is pending, and its row's
/// concurrency token stops a second decision.
/// </summary>
public sealed class RebookSessions(ISchedulerStore store, IClock clock, RebookingOptions options, SessionReminders reminders) : IWorkHandler<RebookWork>
{
    public const string Actor = "rebooking job";

    private enum Decision
    {
        Skipped,
        Resolved,
        SameTime,
        Held,
        FrontDesk,
    }

    public async Task<string> Run(RebookWork work, WorkContext context, CancellationToken ct)
    {
        var clinic = new ClinicId(work.ClinicId);
        var tally = new Dictionary<Decision, int>();
        // Cases opened while the run goes are picked up by a second pass.
        for (var pass = 0; pass < 3; pass++)
        {
            var pending = await store.PendingRebookings(clinic, ct);
            if (pending.Count == 0)
                break;
            foreach (var id in pending)
            {
                ct.ThrowIfCancellationRequested();
                var decision = await Decide(clinic, id, ct);
                tally[decision] = tally.GetValueOrDefault(decision) + 1;
            }
        }
        return $"{tally.GetValueOrDefault(Decision.Held)} held and asked, {tally.GetValueOrDefault(Decision.SameTime)} moved to another chair at the same time, " +
               $"{tally.GetValueOrDefault(Decision.FrontDesk)} to the front desk, {tally.GetValueOrDefault(Decision.Resolved)} no longer needed" +
               (tally.GetValueOrDefault(Decision.Skipped) > 0 ? $", {tally[Decision.Skipped]} already decided" : "") + ".";
    }

    private Task<Decision> Decide(ClinicId clinicId, Guid caseId, CancellationToken ct) =>
        store.InBookingTransaction(clinicId, async token =>
        {
            var c = await store.RebookingCase(caseId, token);
            if (c is null || c.Status != RebookingStatus.Pending)
                return Decision.Skipped;
            var now = clock.GetCurrentInstant();
            c.Attempted(now);
            var series = (await store.Series(c.SeriesId, token))!;
            var ended = series.Sessions.Single(s => s.Id == c.SessionId);
            if (NoLongerNeeded(series, c) is { } why)
            {
                c.Resolve(Actor, why, now);
                store.Add(new AuditEntry(now, Actor, "rebooking", c.Id, "resolved", why, null));
                await store.SaveChanges(token);
                return Decision.Resolved;
            }

            var clinic = (await store.Clinic(clinicId, token))!;
            var protocol = (await store.Protocol(series.ProtocolId, token))!;
            var patient = (await store.Patient(series.PatientId, token))!;
            var zone = clinic.Settings.Zone;
            var movable = series.Sessions.Where(s => s.Ordinal >= c.Ordinal && s.Status.Occupies()).ToList();
            var originalDate = c.OriginalStart.InZone(zone).Date;
            var today = now.InZone(zone).Date;
            var lastDate = movable.Select(s => s.Footprint.Start.InZone(zone).Date).DefaultIfEmpty(originalDate).Max();
            var widestGap = protocol.Maintenance is { } m ? Math.Max(m.MaxIntervalDays, protocol.Induction.MaxGapDays) : protocol.Induction.MaxGapDays;
            // The search never looks before today, nor before the window around the old day.
            var from = LocalDate.Max(today, originalDate.PlusDays(-options.SearchDays));
            var to = LocalDate.Max(originalDate.PlusDays(options.SearchDays), lastDate).PlusDays(widestGap + 1);
            var book = await ClinicBook.LoadWithout(store, clinic, from, to, movable.Select(s => s.Id).ToHashSet(), token);
            var avoidDay = c.Trigger is RebookingTrigger.PatientCancelled or RebookingTrigger.NoShow;
            var outcome = new RebookingSearch(book.Index, book.Chairs, protocol, patient.Id, patient.Availability, now, options.Limits)
                .Find(series.Sessions, c.Ordinal, null, c.OriginalStart, c.OriginalChairId, avoidDay);

            if (outcome.Plan is not { } plan)
            {
                c.ToFrontDesk(outcome.Reason!, now);
                store.Add(new AuditEntry(now, Actor, "rebooking", c.Id, "to front desk", $"after {c.Attempts} attempt(s)", outcome.Reason));
                await store.SaveChanges(token);
                return Decision.FrontDesk;
            }

            string? shifted = null;
            if (plan.Shifts.Count > 0)
            {
                var moved = new List<string>();
                foreach (var shift in plan.Shifts)
                {
                    var later = series.Sessions.Single(s => s.Id == shift.Session);
                    var was = Formats.DayTime(later.Footprint.Start, zone);
                    later.MoveTo(shift.Chair, shift.Footprint);
                    var newTime = Formats.DayTime(shift.Footprint.Start, zone);
                    moved.Add($"session {later.Ordinal} {was} → {newTime}");
                    store.Add(new AuditEntry(now, Actor, "session", later.Id.Value, "moved",
                        $"from {was} to {newTime} on {shift.Chair}", $"to keep the series spacing after session {c.Ordinal} was rebooked (case {c.Id})"));
                    await reminders.Replan(clinic, later, now, token);
                }
                shifted = string.Join("; ", moved);
            }

            var chairName = book.Chairs.First(x => x.Id == plan.Main.Chair).Name;
            var makeUp = series.AddMakeUp(ended, plan.Main.Chair, plan.Main.Footprint);
            store.Add(makeUp);
            var at = Formats.DayTime(plan.Main.Footprint.Start, zone);
            store.Add(new AuditEntry(now, Actor, "session", makeUp.Id.Value, "booked",
                $"session {makeUp.Ordinal} on {plan.Main.Chair} at {Formatting.Local(plan.Main.Footprint.Start, zone)}, in place of {ended.Id}", c.Cause));

            if (plan.SameTime)
            {
                if (ended.ConfirmedAt is not null)
                    makeUp.Confirm(now);
                c.RebookAtSameTime(makeUp.Id, plan.Main.Chair, now);
                store.Add(new AuditEntry(now, Actor, "rebooking", c.Id, "rebooked", $"same time ({at}) on {chairName}: nothing changes for the patient", null));
                await reminders.Plan(clinic, [makeUp], now, token);
                await store.SaveChanges(token);
                return Decision.SameTime;
            }

            var start = plan.Main.Footprint.Start;
            var expires = options.AnswerBy(now, start, Duration.FromHours(options.HoldHours));
            c.Hold(makeUp.Id, plan.Main.Chair, start, expires, shifted, now);
            store.Add(ReminderMessage.Immediate(ReminderKind.Rebooking, clinic.Id, makeUp.Id, patient.Id, start, c.Id, ReminderLinks.NewCode(), now));
            store.Add(new AuditEntry(now, Actor, "rebooking", c.Id, "held",
                $"{at} on {chairName} until {Formats.DayTime(expires, zone)}; patient asked" + (shifted is null ? "" : $"; moved too: {shifted}"), null));
            await store.SaveChanges(token);
            return Decision.Held;
        }, _ => true, ct);

    private static string? NoLongerNeeded(TreatmentSeries series, RebookingCase c)
    {
        if (series.Status == SeriesStatus.Cancelled)
            return "The series was cancelled: nothing to rebook.";
        if (series.Sessions.Any(s => s.Ordinal == c.Ordinal && s.Status.Occupies()))
            return $"Session {c.Ordinal} of the series is booked again already: nothing to rebook.";
        return null;
    }
}
