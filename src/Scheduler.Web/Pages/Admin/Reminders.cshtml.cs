using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime.Text;
using Scheduler.Application.Clinics;
using Scheduler.Application.Reminders;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Admin;

/// <summary>
/// The clinic's reminder policy and templates: edit and save (<see cref="SaveReminderPolicy.Save"/>,
/// which plans the reminders not yet sent again), preview every message for a worst-case session
/// (<see cref="ReminderPolicyQueries.Preview"/>, writes nothing), or go back to the defaults.
/// </summary>
public sealed class RemindersModel(CurrentClinic current, ReminderPolicyQueries queries, SaveReminderPolicy save) : PageModel
{
    /// <summary>The reminder kinds a policy times, in the order they go out.</summary>
    public static readonly string[] Kinds = ["confirm", "prepare", "sameDay"];

    public static readonly string[] Channels = ["sms", "email"];

    public sealed class RuleForm
    {
        public string Kind { get; set; } = "";
        public bool Send { get; set; }
        public int? Amount { get; set; }

        /// <summary>"days" (same wall-clock time that many days before) or "minutes".</summary>
        public string Unit { get; set; } = "days";
    }

    public sealed class TemplateForm
    {
        public string Kind { get; set; } = "";
        public string Channel { get; set; } = "";
        public string? Body { get; set; }
        public string? Subject { get; set; }
    }

    public sealed class PolicyForm
    {
        public string? SenderName { get; set; }
        public List<RuleForm> Reminders { get; set; } = [];
        public string? SendFrom { get; set; }
        public string? SendUntil { get; set; }
        public int? PerDay { get; set; }
        public int? PerWeek { get; set; }

        /// <summary>One a line (commas work too).</summary>
        public string? ForbiddenWords { get; set; }
        public List<TemplateForm> Templates { get; set; } = [];
    }

    [BindProperty]
    public PolicyForm Input { get; set; } = new();

    public ClinicView? Clinic { get; private set; }
    public ReminderPolicyView? Saved { get; private set; }
    public ReminderPolicyPreview? Preview { get; private set; }

    /// <summary>When the clinic's policy was saved, clinic-local.</summary>
    public string? SavedAt => Saved?.UpdatedAt is { } at ? Show.DateTime(OffsetDateTimePattern.ExtendedIso.Parse(at).Value.LocalDateTime) : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await Load(ct) is not null)
            Input = FormOf(Saved!.Policy);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (await Load(ct) is not { } clinic || !Check())
            return Page();
        Preview = await AdminForms.Run(ModelState, () => queries.Preview(clinic.Id, ToInput(), ct), Key);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (await Load(ct) is not { } clinic || !Check())
            return Page();
        var saved = await AdminForms.Run(ModelState, () => save.Save(clinic.Id, ToInput(), ct), Key);
        if (saved is null)
            return Page();
        TempData.Flash("Saved the reminder policy." + Replanned(saved.Replanned));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        if (await Load(ct) is not { } clinic)
            return Page();
        var reset = await AdminForms.Run(ModelState, () => save.Reset(clinic.Id, ct), _ => null);
        if (reset is null)
        {
            Input = FormOf(Saved!.Policy);
            return Page();
        }
        TempData.Flash("The clinic uses the default reminder policy again." + Replanned(reset.Replanned));
        return RedirectToPage();
    }

    private async Task<ClinicView?> Load(CancellationToken ct)
    {
        Clinic = await current.Get(ct);
        if (Clinic is null)
            return null;
        Saved = (await queries.Get(Clinic.Id, ct)).Value;
        return Clinic;
    }

    /// <summary>Presence the form itself asks for before the policy's own rules.</summary>
    private bool Check()
    {
        for (var i = 0; i < Input.Reminders.Count; i++)
        {
            if (Input.Reminders[i].Send && Input.Reminders[i].Amount is null)
                ModelState.AddModelError($"Input.Reminders[{i}].Amount", "Enter how long before the session this reminder goes out.");
        }
        return ModelState.IsValid;
    }

    private static string Replanned(ReplanSummary? replanned) =>
        replanned is { Sessions: > 0 } r
            ? $" The reminders of {r.Sessions} upcoming session{(r.Sessions == 1 ? "" : "s")} were planned again ({r.Planned} planned; {r.AlreadySent} already sent, not sent twice)."
            : "";

    public static PolicyForm FormOf(ReminderPolicyInput policy) => new()
    {
        SenderName = policy.SenderName,
        Reminders = Kinds.Select(kind =>
        {
            var rule = policy.Reminders?.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase));
            return rule is null
                ? new RuleForm { Kind = kind, Send = false, Unit = kind == "sameDay" ? "minutes" : "days" }
                : new RuleForm { Kind = kind, Send = true, Amount = rule.DaysBefore ?? rule.MinutesBefore, Unit = rule.DaysBefore is null ? "minutes" : "days" };
        }).ToList(),
        SendFrom = policy.QuietHours?.SendFrom,
        SendUntil = policy.QuietHours?.SendUntil,
        PerDay = policy.SmsCaps?.PerDay,
        PerWeek = policy.SmsCaps?.PerWeek,
        ForbiddenWords = string.Join("\n", policy.ForbiddenWords ?? []),
        Templates = Kinds.SelectMany(kind => Channels.Select(channel =>
        {
            var t = policy.Templates?.FirstOrDefault(x => string.Equals(x.Kind, kind, StringComparison.OrdinalIgnoreCase) && x.Channel == channel);
            return new TemplateForm { Kind = kind, Channel = channel, Body = t?.Body, Subject = t?.Subject };
        })).ToList(),
    };

    private ReminderPolicyInput ToInput() => new(
        Input.SenderName ?? "",
        Input.Reminders.Where(r => r.Send)
            .Select(r => new ReminderRuleInput(r.Kind, r.Unit == "minutes" ? null : r.Amount, r.Unit == "minutes" ? r.Amount : null))
            .ToList(),
        new QuietHoursInput(Input.SendFrom, Input.SendUntil),
        new SmsCapsInput(Input.PerDay, Input.PerWeek),
        (Input.ForbiddenWords ?? "").Split(['\n', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList(),
        Input.Templates.Select(t => new TemplateInput(t.Kind, t.Channel, (t.Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal),
            t.Channel == "email" ? t.Subject : null)).ToList());

    private string? Key(string field)
    {
        if (field.StartsWith("templates.", StringComparison.Ordinal))
        {
            var parts = field.Split('.');
            if (parts.Length >= 3)
            {
                var index = Input.Templates.FindIndex(t => t.Kind.Equals(parts[1], StringComparison.OrdinalIgnoreCase) && t.Channel.Equals(parts[2], StringComparison.OrdinalIgnoreCase));
                if (index >= 0)
                    return parts.Length > 3 && parts[3] == "subject" ? $"Input.Templates[{index}].Subject" : $"Input.Templates[{index}].Body";
            }
            return "Templates";
        }
        if (field.StartsWith("reminders", StringComparison.Ordinal))
            return "Reminders";
        return field switch
        {
            "senderName" => "Input.SenderName",
            "quietHours.sendFrom" => "Input.SendFrom",
            "quietHours.sendUntil" or "quietHours" => "Input.SendUntil",
            "smsCaps.perDay" => "Input.PerDay",
            "smsCaps.perWeek" => "Input.PerWeek",
            "forbiddenWords" => "Input.ForbiddenWords",
            "templates" => "Templates",
            _ => null,
        };
    }

    public static string KindLabel(string kind) => kind switch
    {
        "confirm" => "Confirm",
        "prepare" => "Prepare",
        "sameDay" => "Same day",
        _ => kind,
    };

    public static string KindHint(string kind) => kind switch
    {
        "confirm" => "asks the patient to confirm",
        "prepare" => "preparation: fasting, a driver, no driving until the next day",
        "sameDay" => "a short note on the day",
        _ => "",
    };

    public static string ChannelLabel(string channel) => channel == "sms" ? "SMS" : "e-mail";
}
