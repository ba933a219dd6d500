using Scheduler.Application.Common;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Clinics;

public sealed class ClinicQueries(ISchedulerStore store)
{
    public async Task<Result<ClinicView>> Get(Guid id, CancellationToken ct) =>
        await store.Clinic(new ClinicId(id), ct) is { } clinic ? ClinicView.Of(clinic) : Problem.NotFound("Clinic", id);

    public async Task<IReadOnlyList<ClinicView>> List(CancellationToken ct) =>
        (await store.Clinics(ct)).Select(ClinicView.Of).ToList();
}
