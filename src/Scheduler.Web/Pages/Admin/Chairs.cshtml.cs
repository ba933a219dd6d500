using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using Scheduler.Application.Chairs;
using Scheduler.Application.Clinics;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Admin;

/// <summary>
/// The clinic's chairs (name, kind, active) and their out-of-service windows. Taking a chair out of
/// service over booked sessions cancels them and sends them to rebooking (<see cref="ManageChairs.TakeOutOfService"/>);
/// the page says how many.
/// </summary>
public sealed class ChairsModel(CurrentClinic current, ManageChairs chairs, IClock clock) : PageModel
{
    public sealed class ChairForm
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public bool Active { get; set; } = true;
    }

    public sealed class OutageForm
    {
        public Guid? ChairId { get; set; }

        /// <summary>Clinic-local "2026-12-01T08:00", as an input of type datetime-local sends it.</summary>
        public string? From { get; set; }
        public string? To { get; set; }
        public string? Reason { get; set; }
    }

    /// <summary>An out-of-service window to show: clinic-local start and end.</summary>
    public sealed record Outage(Guid ChairId, string Chair, Guid Id, LocalDateTime Start, LocalDateTime End, string Reason, bool Past);

    [BindProperty]
    public ChairForm Input { get; set; } = new();

    [BindProperty]
    public OutageForm Window { get; set; } = new();

    /// <summary>The chair being edited (?edit=), else the form adds one.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    public ClinicView? Clinic { get; private set; }
    public IReadOnlyList<ChairView> Chairs { get; private set; } = [];
    public IReadOnlyList<Outage> Outages { get; private set; } = [];
    public IReadOnlyList<string> Kinds { get; private set; } = [];
    public ChairView? Editing { get; private set; }

    /// <summary>The form that was sent ("chair", "outage", "outages").</summary>
    public string? Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await Load(ct);
        if (Edit is not null && Editing is null)
            return RedirectToPage(new { edit = (Guid?)null });
        if (Editing is not null)
            Input = new ChairForm { Name = Editing.Name, Kind = Editing.Kind, Active = Editing.Active };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Posted = "chair";
        if (await Load(ct) is not { } clinic || !ModelState.IsValid)
            return Page();
        var input = new ChairInput(Input.Name, Input.Kind, Input.Active);
        var saved = await AdminForms.Run(ModelState,
            () => Editing is null ? chairs.Create(clinic.Id, input, ct) : chairs.Update(Editing.Id, input, ct),
            ChairKey);
        if (saved is null)
            return Page();
        TempData.Flash(Editing is null ? $"Added {saved.Name} ({saved.Kind})." : $"Saved {saved.Name} ({saved.Kind}, {(saved.Active ? "active" : "inactive")}).");
        return RedirectToPage(new { edit = (Guid?)null });
    }

    public async Task<IActionResult> OnPostAddOutageAsync(CancellationToken ct)
    {
        Posted = "outage";
        if (await Load(ct) is null)
            return Page();
        FillEditForm();
        if (Window.ChairId is not { } chairId || Chairs.All(c => c.Id != chairId))
        {
            ModelState.AddModelError("Window.ChairId", "Choose the chair.");
            return Page();
        }
        var added = await AdminForms.Run(ModelState,
            () => chairs.TakeOutOfService(chairId, new OutOfServiceInput(Window.From, Window.To, Window.Reason), ct),
            field => field switch
            {
                "start" => "Window.From",
                "end" => "Window.To",
                "reason" => "Window.Reason",
                _ => null,
            });
        if (added is null)
            return Page();
        var start = Local(added.Window.Start);
        var end = Local(added.Window.End);
        var affected = added.Cancelled switch
        {
            0 => "No booked session was affected.",
            _ => $"{added.Cancelled} booked session{(added.Cancelled == 1 ? " was" : "s were")} cancelled; " +
                 $"{added.ToRebook} {(added.ToRebook == 1 ? "was" : "were")} sent to rebooking.",
        };
        TempData.Flash($"{added.Chair.Name} is out of service from {Show.DateTime(start)} to {Show.DateTime(end)}. {affected}",
            added.Cancelled > 0 ? "warn" : "");
        return RedirectToPage(new { edit = Edit });
    }

    public async Task<IActionResult> OnPostRemoveOutageAsync(Guid chairId, Guid windowId, CancellationToken ct)
    {
        Posted = "outages";
        if (await Load(ct) is null)
            return Page();
        FillEditForm();
        var chair = await AdminForms.Run(ModelState, () => chairs.RemoveOutOfService(chairId, windowId, ct), _ => null);
        if (chair is null)
            return Page();
        TempData.Flash($"{chair.Name} is back in service for that window. Sessions cancelled when it was added stay cancelled.");
        return RedirectToPage(new { edit = Edit });
    }

    private void FillEditForm()
    {
        if (Editing is not null)
            Input = new ChairForm { Name = Editing.Name, Kind = Editing.Kind, Active = Editing.Active };
    }

    private async Task<ClinicView?> Load(CancellationToken ct)
    {
        Clinic = await current.Get(ct);
        if (Clinic is null)
            return null;
        var list = await chairs.List(Clinic.Id, ct);
        Chairs = list.Value ?? [];
        Editing = Chairs.FirstOrDefault(c => c.Id == Edit);
        Kinds = Chairs.Select(c => c.Kind).Distinct().Order(StringComparer.Ordinal).ToList();
        var now = clock.GetCurrentInstant();
        Outages = Chairs
            .SelectMany(c => c.OutOfService.Select(w => new Outage(c.Id, c.Name, w.Id, Local(w.Start), Local(w.End), w.Reason,
                OffsetDateTimePattern.ExtendedIso.Parse(w.End).Value.ToInstant() <= now)))
            .OrderBy(o => o.Start)
            .ToList();
        return Clinic;
    }

    private static string? ChairKey(string field) => field switch
    {
        "name" => "Input.Name",
        "kind" => "Input.Kind",
        _ => null,
    };

    /// <summary>The clinic-local time of a moment as the application writes it (with its offset).</summary>
    private static LocalDateTime Local(string withOffset) => OffsetDateTimePattern.ExtendedIso.Parse(withOffset).Value.LocalDateTime;
}
