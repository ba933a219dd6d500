using Scheduler.Application.Capacity;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

/// <summary>The capacity question: how many more series of a protocol the book can take, week by week.</summary>
public static class CapacityEndpoints
{
    public static void MapCapacity(this IEndpointRouteBuilder app)
    {
        var clinics = app.MapGroup("/clinics/{clinicId:guid}").WithTags("Capacity");
        clinics.MapPost("/capacity", async (Guid clinicId, CapacityInput input, CapacityQuestion question, CancellationToken ct) =>
                (await question.Handle(clinicId, input, ct)).ToHttp())
            .WithSummary("How many more series of a protocol can start in each of 1–12 weeks without moving anyone: each placed by the planner " +
                "on a copy of the book, as booking one after another would, with the series and why the next does not fit. Writes nothing.");
    }
}
