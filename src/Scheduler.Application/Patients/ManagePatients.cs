using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;

namespace Scheduler.Application.Patients;

/// <summary>Preferred weekdays, earliest start and latest end of a visit, clinic wall-clock "HH:mm".</summary>
public sealed record AvailabilityInput(List<string>? Days, string? EarliestStart, string? LatestEnd)
{
    /// <summary>The availability this input gives; errors name <paramref name="field"/> ("availability", "preferences").</summary>
    public Availability ToAvailability(string field) =>
        new(Parse.Weekdays(Days, $"{field}.days"),
            EarliestStart is null ? null : Parse.Time(EarliestStart, $"{field}.earliestStart"),
            LatestEnd is null ? null : Parse.Time(LatestEnd, $"{field}.latestEnd"));
}

/// <summary>Phone in E.164 (+16175550123); channel "sms" or "email".</summary>
public sealed record PatientInput(Guid? ClinicId, string? Name, string? Phone, string? Email, string? PreferredChannel, AvailabilityInput? Availability);

public sealed record PatientView(Guid Id, Guid ClinicId, string Name, string? Phone, string? Email, string PreferredChannel, AvailabilityInput Availability)
{
    public static PatientView Of(Patient p) =>
        new(p.Id.Value, p.ClinicId.Value, p.Name, p.Phone?.Value, p.Email?.Value, p.PreferredChannel.ToString().ToLowerInvariant(),
            new AvailabilityInput(p.Availability.Days.Select(Formatting.Day).ToList(),
                p.Availability.EarliestStart is { } s ? Formatting.Time(s) : null,
                p.Availability.LatestEnd is { } e ? Formatting.Time(e) : null));
}

public sealed class ManagePatients(ISchedulerStore store, IClock clock, IActor actor)
{
    public const int MaxPageSize = 200;

    public async Task<Result<PatientView>> Create(PatientInput input, CancellationToken ct)
    {
        var clinicId = new ClinicId(Parse.Id(input.ClinicId, "clinicId"));
        if (await store.Clinic(clinicId, ct) is null)
            return Problem.NotFound("Clinic", clinicId);
        var (phone, email, channel, availability) = Read(input);
        var patient = Patient.Create(clinicId, input.Name ?? "", phone, email, channel, availability);
        store.Add(patient);
        store.Add(new AuditEntry(clock.GetCurrentInstant(), actor.Name, "patient", patient.Id.Value, "created", "", null));
        await store.SaveChanges(ct);
        return PatientView.Of(patient);
    }

    public async Task<Result<PatientView>> Update(Guid id, PatientInput input, CancellationToken ct)
    {
        var patient = await store.Patient(new PatientId(id), ct);
        if (patient is null)
            return Problem.NotFound("Patient", id);
        if (input.ClinicId is { } c && c != patient.ClinicId.Value)
            return Problem.Invalid("clinicId", "A patient cannot move to another clinic; create them there.");
        var (phone, email, channel, availability) = Read(input);
        patient.Update(input.Name ?? "", phone, email, channel, availability);
        store.Add(new AuditEntry(clock.GetCurrentInstant(), actor.Name, "patient", patient.Id.Value, "updated", "", null));
        await store.SaveChanges(ct);
        return PatientView.Of(patient);
    }

    public async Task<Result<PatientView>> Get(Guid id, CancellationToken ct) =>
        await store.Patient(new PatientId(id), ct) is { } p ? PatientView.Of(p) : Problem.NotFound("Patient", id);

    public async Task<Result<IReadOnlyList<PatientView>>> List(Guid clinicId, string? search, int? skip, int? take, CancellationToken ct)
    {
        if (await store.Clinic(new ClinicId(clinicId), ct) is null)
            return Problem.NotFound("Clinic", clinicId);
        if (search is { Length: > 200 })
            return Problem.Invalid("search", "The search text is longer than 200 characters.");
        if (skip is < 0 || take is < 1 or > MaxPageSize)
            return Problem.Invalid("take", $"skip must be 0 or more and take from 1 to {MaxPageSize}.");
        return (await store.Patients(new ClinicId(clinicId), search, skip ?? 0, take ?? 50, ct)).Select(PatientView.Of).ToList();
    }

    private static (PhoneNumber?, EmailAddress?, ContactChannel, Availability) Read(PatientInput input)
    {
        PhoneNumber? phone = string.IsNullOrWhiteSpace(input.Phone) ? null : new PhoneNumber(input.Phone);
        EmailAddress? email = string.IsNullOrWhiteSpace(input.Email) ? null : new EmailAddress(input.Email);
        var channel = (input.PreferredChannel?.ToLowerInvariant()) switch
        {
            null => phone is not null ? ContactChannel.Sms : ContactChannel.Email,
            "sms" => ContactChannel.Sms,
            "email" => ContactChannel.Email,
            _ => throw new InvalidValueException("preferredChannel", "preferredChannel must be 'sms' or 'email'."),
        };
        var availability = input.Availability?.ToAvailability("availability") ?? Availability.Any;
        return (phone, email, channel, availability);
    }
}
