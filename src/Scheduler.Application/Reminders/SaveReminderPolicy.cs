using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Series;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Reminders;
using Scheduler.Domain.Series;

namespace Scheduler.Application.Reminders;

/// <summary>
/// A clinic's reminder policy as the API shows it. <see cref="IsDefault"/>: the clinic saved none
/// and uses the built-in one (<see cref="UpdatedAt"/> is then null). <see cref="Replanned"/> is set
/// on the answer to a change only.
/// </summary>
public sealed record ReminderPolicyView(Guid ClinicId, bool IsDefault, string? UpdatedAt, ReminderPolicyInput Policy, ReplanSummary? Replanned = null);

/// <summary>
/// What a policy change did to reminders not yet sent: of how many upcoming sessions the pending
/// messages were suppressed and planned again, and how many kinds were not planned again because
/// they had already gone out (or were being sent) for that session.
/// </summary>
public sealed record ReplanSummary(int Sessions, int Suppressed, int Planned, int AlreadySent)
{
    public static ReplanSummary None { get; } = new(0, 0, 0, 0);
}

/// <summary>
/// Saves a clinic's reminder policy, or puts it back to the defaults, and applies it to the
/// reminders not yet sent, all under the clinic's booking lock (so no booking plans reminders with
/// the old policy in between).
/// <para>
/// Bad input (a forbidden word, an SMS that can exceed one message with the real link length, an
/// unknown placeholder, caps out of range...) throws <see cref="InvalidValueException"/> naming the
/// field before anything is read or written. Saving the policy already in use changes nothing.
/// </para>
/// <para>
/// Re-planning: when what planning depends on changed (the reminders and their offsets, or quiet
/// hours), every booked or confirmed session still ahead has its pending messages suppressed as
/// <see cref="SuppressionReason.PolicyChanged"/> and planned again under the new policy, except the
/// kinds that already had their turn for the session's current start: sent, being sent, failed for
/// good (it may have gone), or suppressed by the dispatcher at send time (a cap, an opt-out, already
/// confirmed). A patient never gets the same reminder twice. The sender name, templates, caps and
/// forbidden words are read when a message is sent, so a change to them alone needs no re-planning.
/// </para>
/// </summary>
public sealed class SaveReminderPolicy(ISchedulerStore store, ReminderLinks links, IClock clock, IActor actor)
{
    /// <summary>The sessions looked at for re-planning start before now plus this (as far ahead as the book can reach).</summary>
    private static readonly Duration Horizon = Duration.FromDays(3660);

    public const string PolicyChangedText = "The clinic's reminder policy changed; its reminders were planned again.";

    public Task<Result<ReminderPolicyView>> Save(Guid clinicId, ReminderPolicyInput input, CancellationToken ct) =>
        Apply(new ClinicId(clinicId), input.ToPolicy(links.LinkLength), ct);

    /// <summary>Removes the clinic's saved policy: it uses <see cref="ReminderPolicy.Default"/> again.</summary>
    public Task<Result<ReminderPolicyView>> Reset(Guid clinicId, CancellationToken ct) =>
        Apply(new ClinicId(clinicId), null, ct);

    /// <summary><paramref name="policy"/> null: back to the defaults.</summary>
    private async Task<Result<ReminderPolicyView>> Apply(ClinicId id, ReminderPolicy? policy, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return await store.InBookingTransaction(id, async token =>
        {
            var clinic = await store.Clinic(id, token);
            if (clinic is null)
                return (Result<ReminderPolicyView>)Problem.NotFound("Clinic", id.Value);
            var saved = await store.SavedReminderPolicy(id, token);
            var before = saved?.Policy ?? ReminderPolicy.Default;
            var after = policy ?? ReminderPolicy.Default;
            var changes = PolicyChanges.Between(before, after);
            if (policy is null ? saved is null : changes.Count == 0)
                return ReminderPolicyQueries.View(clinic, saved, ReplanSummary.None);

            if (policy is null)
                store.Remove(saved!);
            else if (saved is null)
                store.Add(saved = ClinicReminderPolicy.Of(id, policy, now));
            else
                saved.Replace(policy, now);

            var replanned = PolicyChanges.AffectPlanning(before, after) ? await Replan(clinic, after, now, token) : ReplanSummary.None;
            var what = changes.Count == 0 ? "nothing differs from the defaults" : "changed " + string.Join(", ", changes);
            store.Add(new AuditEntry(now, actor.Name, "clinic", id.Value, policy is null ? "reminder policy reset" : "reminder policy saved",
                $"{what}; reminders of {replanned.Sessions} upcoming session(s) planned again ({replanned.Suppressed} suppressed, " +
                $"{replanned.Planned} planned, {replanned.AlreadySent} already sent and kept)", null));
            await store.SaveChanges(token);
            return ReminderPolicyQueries.View(clinic, policy is null ? null : saved, replanned);
        }, r => r.Ok, ct);
    }

    private async Task<ReplanSummary> Replan(Clinic clinic, ReminderPolicy policy, Instant now, CancellationToken ct)
    {
        var zone = clinic.Settings.Zone;
        var sessions = (await store.SessionsStarting(clinic.Id, now, now + Horizon, ct))
            .Where(s => s.Status.IsUpcoming() && s.Footprint.Start > now)
            .ToList();
        int touched = 0, suppressed = 0, planned = 0, alreadySent = 0;
        foreach (var session in sessions)
        {
            var start = session.Footprint.Start;
            var messages = await store.MessagesOfSession(session.Id, ct);
            var hadTheirTurn = messages.Where(m => m.SessionStart == start && HadItsTurn(m)).Select(m => m.Kind).ToHashSet();
            var pending = messages.Where(m => m.IsPending).ToList();
            foreach (var message in pending)
            {
                if (message.Suppress(SuppressionReason.PolicyChanged, PolicyChangedText, now) is null)
                    suppressed++;
            }
            foreach (var reminder in ReminderPlanner.Plan(start, zone, policy, now))
            {
                if (hadTheirTurn.Contains(reminder.Kind))
                {
                    alreadySent++;
                    continue;
                }
                store.Add(ReminderMessage.Plan(clinic.Id, session.Id, session.PatientId, start, reminder, ReminderLinks.NewCode(), now));
                planned++;
            }
            touched++;
        }
        return new ReplanSummary(touched, suppressed, planned, alreadySent);
    }

    /// <summary>
    /// Whether the message's kind already had its go: it went out (or may have), or the dispatcher
    /// decided at send time not to send it. A message suppressed at planning has no due time; one
    /// suppressed because the session moved, was cancelled or the policy changed was replaced, not decided.
    /// </summary>
    private static bool HadItsTurn(ReminderMessage m) =>
        m.Status is MessageStatus.Sent or MessageStatus.Sending
        || m.HasFailedForGood
        || (m.Status == MessageStatus.Suppressed && m.DueAt is not null
            && m.Reason is not (SuppressionReason.PolicyChanged or SuppressionReason.SessionMoved or SuppressionReason.SessionCancelled));
}

/// <summary>Reads a clinic's reminder policy and previews what patients would get under one.</summary>
public sealed class ReminderPolicyQueries(ISchedulerStore store, ReminderLinks links)
{
    /// <summary>
    /// The sample session of a preview: the longest date and time to write (a two-digit day and
    /// "12:45 PM"), as <see cref="ReminderPolicy.WorstCaseSms"/> uses for the SMS length check.
    /// </summary>
    private static readonly LocalDate SampleDate = new(2027, 9, 29);

    private static readonly LocalTime SampleTime = new(12, 45);

    public async Task<Result<ReminderPolicyView>> Get(Guid clinicId, CancellationToken ct)
    {
        var clinic = await store.Clinic(new ClinicId(clinicId), ct);
        if (clinic is null)
            return Problem.NotFound("Clinic", clinicId);
        return View(clinic, await store.SavedReminderPolicy(clinic.Id, ct), null);
    }

    /// <summary>
    /// Every SMS and email template of <paramref name="input"/> rendered for a worst-case session,
    /// with lengths and SMS segments. Checks the policy as saving would (bad input throws); writes nothing.
    /// </summary>
    public async Task<Result<ReminderPolicyPreview>> Preview(Guid clinicId, ReminderPolicyInput input, CancellationToken ct)
    {
        var policy = input.ToPolicy(links.LinkLength);
        if (await store.Clinic(new ClinicId(clinicId), ct) is null)
            return Problem.NotFound("Clinic", clinicId);
        var link = new string('x', policy.LinkLength);
        var used = policy.Reminders.Select(r => r.Kind).ToHashSet();
        var messages = policy.Templates.All
            .OrderBy(t => t.Kind).ThenBy(t => t.Template.Channel)
            .Select(t =>
            {
                var rendered = t.Template.Channel == ContactChannel.Sms
                    ? policy.WorstCaseSms(t.Kind)
                    : t.Template.Render(new TemplateValues(policy.SenderName, SampleDate, SampleTime, link, ReminderDispatcher.EmailStop));
                return new PreviewMessage(SessionView.Name(t.Kind), SessionView.Name(t.Template.Channel), used.Contains(t.Kind),
                    rendered.Subject, rendered.Body, rendered.Body.Length,
                    t.Template.Channel == ContactChannel.Sms ? SmsPreview.Of(rendered.Body) : null);
            })
            .ToList();
        return new ReminderPolicyPreview(policy.SenderName, TemplateValues.FormatDate(SampleDate), TemplateValues.FormatTime(SampleTime),
            policy.LinkLength, messages);
    }

    internal static ReminderPolicyView View(Clinic clinic, ClinicReminderPolicy? saved, ReplanSummary? replanned) =>
        new(clinic.Id.Value, saved is null, Formatting.Local(saved?.UpdatedAt, clinic.Settings.Zone),
            ReminderPolicyInput.From(saved?.Policy ?? ReminderPolicy.Default), replanned);
}

/// <summary>
/// What patients would get under a policy, for a sample session on <see cref="Date"/> at
/// <see cref="Time"/> (the longest to write) with a link of <see cref="LinkLength"/> characters,
/// shown as x's: the same worst case the SMS length check uses.
/// </summary>
public sealed record ReminderPolicyPreview(string SenderName, string Date, string Time, int LinkLength, IReadOnlyList<PreviewMessage> Messages);

/// <summary>
/// One template rendered. <see cref="Length"/> is in characters; <see cref="Used"/> says whether the
/// policy sends this kind at all; <see cref="Sms"/> is set for SMS only.
/// </summary>
public sealed record PreviewMessage(string Kind, string Channel, bool Used, string? Subject, string Body, int Length, SmsPreview? Sms);

/// <summary>
/// How an SMS travels: "gsm7" (160 units in one SMS, 153 per part when split) or "ucs2" (70, 67 per
/// part) when any character is outside the GSM alphabet; <see cref="Units"/> counts GSM extension
/// characters twice. <see cref="Remaining"/> is what is left of one SMS (negative when over).
/// </summary>
public sealed record SmsPreview(string Encoding, int Units, int Limit, int Segments, int Remaining)
{
    private const int GsmPartLimit = 153;
    private const int UnicodePartLimit = 67;

    public static SmsPreview Of(string body)
    {
        var (units, unicode) = SmsText.Measure(body);
        var limit = unicode ? SmsText.UnicodeSingleLimit : SmsText.GsmSingleLimit;
        var part = unicode ? UnicodePartLimit : GsmPartLimit;
        var segments = units <= limit ? 1 : (units + part - 1) / part;
        return new SmsPreview(unicode ? "ucs2" : "gsm7", units, limit, segments, limit - units);
    }
}

/// <summary>Which parts of a reminder policy differ, in words for the audit trail, and whether planning depends on them.</summary>
internal static class PolicyChanges
{
    public static IReadOnlyList<string> Between(ReminderPolicy a, ReminderPolicy b)
    {
        var changes = new List<string>();
        if (!string.Equals(a.SenderName, b.SenderName, StringComparison.Ordinal))
            changes.Add("sender name");
        if (!SameReminders(a, b))
            changes.Add("reminders");
        if (!a.QuietHours.Sending.Equals(b.QuietHours.Sending))
            changes.Add("quiet hours");
        if (a.SmsCaps.PerDay != b.SmsCaps.PerDay || a.SmsCaps.PerWeek != b.SmsCaps.PerWeek)
            changes.Add("SMS caps");
        if (!a.ForbiddenWords.Words.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(b.ForbiddenWords.Words))
            changes.Add("forbidden words");
        if (a.Templates.All.Any(t => b.Templates.For(t.Kind, t.Template.Channel) is var other
                && (!string.Equals(t.Template.Body, other.Body, StringComparison.Ordinal) || !string.Equals(t.Template.Subject, other.Subject, StringComparison.Ordinal))))
            changes.Add("templates");
        return changes;
    }

    /// <summary>The planner reads the reminders and quiet hours only.</summary>
    public static bool AffectPlanning(ReminderPolicy a, ReminderPolicy b) =>
        !SameReminders(a, b) || !a.QuietHours.Sending.Equals(b.QuietHours.Sending);

    private static bool SameReminders(ReminderPolicy a, ReminderPolicy b) =>
        a.Reminders.Count == b.Reminders.Count
        && a.Reminders.All(r => b.Reminders.Any(o => o.Kind == r.Kind && o.Offset.Equals(r.Offset)));
}
