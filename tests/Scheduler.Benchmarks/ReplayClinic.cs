using System.Text.Json;
using NodaTime;
using Scheduler.Application.Common;
using Scheduler.Domain.Chairs;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Protocols;
using Scheduler.Web.Seeding;

namespace Scheduler.Benchmarks;

/// <summary>
/// The sample clinic (<c>samples/sample-clinic.json</c>) in memory for the demand replay: its
/// settings through the API's own <c>ClinicInput.ToSettings</c>, its chairs (each kind's count
/// scaled by <c>chairsScale</c>, nurses left as the file has them) and its protocols, in file order.
/// </summary>
public sealed class ReplayClinic
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // ManageProtocols reads an empty list of allowed days as every day; the same here.
    private static readonly IsoDayOfWeek[] AllWeekdays = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToArray();

    private ReplayClinic(Clinic clinic, IReadOnlyList<Chair> chairs, IReadOnlyList<Protocol> protocols, double chairsScale)
    {
        Clinic = clinic;
        Chairs = chairs;
        Protocols = protocols;
        ChairsScale = chairsScale;
    }

    public Clinic Clinic { get; }
    public ClinicSettings Settings => Clinic.Settings;
    public IReadOnlyList<Chair> Chairs { get; }
    public IReadOnlyList<Protocol> Protocols { get; }
    public double ChairsScale { get; }

    /// <summary>A protocol's name up to the colon ("Depression"), for tables.</summary>
    public static string ShortName(Protocol protocol) => protocol.Name.Split(':')[0].Trim();

    public static ReplayClinic Load(string sampleFile, double chairsScale)
    {
        if (chairsScale is <= 0 or > 20)
            throw new ArgumentOutOfRangeException(nameof(chairsScale), chairsScale, "The chair scale must be above 0 and at most 20.");
        var sample = JsonSerializer.Deserialize<SampleClinic>(File.ReadAllText(sampleFile), Json)
            ?? throw new InvalidOperationException($"{sampleFile} is empty.");
        var clinic = Clinic.Create(sample.Clinic.Name ?? "Sample clinic", sample.Clinic.ToSettings());

        var chairs = new List<Chair>();
        foreach (var kind in sample.Chairs.GroupBy(c => new ChairKind(c.Kind ?? "")))
        {
            var names = kind.Select(c => c.Name ?? "").ToList();
            var wanted = Math.Max(1, (int)Math.Round(names.Count * chairsScale, MidpointRounding.AwayFromZero));
            for (var i = 0; i < wanted; i++)
            {
                // Extra chairs continue the count: "Recliner 7", "Bed 3".
                var name = i < names.Count ? names[i] : $"{char.ToUpperInvariant(kind.Key.Value[0])}{kind.Key.Value[1..]} {i + 1}";
                chairs.Add(Chair.Create(clinic.Id, name, kind.Key));
            }
        }

        var protocols = sample.Protocols.Select(p => Protocol.Create(clinic, p.Name ?? "", new ChairKind(p.ChairKind ?? ""),
                InfusionDuration.FromMinutes(Parse.Required(p.InfusionMinutes, "infusionMinutes")),
                ObservationDuration.FromMinutes(Parse.Required(p.ObservationMinutes, "observationMinutes")),
                new InductionPhase(Parse.Required(p.Induction?.Count, "induction.count"), Parse.Required(p.Induction?.MinGapDays, "induction.minGapDays"),
                    Parse.Required(p.Induction?.MaxGapDays, "induction.maxGapDays"),
                    p.Induction?.AllowedDays is { Count: > 0 } days ? Parse.Weekdays(days, "induction.allowedDays") : AllWeekdays),
                p.Maintenance is { } m
                    ? new MaintenancePhase(Parse.Required(m.MinIntervalDays, "maintenance.minIntervalDays"), Parse.Required(m.MaxIntervalDays, "maintenance.maxIntervalDays"), m.Count)
                    : null))
            .ToList();
        return new ReplayClinic(clinic, chairs, protocols, chairsScale);
    }

    /// <summary>The sample clinic file (see <see cref="BenchmarkSupport.SampleFile"/>).</summary>
    public static string SampleFile() => BenchmarkSupport.SampleFile();
}
