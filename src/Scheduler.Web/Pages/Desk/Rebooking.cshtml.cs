using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Common;

namespace Scheduler.Web.Pages.Desk;

/// <summary>The front desk's rebooking queue, a tab per status, and the SMS replies waiting for a person.</summary>
public sealed class RebookingModel(CurrentClinic clinics, RebookingBoard board, InboundSmsQueries sms) : PageModel
{
    /// <summary>The tabs in the order the front desk works them; null is every case.</summary>
    public static readonly string?[] Tabs = [RebookingBoard.Open, "frontDesk", "held", "pending", "rebooked", "resolved", null];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public RebookingBoardView? Board { get; private set; }
    public IReadOnlyList<SmsForFrontDesk> Sms { get; private set; } = [];
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public string? Problem { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public string? FlashError { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await clinics.Get(ct) is not { } clinic)
            return NotFound();
        Zone = CurrentClinic.Zone(clinic);
        var filter = Status is null ? RebookingBoard.Open : Status == "all" ? null : Status;
        try
        {
            var cases = await board.Cases(clinic.Id, filter, ct);
            Board = cases.Value;
            Problem = cases.Problem?.Detail;
        }
        catch (InvalidValueException e)
        {
            Problem = $"There is no tab '{Status}': {e.Message}";
            Board = (await board.Cases(clinic.Id, RebookingBoard.Open, ct)).Value;
        }
        Sms = (await board.SmsWaiting(clinic.Id, ct)).Value ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostHandledAsync(Guid smsId, CancellationToken ct)
    {
        var done = await sms.MarkHandled(smsId, ct);
        if (done.Ok)
            Flash = $"The SMS from {done.Value!.From} is marked handled by {done.Value.HandledBy}.";
        else
            FlashError = done.Problem!.Detail;
        return RedirectToPage(new { Status });
    }

    /// <summary>The address of a tab (the open cases have none: they are the page's own).</summary>
    public static string TabLink(string? status) => status switch
    {
        RebookingBoard.Open => "/desk/rebooking",
        null => "/desk/rebooking?status=all",
        _ => "/desk/rebooking?status=" + status,
    };

    public bool IsCurrent(string? tab) => (Status ?? RebookingBoard.Open) == (tab ?? "all");

    public int Count(string? tab) => Board is null ? 0 : tab is null ? Board.Counts.Where(c => c.Key != RebookingBoard.Open).Sum(c => c.Value) : Board.Counts.GetValueOrDefault(tab);
}
