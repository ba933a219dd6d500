using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Scheduler.Application.Common;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Common;
using Scheduler.Domain.Rebooking;
using Scheduler.Web.Endpoints;
using Scheduler.Web.Http;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Patient;

/// <summary>
/// The patient's page behind the link in a reminder (no sign-in: the signed token is the key). Shows
/// the session of the link and the patient's other upcoming sessions with how to prepare, and lets the
/// patient confirm, cancel, ask for another time, answer a waitlist offer or download a calendar file.
/// Opening it changes nothing; its forms post back here with the anti-forgery token and return to it
/// (Post/Redirect/Get) with a message. The same address answers JSON to programs that ask for it (see
/// <see cref="ReminderLinkEndpoints"/> for the routing split).
/// </summary>
public sealed class LinkModel(ReminderLinkActions actions) : PageModel
{
    private const string FlashKey = "PatientFlash";
    private const string FlashErrorKey = "PatientFlashError";

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public AnotherTimeInput Input { get; set; } = new();

    public PatientLinkView? View { get; private set; }

    /// <summary>Why the link cannot be used, when it cannot.</summary>
    public Problem? Problem { get; private set; }

    public string? FlashMessage { get; private set; }
    public bool FlashIsError { get; private set; }

    public sealed class AnotherTimeInput
    {
        [StringLength(RebookingCase.MoveNoteMaxLength, ErrorMessage = "Please keep it to {1} characters; the clinic will call you for details.")]
        public string? Note { get; set; }
    }

    /// <summary>Leaves a message for the page's next showing (after a redirect).</summary>
    public static void Flash(ITempDataDictionary tempData, string? message, bool error)
    {
        if (message is null)
            return;
        tempData[FlashKey] = message;
        tempData[FlashErrorKey] = error;
    }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ReminderLinkEndpoints.Private(HttpContext);
        var headers = Response.Headers;
        // No scripts at all: the page works with plain forms and a disclosure for "are you sure".
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var view = await actions.View(Token, ct);
        var accept = Request.GetTypedHeaders().Accept;
        var json = accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        if (json || (!view.Ok && !StatusPages.WantsHtml(Request)))
            return new HttpResultAction(view.ToHttp());
        FlashMessage = TempData[FlashKey] as string;
        FlashIsError = TempData[FlashErrorKey] as bool? ?? false;
        return Show(view);
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => Act(actions.Confirm(Token, ct));

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) => Act(actions.Cancel(Token, ct));

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => Act(actions.Accept(Token, ct));

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) => Act(actions.Decline(Token, ct));

    public async Task<IActionResult> OnPostAnotherTimeAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return Show(await actions.View(Token, ct));
        try
        {
            return await Act(actions.RequestAnotherTime(Token, Input.Note, ct));
        }
        catch (InvalidValueException e)
        {
            ModelState.AddModelError("Input.Note", e.Message);
            return Show(await actions.View(Token, ct));
        }
    }

    private async Task<IActionResult> Act(Task<Result<PatientLinkView>> action)
    {
        var done = await action;
        if (!done.Ok && done.Problem!.Kind == ProblemKind.NotFound)
            return Show(done);
        Flash(TempData, done.Ok ? done.Value!.Message : done.Problem!.Detail, error: !done.Ok);
        return RedirectToPage(new { Token });
    }

    private PageResult Show(Result<PatientLinkView> view)
    {
        if (view.Ok)
        {
            View = view.Value;
            return Page();
        }
        Problem = view.Problem;
        Response.StatusCode = Problem!.Kind switch
        {
            ProblemKind.NotFound => StatusCodes.Status404NotFound,
            ProblemKind.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        return Page();
    }

    /// <summary>An <see cref="IResult"/> (the API's JSON and problem answers) returned from a page handler.</summary>
    private sealed class HttpResultAction(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
