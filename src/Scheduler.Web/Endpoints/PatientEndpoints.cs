using Scheduler.Application.Patients;
using Scheduler.Application.Reminders;
using Scheduler.Application.Series;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

public static class PatientEndpoints
{
    public static void MapPatients(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/patients").WithTags("Patients");
        patients.MapPost("/", async (PatientInput input, ManagePatients m, CancellationToken ct) =>
            (await m.Create(input, ct)).ToHttp(v => Results.Created($"/patients/{v.Id}", v)));
        patients.MapGet("/{id:guid}", async (Guid id, ManagePatients m, CancellationToken ct) => (await m.Get(id, ct)).ToHttp());
        patients.MapPut("/{id:guid}", async (Guid id, PatientInput input, ManagePatients m, CancellationToken ct) => (await m.Update(id, input, ct)).ToHttp());
        patients.MapGet("/{id:guid}/series", async (Guid id, SeriesQueries q, CancellationToken ct) => (await q.OfPatient(id, ct)).ToHttp());
        patients.MapGet("/{id:guid}/messages", async (Guid id, MessageQueries q, CancellationToken ct) => (await q.OfPatient(id, ct)).ToHttp())
            .WithSummary("The patient's reminder messages across their sessions, by time.");
    }
}
