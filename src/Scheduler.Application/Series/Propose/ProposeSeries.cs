using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Application.Patients;
using Scheduler.Application.Series;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Protocols;

namespace Scheduler.Application.Series.Propose;

/// <summary>
/// A request for a whole series. Preferences default to the patient's own; earliest date defaults
/// to today (clinic time); boosters default to the protocol's count (or a few for open-ended).
/// </summary>
public sealed record SeriesRequestInput(Guid? PatientId, Guid? ProtocolId, string? EarliestDate, AvailabilityInput? Preferences,
    int? Boosters, int? MaxProposals, int? SearchDays);

/// <summary>Proposes ranked whole series, or explains which session cannot be placed. Writes nothing.</summary>
public sealed class ProposeSeries(ISchedulerStore store, IClock clock)
{
    public async Task<Result<ProposalsView>> Handle(SeriesRequestInput input, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var context = await SeriesContext.Load(store, input, now, ct);
        if (!context.Ok)
            return context.Problem!;
        var (clinic, _, request) = context.Value!;
        var book = await ClinicBook.Load(store, clinic, request.EarliestDate, SeriesContext.LastPossibleDate(request), null, ct);
        var result = SeriesPlanner.Plan(book.Index, book.Chairs, request, now);
        return ToView(result, clinic.Settings.Zone);
    }

    internal static ProposalsView ToView(PlanResult result, DateTimeZone zone) =>
        new(result.Found, result.Proposals.Select(p => ProposalView.Of(p, zone)).ToList(),
            result.Failure is { } f ? new PlanFailureView(f.Ordinal, f.Total, SessionView.Name(f.Rule), f.Explanation) : null);
}

/// <summary>What a series request refers to, checked: the clinic, the patient and the plan request.</summary>
internal sealed record SeriesContext(Clinic Clinic, Patient Patient, PlanRequest Request)
{
    public static async Task<Result<SeriesContext>> Load(ISchedulerStore store, SeriesRequestInput input, Instant now, CancellationToken ct)
    {
        var patientId = new PatientId(Parse.Id(input.PatientId, "patientId"));
        var protocolId = new ProtocolId(Parse.Id(input.ProtocolId, "protocolId"));
        var patient = await store.Patient(patientId, ct);
        if (patient is null)
            return Problem.NotFound("Patient", patientId);
        var protocol = await store.Protocol(protocolId, ct);
        if (protocol is null)
            return Problem.NotFound("Protocol", protocolId);
        if (protocol.ClinicId != patient.ClinicId)
            return Problem.Invalid("protocolId", "The protocol belongs to another clinic than the patient.");
        var clinic = (await store.Clinic(patient.ClinicId, ct))!;
        var today = now.InZone(clinic.Settings.Zone).Date;
        var earliest = input.EarliestDate is null ? today : Parse.Date(input.EarliestDate, "earliestDate");
        if (earliest < today)
            return Problem.Invalid("earliestDate", $"The earliest date {Formats.Day(earliest)} is in the past; today is {Formats.Day(today)} at the clinic.");
        if (earliest > today.PlusDays(730))
            return Problem.Invalid("earliestDate", "The earliest date is more than two years ahead.");
        var preferences = input.Preferences?.ToAvailability("preferences") ?? patient.Availability;
        var request = new PlanRequest(patient.Id, protocol, earliest, preferences, input.Boosters, input.MaxProposals ?? 3, input.SearchDays ?? 28);
        return new SeriesContext(clinic, patient, request);
    }

    /// <summary>The last local day any session of the request could fall on.</summary>
    public static LocalDate LastPossibleDate(PlanRequest request)
    {
        var p = request.Protocol;
        var days = request.FirstSessionSearchDays + (p.Induction.Count - 1) * p.Induction.MaxGapDays
            + request.Boosters * (p.Maintenance?.MaxIntervalDays ?? 0);
        return request.EarliestDate.PlusDays(days);
    }
}
