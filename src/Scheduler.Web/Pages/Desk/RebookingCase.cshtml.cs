using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Rebooking;
using Scheduler.Domain.Common;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Desk;

/// <summary>One rebooking case: its history and the actions its state allows (confirm or decline a hold, book by hand, close with a note).</summary>
public sealed class RebookingCaseModel(CurrentClinic clinics, RebookingBoard board, RebookingQueue queue) : PageModel
{
    public sealed class BookInput
    {
        [Required(ErrorMessage = "Choose the day of the new session.")]
        [DataType(DataType.Date)]
        public string? Date { get; set; }

        [Required(ErrorMessage = "Choose the start time of the new session.")]
        [DataType(DataType.Time)]
        public string? Time { get; set; }

        /// <summary>Empty keeps the session's own chair.</summary>
        [Display(Name = "Chair")]
        public Guid? ChairId { get; set; }

        [Display(Name = "Note for the record (optional)")]
        public string? Note { get; set; }
    }

    public sealed class CloseInput
    {
        [Required(ErrorMessage = "Say why the case is closed without a new time (for example: the patient will call back).")]
        [Display(Name = "Why close it without a new time")]
        public string? Note { get; set; }
    }

    public sealed class DeclineInput
    {
        [Display(Name = "Why the patient declines (optional)")]
        public string? Reason { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public BookInput Book { get; set; } = new();

    [BindProperty]
    public CloseInput Close { get; set; } = new();

    [BindProperty]
    public DeclineInput Decline { get; set; } = new();

    public RebookingCaseDetail? Detail { get; private set; }
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public string? FlashError { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Render(ct);

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var done = await queue.Confirm(Id, ct);
        return After(done, "The held time is taken for the patient: the case is rebooked.");
    }

    public async Task<IActionResult> OnPostDeclineAsync(CancellationToken ct)
    {
        Result<RebookingView> done;
        try
        {
            done = await queue.Decline(Id, Decline.Reason, ct);
        }
        catch (InvalidValueException e)
        {
            ModelState.AddModelError("Decline.Reason", e.Message);
            return await Render(ct);
        }
        return After(done, "The held time is released; the case now waits for the front desk.");
    }

    public async Task<IActionResult> OnPostBookAsync(CancellationToken ct)
    {
        Only("Book");
        if (!ModelState.IsValid)
            return await Render(ct);
        var note = string.IsNullOrWhiteSpace(Book.Note) ? "Booked by the front desk." : Book.Note;
        Result<RebookingView> done;
        try
        {
            done = await queue.Resolve(Id, new ResolveRebookingInput(note, $"{Book.Date}T{Book.Time}", Book.ChairId), ct);
        }
        catch (InvalidValueException e)
        {
            ModelState.AddModelError(BookKey(e.Field), e.Message);
            return await Render(ct);
        }
        if (!done.Ok && done.Problem!.Kind != ProblemKind.NotFound)
        {
            var problem = done.Problem;
            ModelState.AddModelError(problem.Field is { } field ? BookKey(field) : QueueWords.FieldOf(problem.Rule) is { } key ? "Book." + key : "", problem.Detail);
            return await Render(ct);
        }
        return After(done, "The new time is booked and the case is resolved.");
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        Only("Close");
        if (!ModelState.IsValid)
            return await Render(ct);
        Result<RebookingView> done;
        try
        {
            done = await queue.Resolve(Id, new ResolveRebookingInput(Close.Note, null, null), ct);
        }
        catch (InvalidValueException e)
        {
            ModelState.AddModelError("Close.Note", e.Message);
            return await Render(ct);
        }
        if (!done.Ok && done.Problem!.Kind != ProblemKind.NotFound)
        {
            ModelState.AddProblem(done.Problem, "Close");
            return await Render(ct);
        }
        return After(done, "The case is closed without a new time.");
    }

    /// <summary>Each form validates only its own fields (the others are bound empty).</summary>
    private void Only(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
            ModelState.Remove(key);
    }

    private static string BookKey(string field) => field switch
    {
        "start" => "Book.Time",
        "chairId" => "Book.ChairId",
        "note" => "Book.Note",
        _ => "",
    };

    private IActionResult After(Result<RebookingView> done, string success)
    {
        if (!done.Ok && done.Problem!.Kind == ProblemKind.NotFound)
            return NotFound();
        if (done.Ok)
            Flash = success;
        else
            FlashError = done.Problem!.Detail;
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult> Render(CancellationToken ct)
    {
        var found = await board.Case(Id, ct);
        if (!found.Ok)
            return NotFound();
        Detail = found.Value!;
        var clinic = (await clinics.All(ct)).FirstOrDefault(c => c.Id == Detail.Row.Case.ClinicId);
        Zone = clinic is null ? DateTimeZone.Utc : CurrentClinic.Zone(clinic);
        return Page();
    }
}
