using Scheduler.Application.Chairs;
using Scheduler.Application.Clinics;
using Scheduler.Application.Patients;
using Scheduler.Application.Protocols;
using Scheduler.Application.Schedule;
using Scheduler.Web.Accounts;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

public static class ClinicEndpoints
{
    public static void MapClinics(this IEndpointRouteBuilder app)
    {
        var clinics = app.MapGroup("/clinics").WithTags("Clinics");
        clinics.MapPost("/", async (ClinicInput input, SaveClinic save, CancellationToken ct) =>
            (await save.Create(input, ct)).ToHttp(v => Results.Created($"/clinics/{v.Id}", v)))
            .RequireAuthorization(StaffRoles.AdminPolicy);
        clinics.MapGet("/", async (ClinicQueries q, CancellationToken ct) => Results.Ok(await q.List(ct)));
        clinics.MapGet("/{id:guid}", async (Guid id, ClinicQueries q, CancellationToken ct) => (await q.Get(id, ct)).ToHttp());
        clinics.MapPut("/{id:guid}", async (Guid id, ClinicInput input, SaveClinic save, CancellationToken ct) => (await save.Update(id, input, ct)).ToHttp())
            .RequireAuthorization(StaffRoles.AdminPolicy);

        clinics.MapGet("/{id:guid}/schedule", async (Guid id, string? from, string? to, ChairSchedule schedule, CancellationToken ct) =>
            (await schedule.Handle(id, from, to, ct)).ToHttp())
            .WithSummary("Every chair's infusion, observation and turnover blocks over local days from..to (inclusive).");

        clinics.MapGet("/{id:guid}/chairs", async (Guid id, ManageChairs chairs, CancellationToken ct) => (await chairs.List(id, ct)).ToHttp());
        clinics.MapPost("/{id:guid}/chairs", async (Guid id, ChairInput input, ManageChairs chairs, CancellationToken ct) =>
            (await chairs.Create(id, input, ct)).ToHttp(v => Results.Created($"/chairs/{v.Id}", v)))
            .RequireAuthorization(StaffRoles.AdminPolicy);

        clinics.MapGet("/{id:guid}/protocols", async (Guid id, ManageProtocols protocols, CancellationToken ct) => (await protocols.List(id, ct)).ToHttp());
        clinics.MapPost("/{id:guid}/protocols", async (Guid id, ProtocolInput input, ManageProtocols protocols, CancellationToken ct) =>
            (await protocols.Create(id, input, ct)).ToHttp(v => Results.Created($"/protocols/{v.Id}", v)))
            .RequireAuthorization(StaffRoles.AdminPolicy);

        clinics.MapGet("/{id:guid}/patients", async (Guid id, string? search, int? skip, int? take, ManagePatients patients, CancellationToken ct) =>
            (await patients.List(id, search, skip, take, ct)).ToHttp());
    }
}
