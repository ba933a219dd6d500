using Scheduler.Application.Common;
using Scheduler.Application.Series;
using Scheduler.Domain.Audit;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Background;

/// <summary>One run of background work; times are instants (UTC), as the work is not always a clinic's.</summary>
public sealed record WorkRunView(Guid Id, string Kind, string Key, Guid? ClinicId, int Attempt, string StartedAt, string? FinishedAt,
    string Outcome, string? Summary, string? Error)
{
    public static WorkRunView Of(WorkRun r) =>
        new(r.Id, r.Kind, r.Key, r.ClinicId, r.Attempt, r.StartedAt.ToString(), r.FinishedAt?.ToString(), SessionView.Name(r.Outcome), r.Summary, r.Error);
}

/// <summary>The job history: what background work ran, each attempt, how it ended and what it did.</summary>
public sealed class WorkHistory(ISchedulerStore store)
{
    public const int MaxTake = 500;

    public async Task<Result<IReadOnlyList<WorkRunView>>> OfClinic(Guid clinicId, string? kind, int? take, CancellationToken ct)
    {
        if (await store.Clinic(new ClinicId(clinicId), ct) is null)
            return Problem.NotFound("Clinic", clinicId);
        var count = take ?? 100;
        if (count is < 1 or > MaxTake)
            return Problem.Invalid("take", $"take must be from 1 to {MaxTake}, not {count}.");
        return (await store.WorkRuns(new ClinicId(clinicId), kind, count, ct)).Select(WorkRunView.Of).ToList();
    }

    public async Task<Result<WorkRunView>> Get(Guid id, CancellationToken ct) =>
        await store.WorkRun(id, ct) is { } run ? WorkRunView.Of(run) : Problem.NotFound("Job run", id);
}
