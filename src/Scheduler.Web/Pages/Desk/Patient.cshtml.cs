using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Scheduler.Application.Chairs;
using Scheduler.Application.Patients;
using Scheduler.Application.Protocols;
using Scheduler.Application.Series;

namespace Scheduler.Web.Pages.Desk;

/// <summary>One patient: their details to edit, their upcoming sessions and every series booked for them.</summary>
public sealed class PatientModel(ManagePatients patients, SeriesQueries seriesQueries, ManageProtocols protocols, ManageChairs chairs, IClock clock) : PageModel
{
    /// <summary>A session as the page lists it; times are the clinic's wall clock.</summary>
    public sealed record SessionRow(Guid Id, int Ordinal, int Of, string Phase, string Status, string Protocol, string When, string Date, string Starts, string Leaves, string Chair);

    /// <summary>A protocol's short name: "Depression" of "Depression: 6 x 45 min induction, …".</summary>
    public static string ShortName(string protocol) => protocol.Split(':', 2)[0];

    public sealed record SeriesRow(Guid Id, string Protocol, string Status, string Booked, IReadOnlyList<SessionRow> Sessions);

    [BindProperty]
    public PatientForm Input { get; set; } = new();

    public PatientView Patient { get; private set; } = null!;
    public IReadOnlyList<SessionRow> Upcoming { get; private set; } = [];
    public IReadOnlyList<SeriesRow> Series { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct))
            return NotFound();
        Input = PatientForm.Of(Patient);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct))
            return NotFound();
        var updated = await BookingText.Run(() => patients.Update(id, Input.ToInput(null), ct));
        if (!updated.Ok)
        {
            PatientForm.AddProblem(ModelState, updated.Problem!);
            return Page();
        }
        TempData["Flash"] = $"{updated.Value!.Name}'s details are saved.";
        return Redirect($"/desk/patients/{id}");
    }

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        var patient = await patients.Get(id, ct);
        if (!patient.Ok)
            return false;
        Patient = patient.Value!;
        var protocolNames = (await protocols.List(Patient.ClinicId, ct)).Value?.ToDictionary(p => p.Id, p => p.Name) ?? [];
        var chairNames = (await chairs.List(Patient.ClinicId, ct)).Value?.ToDictionary(c => c.Id, c => c.Name) ?? [];
        var all = (await seriesQueries.OfPatient(id, ct)).Value ?? [];

        SessionRow Row(SeriesView s, SessionView x) => new(
            x.Id, x.Ordinal, s.Sessions.Count, BookingText.Phase(x.Phase), x.Status, protocolNames.GetValueOrDefault(s.ProtocolId, "Protocol"),
            Shared.Show.DateTime(BookingText.Local(x.Start)), BookingText.Date(x.Start), BookingText.Time(x.Start),
            BookingText.Time(x.ObservationEnd), chairNames.GetValueOrDefault(x.ChairId, "a chair"));

        Series = all
            .OrderByDescending(s => BookingText.Instant(s.CreatedAt))
            .Select(s => new SeriesRow(s.Id, protocolNames.GetValueOrDefault(s.ProtocolId, "Protocol"), s.Status, BookingText.Date(s.CreatedAt),
                s.Sessions.Select(x => Row(s, x)).ToList()))
            .ToList();
        var now = clock.GetCurrentInstant();
        Upcoming = all
            .SelectMany(s => s.Sessions.Where(x => IsOpen(x.Status) && BookingText.Instant(x.TurnoverEnd) > now).Select(x => (Start: BookingText.Instant(x.Start), Row: Row(s, x))))
            .OrderBy(x => x.Start)
            .Select(x => x.Row)
            .ToList();
        return true;
    }

    /// <summary>A session that is still to happen or happening now (not completed, cancelled or a no-show).</summary>
    private static bool IsOpen(string status) => status is "booked" or "confirmed" or "checkedIn" or "infusing" or "observing";
}
