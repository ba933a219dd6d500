using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Application.Clinics;
using Scheduler.Application.Common;
using Scheduler.Application.Patients;
using Scheduler.Application.Protocols;
using Scheduler.Application.Series;
using Scheduler.Application.Series.Book;
using Scheduler.Application.Series.Propose;
using Scheduler.Web.Pages.Shared;

namespace Scheduler.Web.Pages.Desk;

/// <summary>
/// Books a series at the front desk: pick the patient and the protocol, optionally say when, see the
/// planner's ranked proposals with their reasons (or its explanation when nothing fits) and book one.
/// The request is a GET (it writes nothing), so the page can be bookmarked and works without script.
/// </summary>
public sealed class BookModel(CurrentClinic clinics, ManagePatients patients, ManageProtocols protocols,
    ProposeSeries propose, BookSeries book, IClock clock) : PageModel
{
    /// <summary>A session of the chosen proposal, sent back as the proposal showed it.</summary>
    public sealed class ChosenSession
    {
        public Guid? ChairId { get; set; }

        /// <summary>The moment with its offset, as the planner answered it.</summary>
        public string? Start { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Patient")]
    public Guid? Patient { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Protocol")]
    public Guid? Protocol { get; set; }

    /// <summary>ISO date; empty means today at the clinic.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "First session on or after")]
    public string? Earliest { get; set; }

    /// <summary>How many days from <see cref="Earliest"/> the first session may be looked for (the planner's searchDays).</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "First session within (days)")]
    public int? Within { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<string> Days { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Not before")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Gone by")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Boosters to book")]
    public int? Boosters { get; set; }

    /// <summary>Set by the "Find times" form: look for proposals.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Find { get; set; }

    /// <summary>Search text for the patient, while none is chosen.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    [BindProperty]
    public List<ChosenSession> Chosen { get; set; } = [];

    public ClinicView? Clinic { get; private set; }
    public PatientView? ThePatient { get; private set; }
    public IReadOnlyList<ProtocolView> Protocols { get; private set; } = [];
    public IReadOnlyList<PatientView> Candidates { get; private set; } = [];
    public ProposalsView? Proposals { get; private set; }

    /// <summary>Why the last booking attempt was refused (the book changed meanwhile), shown above fresh proposals.</summary>
    public string? Refused { get; private set; }

    public ProtocolView? TheProtocol => Protocols.FirstOrDefault(p => p.Id == Protocol);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await Load(ct))
            return Page();
        if (Find)
            await FindProposals(ct);
        else if (ThePatient is not null && Days.Count == 0 && From is null && To is null)
        {
            // The patient's own preferences, to keep or change before looking.
            Days = ThePatient.Availability.Days?.ToList() ?? [];
            From = ThePatient.Availability.EarliestStart;
            To = ThePatient.Availability.LatestEnd;
        }
        if (PatientsModel.IsHtmx(Request))
            return Partial(Request.Headers["HX-Target"].ToString().Contains("patient-picker", StringComparison.Ordinal) ? "_BookPatientPicker" : "_BookArea", this);
        return Page();
    }

    public async Task<IActionResult> OnPostBookAsync(CancellationToken ct)
    {
        if (!await Load(ct))
            return Page();
        if (ThePatient is null || TheProtocol is null)
        {
            ModelState.AddModelError("", "Choose the patient and the protocol, then find times again.");
            return Page();
        }
        Find = true;
        var sessions = Chosen.Select(c => new SessionChoiceInput(c.ChairId, c.Start)).ToList();
        var booked = await BookingText.Run(() => book.Handle(
            new BookSeriesInput(Patient, Protocol, Blank(Earliest), Preferences(), Boosters, Within, sessions, null), ct));
        if (booked.Ok)
        {
            var first = booked.Value!.Sessions[0];
            TempData["Flash"] = $"Booked {booked.Value.Sessions.Count} sessions of {TheProtocol.Name} for {ThePatient.Name}, "
                + $"the first on {BookingText.Date(first.Start)} at {BookingText.Time(first.Start)}.";
            return Redirect($"/desk/patients/{ThePatient.Id}");
        }
        var problem = booked.Problem!;
        if (problem.Kind == ProblemKind.Refused)
        {
            // Someone else booked part of these times since the proposals were made: say so, and look again.
            Refused = problem.Detail;
            ModelState.Clear();
            await FindProposals(ct);
        }
        else
        {
            AddProblem(problem);
        }
        return Page();
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        Clinic = await clinics.Get(ct);
        if (Clinic is null)
        {
            ModelState.AddModelError("", "There is no clinic yet: an administrator sets one up first.");
            return false;
        }
        Protocols = (await protocols.List(Clinic.Id, ct)).Value ?? [];
        if (Patient is { } id)
        {
            var patient = await patients.Get(id, ct);
            if (patient.Ok)
                ThePatient = patient.Value;
            else
                ModelState.AddModelError(nameof(Patient), "That patient was not found; search for them again.");
        }
        if (ThePatient is null)
        {
            var found = await patients.List(Clinic.Id, Blank(Who), 0, 20, ct);
            Candidates = found.Value ?? [];
        }
        Earliest ??= Show.Iso(clock.GetCurrentInstant().InZone(CurrentClinic.Zone(Clinic)).Date);
        Within ??= 28;
        return true;
    }

    private async Task FindProposals(CancellationToken ct)
    {
        if (ThePatient is null)
            ModelState.AddModelError(nameof(Patient), "Choose the patient first.");
        if (TheProtocol is null)
            ModelState.AddModelError(nameof(Protocol), "Choose the protocol to book.");
        if (!ModelState.IsValid)
            return;
        var found = await BookingText.Run(() => propose.Handle(
            new SeriesRequestInput(Patient, Protocol, Blank(Earliest), Preferences(), Boosters, 3, Within), ct));
        if (found.Ok)
            Proposals = found.Value;
        else
            AddProblem(found.Problem!);
    }

    private AvailabilityInput Preferences() =>
        new(Days.Where(d => !string.IsNullOrWhiteSpace(d)).ToList(), Blank(From), Blank(To));

    private void AddProblem(Problem problem) =>
        ModelState.AddProblem(problem, "", field => field switch
        {
            "patientId" => nameof(Patient),
            "protocolId" => nameof(Protocol),
            "earliestDate" => nameof(Earliest),
            "searchDays" => nameof(Within),
            "preferences.days" => nameof(Days),
            "preferences.earliestStart" => nameof(From),
            "preferences.latestEnd" => nameof(To),
            "boosters" => nameof(Boosters),
            _ => "",
        });

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
