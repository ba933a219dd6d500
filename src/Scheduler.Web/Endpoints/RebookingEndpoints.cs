using Scheduler.Application.Background;
using Scheduler.Application.Clinics;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Waitlist;
using Scheduler.Web.Accounts;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

/// <summary>Closing a day, the rebooking queue and its holds, the waitlist and its offers, and the job history.</summary>
public static class RebookingEndpoints
{
    public static void MapRebooking(this IEndpointRouteBuilder app)
    {
        var clinics = app.MapGroup("/clinics/{clinicId:guid}").WithTags("Rebooking");
        clinics.MapPost("/closures", async (Guid clinicId, CloseDayInput input, CloseDay close, CancellationToken ct) =>
                (await close.Handle(clinicId, input, ct)).ToHttp())
            .WithSummary("Closes the clinic for a day with its sessions (a snow day): each booked session is cancelled and rebooked by the rebooking job.")
            .RequireAuthorization(StaffRoles.ManagerPolicy);
        clinics.MapGet("/rebooking", async (Guid clinicId, string? status, RebookingQueue queue, CancellationToken ct) =>
                (await queue.List(clinicId, status, ct)).ToHttp())
            .WithSummary("The rebooking cases, oldest first; ?status=frontDesk is the front desk's queue (pending, held, rebooked, frontDesk, resolved).");
        clinics.MapGet("/waitlist", async (Guid clinicId, bool? all, ManageWaitlist waitlist, CancellationToken ct) =>
                (await waitlist.List(clinicId, all ?? false, ct)).ToHttp())
            .WithSummary("Patients waiting for an earlier time, longest waiting first; ?all=true includes those moved or removed.");
        clinics.MapGet("/offers", async (Guid clinicId, ManageWaitlist waitlist, CancellationToken ct) => (await waitlist.Offers(clinicId, ct)).ToHttp())
            .WithSummary("Freed times offered to the waitlist, newest first, with who was offered, their rank and answer.");
        clinics.MapGet("/jobs", async (Guid clinicId, string? kind, int? take, WorkHistory history, CancellationToken ct) =>
                (await history.OfClinic(clinicId, kind, take, ct)).ToHttp())
            .WithTags("Jobs")
            .WithSummary("The job history of the clinic's background work (rebook, offer-freed-time), newest first: each attempt, its outcome and what it did.");

        var cases = app.MapGroup("/rebooking").WithTags("Rebooking");
        cases.MapGet("/{id:guid}", async (Guid id, RebookingQueue queue, CancellationToken ct) => (await queue.Get(id, ct)).ToHttp())
            .WithSummary("One rebooking case with its history: what the job tried and decided, and who acted.");
        cases.MapPost("/{id:guid}/confirm", async (Guid id, RebookingQueue queue, CancellationToken ct) => (await queue.Confirm(id, ct)).ToHttp())
            .WithSummary("Takes the held time for the patient.");
        cases.MapPost("/{id:guid}/decline", async (Guid id, HttpRequest request, RebookingQueue queue, CancellationToken ct) =>
                (await queue.Decline(id, (await OptionalBody.Read<ReasonBody>(request, ct))?.Reason, ct)).ToHttp())
            .WithSummary("Declines the held time for the patient: it is released and the case goes to the front desk.");
        cases.MapPost("/{id:guid}/resolve", async (Guid id, ResolveRebookingInput input, RebookingQueue queue, CancellationToken ct) =>
                (await queue.Resolve(id, input, ct)).ToHttp())
            .WithSummary("Resolves a case by hand: books the given start (and chair), checked like any booking, or closes it with the note.");

        var waitlist = app.MapGroup("/waitlist").WithTags("Waitlist");
        waitlist.MapPost("/", async (WaitlistInput input, ManageWaitlist manage, CancellationToken ct) =>
                (await manage.Add(input, ct)).ToHttp(v => Results.Created($"/waitlist/{v.Id}", v)))
            .WithSummary("Puts a booked session on the waitlist for an earlier time. Adding it twice returns the same entry.");
        waitlist.MapDelete("/{id:guid}", async (Guid id, string? reason, ManageWaitlist manage, CancellationToken ct) =>
                (await manage.Remove(id, reason, ct)).ToHttp())
            .WithSummary("Takes an entry off the waitlist.");
        app.MapGet("/offers/{id:guid}", async (Guid id, ManageWaitlist manage, CancellationToken ct) => (await manage.Offer(id, ct)).ToHttp())
            .WithTags("Waitlist");
        app.MapGet("/jobs/{id:guid}", async (Guid id, WorkHistory history, CancellationToken ct) => (await history.Get(id, ct)).ToHttp())
            .WithTags("Jobs");
    }

    private sealed record ReasonBody(string? Reason);
}
