using Scheduler.Application.Chairs;
using Scheduler.Application.Protocols;
using Scheduler.Web.Accounts;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

public static class ChairEndpoints
{
    public static void MapChairsAndProtocols(this IEndpointRouteBuilder app)
    {
        var chairs = app.MapGroup("/chairs").WithTags("Chairs");
        chairs.MapGet("/{id:guid}", async (Guid id, ManageChairs m, CancellationToken ct) => (await m.Get(id, ct)).ToHttp());
        chairs.MapPut("/{id:guid}", async (Guid id, ChairInput input, ManageChairs m, CancellationToken ct) => (await m.Update(id, input, ct)).ToHttp())
            .RequireAuthorization(StaffRoles.AdminPolicy);
        chairs.MapPost("/{id:guid}/out-of-service", async (Guid id, OutOfServiceInput input, ManageChairs m, CancellationToken ct) =>
            (await m.AddOutOfService(id, input, ct)).ToHttp())
            .RequireAuthorization(StaffRoles.AdminPolicy);
        chairs.MapDelete("/{id:guid}/out-of-service/{windowId:guid}", async (Guid id, Guid windowId, ManageChairs m, CancellationToken ct) =>
            (await m.RemoveOutOfService(id, windowId, ct)).ToHttp())
            .RequireAuthorization(StaffRoles.AdminPolicy);

        var protocols = app.MapGroup("/protocols").WithTags("Protocols");
        protocols.MapGet("/{id:guid}", async (Guid id, ManageProtocols m, CancellationToken ct) => (await m.Get(id, ct)).ToHttp());
        protocols.MapPut("/{id:guid}", async (Guid id, ProtocolInput input, ManageProtocols m, CancellationToken ct) => (await m.Update(id, input, ct)).ToHttp())
            .RequireAuthorization(StaffRoles.AdminPolicy);
    }
}
