using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Application.Common;
using Scheduler.Application.Sessions;
using Scheduler.Application.Sessions.Lifecycle;
using Scheduler.Application.Sessions.Move;
using Scheduler.Application.Waitlist;
using Scheduler.Domain.Common;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Desk;

/// <summary>
/// One session: its patient, protocol, chair, times, series and history, and the actions its status
/// allows (move, cancel, the lifecycle steps, the waitlist). Each action posts, then redirects here
/// with a message; a refusal is shown next to the field it concerns, and nothing changes.
/// </summary>
public sealed class SessionModel(SessionDetails details, MoveSession move, ChangeSessionStatus change, ManageWaitlist waitlist) : PageModel
{
    public const string FlashKey = "Flash";

    public SessionDetailsView Session { get; private set; } = null!;

    [BindProperty]
    public MoveForm Move { get; set; } = new();

    [BindProperty]
    public CancelForm Cancel { get; set; } = new();

    [BindProperty]
    public NoShowForm NoShow { get; set; } = new();

    [BindProperty]
    public WaitlistForm Waitlist { get; set; } = new();

    /// <summary>Why a lifecycle step was refused, shown beside the action buttons.</summary>
    public string? ActionError { get; private set; }

    public async Task<IActionResult> OnGet(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct))
            return NotFound();
        Move.Date = Show.Iso(Session.Start.InZone(Session.Zone).Date);
        Move.Time = Show.TimeOf(Session.Start, Session.Zone);
        return Page();
    }

    public async Task<IActionResult> OnPostMove(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Move.Date))
            ModelState.AddModelError("Move.Date", "Choose the new date.");
        else if (string.IsNullOrWhiteSpace(Move.Time))
            ModelState.AddModelError("Move.Date", "Choose the new start time.");
        if (ModelState.IsValid)
        {
            var result = await Try(() => move.Handle(id, new MoveSessionInput($"{Move.Date!.Trim()}T{Move.Time!.Trim()}", Move.ChairId, Move.Reason), ct), MoveField);
            if (result?.Ok == true)
            {
                var moved = result.Value!;
                // The view's start is the clinic's wall clock with its offset.
                var at = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(moved.Start).Value.LocalDateTime;
                TempData[FlashKey] = $"Session {moved.Ordinal} moved to {Show.DateTime(at)}. The patient is asked to confirm the new time.";
                return RedirectToPage(new { id });
            }
            if (result?.Problem is { } problem)
                ModelState.AddModelError(MoveField(problem), problem.Detail);
        }
        return await Reload(id, ct);
    }

    public async Task<IActionResult> OnPostCancel(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Cancel.Reason))
        {
            ModelState.AddModelError("Cancel.Reason", "Say why the session is cancelled.");
            return await Reload(id, ct);
        }
        var result = await Try(() => change.Handle(id, SessionAction.Cancel, new SessionActionInput(Cancel.Reason, Cancel.Rebook), ct), _ => "Cancel.Reason");
        if (result?.Ok == true)
        {
            TempData[FlashKey] = $"Session {result.Value!.Ordinal} cancelled." +
                (Cancel.Rebook ? " The rebooking queue is looking for another time for the patient." : " No other time will be looked for.");
            return RedirectToPage(new { id });
        }
        if (result?.Problem is { } problem)
            ModelState.AddModelError("Cancel.Reason", problem.Detail);
        return await Reload(id, ct);
    }

    public async Task<IActionResult> OnPostNoShow(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await Try(() => change.Handle(id, SessionAction.MarkNoShow, new SessionActionInput(NoShow.Reason, NoShow.Rebook), ct), _ => "NoShow.Reason");
        if (result?.Ok == true)
        {
            TempData[FlashKey] = $"Session {result.Value!.Ordinal} marked as a no-show." +
                (NoShow.Rebook ? " The rebooking queue is looking for another time for the patient." : "");
            return RedirectToPage(new { id });
        }
        if (result?.Problem is { } problem)
            ModelState.AddModelError("NoShow.Reason", problem.Detail);
        return await Reload(id, ct);
    }

    /// <summary>Confirm, check in, start infusion, start observation, complete.</summary>
    public async Task<IActionResult> OnPostStatus(Guid id, string? action, CancellationToken ct)
    {
        ModelState.Clear();
        if (!Enum.TryParse<SessionAction>(action, ignoreCase: false, out var step) || step is SessionAction.Cancel or SessionAction.MarkNoShow)
            return BadRequest();
        var result = await Try(() => change.Handle(id, step, null, ct), _ => "Status");
        if (result?.Ok == true)
        {
            TempData[FlashKey] = $"Session {result.Value!.Ordinal}: {Done(step)}.";
            return RedirectToPage(new { id });
        }
        ActionError = result?.Problem?.Detail ?? ModelState["Status"]?.Errors.FirstOrDefault()?.ErrorMessage;
        return await Reload(id, ct);
    }

    public async Task<IActionResult> OnPostWaitlist(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await Try(() => waitlist.Add(new WaitlistInput(id, Waitlist.Note), ct), _ => "Waitlist.Note");
        if (result?.Ok == true)
        {
            TempData[FlashKey] = "Put on the waitlist: the patient will be offered an earlier time when one frees up.";
            return RedirectToPage(new { id });
        }
        if (result?.Problem is { } problem)
            ModelState.AddModelError("Waitlist.Note", problem.Detail);
        return await Reload(id, ct);
    }

    /// <summary>What a button says for a lifecycle step.</summary>
    public static string Label(SessionAction action) => action switch
    {
        SessionAction.Confirm => "Confirm (the patient confirmed)",
        SessionAction.CheckIn => "Check in",
        SessionAction.StartInfusion => "Start infusion",
        SessionAction.StartObservation => "Start observation",
        SessionAction.Complete => "Complete",
        SessionAction.MarkNoShow => "Mark as no-show",
        SessionAction.Cancel => "Cancel this session",
        _ => action.ToString(),
    };

    private static string Done(SessionAction action) => action switch
    {
        SessionAction.Confirm => "confirmed",
        SessionAction.CheckIn => "checked in",
        SessionAction.StartInfusion => "infusion started",
        SessionAction.StartObservation => "observation started",
        SessionAction.Complete => "completed",
        _ => action.ToString(),
    };

    // A refusal about the chair goes beside the chair; every other one (the time, the spacing, the
    // hours, the nurses) beside the new date and time.
    private static string MoveField(Problem problem) => problem.Field switch
    {
        "chairId" => "Move.ChairId",
        "reason" => "Move.Reason",
        "start" or null or "" when problem.Rule is RuleCode.WrongChair or RuleCode.ChairInactive or RuleCode.ChairOutOfService => "Move.ChairId",
        _ => "Move.Date",
    };

    /// <summary>Runs a use case; a value that cannot exist (a time in a daylight-saving gap) becomes its problem.</summary>
    private async Task<Result<T>?> Try<T>(Func<Task<Result<T>>> action, Func<Problem, string> field)
    {
        try
        {
            var result = await action();
            return result.Problem is { Kind: ProblemKind.NotFound } ? null : result;
        }
        catch (InvalidValueException e)
        {
            ModelState.AddModelError(field(Problem.Invalid(e.Field, e.Message)), e.Message);
            return default;
        }
    }

    private async Task<IActionResult> Reload(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct))
            return NotFound();
        Move.Date ??= Show.Iso(Session.Start.InZone(Session.Zone).Date);
        Move.Time ??= Show.TimeOf(Session.Start, Session.Zone);
        return Page();
    }

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        var result = await details.Handle(id, ct);
        if (!result.Ok)
            return false;
        Session = result.Value!;
        return true;
    }

    public sealed class MoveForm
    {
        [Display(Name = "New date")]
        public string? Date { get; set; }

        [Display(Name = "New start time")]
        public string? Time { get; set; }

        [Display(Name = "Chair")]
        public Guid? ChairId { get; set; }

        [Display(Name = "Why (optional)")]
        public string? Reason { get; set; }
    }

    public sealed class CancelForm
    {
        [Display(Name = "Why is it cancelled?")]
        public string? Reason { get; set; }

        /// <summary>Opens a rebooking case (<see cref="SessionActionInput.Rebook"/>).</summary>
        [Display(Name = "Find the patient another time")]
        public bool Rebook { get; set; } = true;
    }

    public sealed class NoShowForm
    {
        [Display(Name = "Note (optional)")]
        public string? Reason { get; set; }

        [Display(Name = "Find the patient another time")]
        public bool Rebook { get; set; } = true;
    }

    public sealed class WaitlistForm
    {
        [Display(Name = "Note for the waitlist (optional)")]
        public string? Note { get; set; }
    }
}
