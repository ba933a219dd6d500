using Scheduler.Application.Reminders;
using Scheduler.Web.Accounts;
using Scheduler.Web.Http;

namespace Scheduler.Web.Endpoints;

/// <summary>A clinic's reminder policy: read it, preview it, save it, or go back to the defaults.</summary>
public static class ReminderPolicyEndpoints
{
    public static void MapReminderPolicies(this IEndpointRouteBuilder app)
    {
        var clinics = app.MapGroup("/clinics").WithTags("Reminder policy");
        clinics.MapGet("/{id:guid}/reminder-policy", async (Guid id, ReminderPolicyQueries q, CancellationToken ct) => (await q.Get(id, ct)).ToHttp())
            .WithSummary("The clinic's reminder policy: reminders and offsets, quiet hours, SMS caps, sender name, forbidden words, templates; isDefault when none is saved.");
        clinics.MapPut("/{id:guid}/reminder-policy", async (Guid id, ReminderPolicyInput input, SaveReminderPolicy save, CancellationToken ct) =>
            (await save.Save(id, input, ct)).ToHttp())
            .WithSummary("Saves the policy (anything left out keeps the default) and plans the reminders not yet sent again; a kind already sent is not sent twice.")
            .RequireAuthorization(StaffRoles.AdminPolicy);
        clinics.MapDelete("/{id:guid}/reminder-policy", async (Guid id, SaveReminderPolicy save, CancellationToken ct) =>
            (await save.Reset(id, ct)).ToHttp())
            .WithSummary("Back to the default policy; the reminders not yet sent are planned again.")
            .RequireAuthorization(StaffRoles.AdminPolicy);
        clinics.MapPost("/{id:guid}/reminder-policy/preview", async (Guid id, ReminderPolicyInput input, ReminderPolicyQueries q, CancellationToken ct) =>
            (await q.Preview(id, input, ct)).ToHttp())
            .WithSummary("Every SMS and email of a policy rendered for a worst-case session, with lengths and SMS segments. Checks it as saving would; writes nothing.")
            .RequireAuthorization(StaffRoles.AdminPolicy);
    }
}
