using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Application.Chairs;
using Scheduler.Application.Clinics;
using Scheduler.Application.Common;
using Scheduler.Application.Protocols;

namespace Scheduler.Web.Pages.Admin;

/// <summary>
/// The clinic's protocols: list, add, edit (<see cref="ManageProtocols"/>). The value objects refuse
/// what cannot exist (an infusion of 44 minutes, observation under an hour); the page shows why next
/// to the field and saves nothing. A change leaves booked sessions as they were booked.
/// </summary>
public sealed class ProtocolsModel(CurrentClinic current, ManageProtocols protocols, ManageChairs chairs) : PageModel
{
    public sealed class ProtocolForm
    {
        public string? Name { get; set; }
        public string? ChairKind { get; set; }

        [Required(ErrorMessage = "Enter how long the infusion runs, in minutes.")]
        public int? InfusionMinutes { get; set; }

        [Required(ErrorMessage = "Enter how long observation lasts after the infusion, in minutes.")]
        public int? ObservationMinutes { get; set; }

        [Required(ErrorMessage = "Enter how many sessions the induction has.")]
        public int? InductionCount { get; set; }

        [Required(ErrorMessage = "Enter the fewest days between two induction sessions.")]
        public int? InductionMinGapDays { get; set; }

        [Required(ErrorMessage = "Enter the most days between two induction sessions.")]
        public int? InductionMaxGapDays { get; set; }

        /// <summary>Weekday names ("monday"); none means every day.</summary>
        public List<string> AllowedDays { get; set; } = [];

        public bool Boosters { get; set; }
        public int? BoosterMinIntervalDays { get; set; }
        public int? BoosterMaxIntervalDays { get; set; }

        /// <summary>Empty: open-ended.</summary>
        public int? BoosterCount { get; set; }

        /// <summary>What the patient does before and after a session, shown on their reminder page.</summary>
        public string? Preparation { get; set; }
    }

    [BindProperty]
    public ProtocolForm Input { get; set; } = new();

    /// <summary>The protocol being edited (?edit=), else the form adds one.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    public ClinicView? Clinic { get; private set; }
    public IReadOnlyList<ProtocolView> Protocols { get; private set; } = [];
    public IReadOnlyList<string> Kinds { get; private set; } = [];
    public ProtocolView? Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await Load(ct);
        if (Edit is not null && Editing is null)
            return RedirectToPage(new { edit = (Guid?)null });
        Input = Editing is null ? Blank() : FormOf(Editing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await Load(ct) is not { } clinic || !ModelState.IsValid)
            return Page();
        var input = new ProtocolInput(Input.Name, Input.ChairKind, Input.InfusionMinutes, Input.ObservationMinutes,
            new InductionInput(Input.InductionCount, Input.InductionMinGapDays, Input.InductionMaxGapDays, Input.AllowedDays),
            Input.Boosters ? new MaintenanceInput(Input.BoosterMinIntervalDays, Input.BoosterMaxIntervalDays, Input.BoosterCount) : null,
            Input.Preparation);
        var saved = await AdminForms.Run(ModelState,
            () => Editing is null ? protocols.Create(clinic.Id, input, ct) : protocols.Update(Editing.Id, input, ct),
            Key);
        if (saved is null)
            return Page();
        TempData.Flash(Editing is null
            ? $"Added the protocol {saved.Name}."
            : $"Saved the protocol {saved.Name}. Sessions already booked keep the lengths they were booked with.");
        return RedirectToPage(new { edit = (Guid?)null });
    }

    private async Task<ClinicView?> Load(CancellationToken ct)
    {
        Clinic = await current.Get(ct);
        if (Clinic is null)
            return null;
        Protocols = (await protocols.List(Clinic.Id, ct)).Value ?? [];
        Editing = Protocols.FirstOrDefault(p => p.Id == Edit);
        Kinds = ((await chairs.List(Clinic.Id, ct)).Value ?? []).Select(c => c.Kind).Distinct().Order(StringComparer.Ordinal).ToList();
        return Clinic;
    }

    private static ProtocolForm Blank() => new()
    {
        AllowedDays = ["monday", "tuesday", "wednesday", "thursday", "friday"],
    };

    private static ProtocolForm FormOf(ProtocolView p) => new()
    {
        Name = p.Name,
        ChairKind = p.ChairKind,
        InfusionMinutes = p.InfusionMinutes,
        ObservationMinutes = p.ObservationMinutes,
        InductionCount = p.Induction.Count,
        InductionMinGapDays = p.Induction.MinGapDays,
        InductionMaxGapDays = p.Induction.MaxGapDays,
        AllowedDays = p.Induction.AllowedDays ?? [],
        Boosters = p.Maintenance is not null,
        BoosterMinIntervalDays = p.Maintenance?.MinIntervalDays,
        BoosterMaxIntervalDays = p.Maintenance?.MaxIntervalDays,
        BoosterCount = p.Maintenance?.Count,
        Preparation = p.Preparation,
    };

    private static string? Key(string field) => field switch
    {
        "name" => "Input.Name",
        "preparation" => "Input.Preparation",
        "kind" or "chairKind" => "Input.ChairKind",
        "infusionMinutes" => "Input.InfusionMinutes",
        "observationMinutes" => "Input.ObservationMinutes",
        "induction.count" => "Input.InductionCount",
        "induction.minGapDays" => "Input.InductionMinGapDays",
        "induction.maxGapDays" => "Input.InductionMaxGapDays",
        "induction.allowedDays" => "Input.AllowedDays",
        "maintenance.minIntervalDays" => "Input.BoosterMinIntervalDays",
        "maintenance.maxIntervalDays" => "Input.BoosterMaxIntervalDays",
        "maintenance.count" => "Input.BoosterCount",
        _ => null,
    };

    /// <summary>"Mon–Fri", "Mon, Wed, Fri", "every day".</summary>
    public static string Days(IReadOnlyList<string>? days)
    {
        var week = ClinicModel.Week.Select(Formatting.Day).ToList();
        var set = (days ?? []).Select(d => d.ToLowerInvariant()).ToHashSet();
        if (set.Count == 0 || set.Count == 7)
            return "every day";
        var ordered = week.Where(set.Contains).ToList();
        var first = week.IndexOf(ordered[0]);
        var consecutive = ordered.Count > 2 && ordered.Select((d, i) => week.IndexOf(d) == first + i).All(x => x);
        string Short(string d) => char.ToUpperInvariant(d[0]) + d[1..3];
        return consecutive ? $"{Short(ordered[0])}–{Short(ordered[^1])}" : string.Join(", ", ordered.Select(Short));
    }
}
