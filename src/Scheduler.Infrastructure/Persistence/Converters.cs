using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using Scheduler.Application.Clinics;
using Scheduler.Application.Common;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Protocols;
using Scheduler.Domain.Reminders;

namespace Scheduler.Infrastructure.Persistence;

/// <summary>An instant as a UTC DateTime: ordered and comparable in SQL on every provider.</summary>
public sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    i => i.ToDateTimeUtc(),
    d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)));

public sealed class ClinicIdConverter() : ValueConverter<ClinicId, Guid>(id => id.Value, g => new ClinicId(g));
public sealed class ChairIdConverter() : ValueConverter<ChairId, Guid>(id => id.Value, g => new ChairId(g));
public sealed class ProtocolIdConverter() : ValueConverter<ProtocolId, Guid>(id => id.Value, g => new ProtocolId(g));
public sealed class PatientIdConverter() : ValueConverter<PatientId, Guid>(id => id.Value, g => new PatientId(g));
public sealed class SeriesIdConverter() : ValueConverter<SeriesId, Guid>(id => id.Value, g => new SeriesId(g));
public sealed class SessionIdConverter() : ValueConverter<SessionId, Guid>(id => id.Value, g => new SessionId(g));
public sealed class ChairKindConverter() : ValueConverter<ChairKind, string>(k => k.Value, s => new ChairKind(s));

/// <summary>
/// Small immutable domain values stored as JSON text. The domain replaces such a value on every
/// change, so comparing references is enough to detect one.
/// </summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    public static ValueComparer<T> ByReference<T>() where T : class =>
        new((a, b) => ReferenceEquals(a, b), v => RuntimeHelpers.GetHashCode(v), v => v);

    public static ValueConverter<ClinicSettings, string> Settings { get; } = new(
        s => Write(ClinicInput.From(null, s)),
        j => Read<ClinicInput>(j).ToSettings());

    public static ValueConverter<IReadOnlyList<OutOfServiceWindow>, string> OutOfService { get; } = new(
        list => Write(list.Select(w => new WindowDoc(w.Id, w.Start.ToUnixTimeTicks(), w.End.ToUnixTimeTicks(), w.Reason)).ToList()),
        j => Read<List<WindowDoc>>(j).Select(d => new OutOfServiceWindow(d.Id, Instant.FromUnixTimeTicks(d.Start), Instant.FromUnixTimeTicks(d.End), d.Reason)).ToList());

    public static ValueConverter<InductionPhase, string> Induction { get; } = new(
        p => Write(new InductionDoc(p.Count, p.MinGapDays, p.MaxGapDays, p.AllowedDays.Select(d => (int)d).ToList())),
        j => FromDoc(Read<InductionDoc>(j)));

    public static ValueConverter<MaintenancePhase?, string> Maintenance { get; } = new(
        m => Write(new MaintenanceDoc(m!.MinIntervalDays, m.MaxIntervalDays, m.Count)),
        j => FromDoc(Read<MaintenanceDoc>(j)));

    public static ValueConverter<Availability, string> Availability { get; } = new(
        a => Write(new AvailabilityDoc(a.Days.Select(d => (int)d).ToList(), a.EarliestStart == null ? null : Formatting.Time(a.EarliestStart.Value), a.LatestEnd == null ? null : Formatting.Time(a.LatestEnd.Value))),
        j => FromDoc(Read<AvailabilityDoc>(j)));

    public static ValueConverter<ReminderPolicy, string> ReminderPolicy { get; } = new(
        p => Write(new PolicyDoc(ReminderPolicyInput.From(p), p.LinkLength)),
        j => FromDoc(Read<PolicyDoc>(j)));

    private static ReminderPolicy FromDoc(PolicyDoc d) => d.Policy.ToPolicy(d.LinkLength);

    private static InductionPhase FromDoc(InductionDoc d) => new(d.Count, d.MinGapDays, d.MaxGapDays, d.AllowedDays.Select(x => (IsoDayOfWeek)x));

    private static MaintenancePhase FromDoc(MaintenanceDoc d) => new(d.MinIntervalDays, d.MaxIntervalDays, d.Count);

    private static Availability FromDoc(AvailabilityDoc d) =>
        new(d.Days.Select(x => (IsoDayOfWeek)x),
            d.EarliestStart is null ? null : Parse.Time(d.EarliestStart, "earliestStart"),
            d.LatestEnd is null ? null : Parse.Time(d.LatestEnd, "latestEnd"));

    private sealed record PolicyDoc(ReminderPolicyInput Policy, int LinkLength);

    private sealed record WindowDoc(Guid Id, long Start, long End, string Reason);

    private sealed record InductionDoc(int Count, int MinGapDays, int MaxGapDays, List<int> AllowedDays);

    private sealed record MaintenanceDoc(int MinIntervalDays, int MaxIntervalDays, int? Count);

    private sealed record AvailabilityDoc(List<int> Days, string? EarliestStart, string? LatestEnd);
}
