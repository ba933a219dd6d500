using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using Scheduler.Application.Chairs;
using Scheduler.Application.Clinics;
using Scheduler.Application.Common;
using Scheduler.Application.Patients;
using Scheduler.Application.Background;
using Scheduler.Application.Capacity;
using Scheduler.Application.Protocols;
using Scheduler.Application.Rebooking;
using Scheduler.Application.Reminders;
using Scheduler.Application.Schedule;
using Scheduler.Application.Series;
using Scheduler.Application.Series.Book;
using Scheduler.Application.Series.Cancel;
using Scheduler.Application.Series.Propose;
using Scheduler.Application.Sessions.Lifecycle;
using Scheduler.Application.Sessions.Move;
using Scheduler.Application.Waitlist;
using Scheduler.Infrastructure;
using Scheduler.Infrastructure.Delivery;
using Scheduler.Infrastructure.Persistence;
using Scheduler.Infrastructure.Accounts;
using Scheduler.Web.Accounts;
using Scheduler.Web.Endpoints;
using Scheduler.Web.Pages;
using Scheduler.Web.Http;
using Scheduler.Web.Jobs;
using Scheduler.Web.Seeding;

var builder = WebApplication.CreateBuilder(args);

// The repository's top-level appsettings.json is the configuration. Run from the repository root it
// is the content root's own; otherwise (tests, a published folder) the copy beside the binaries is
// read first, so that anything set later (environment, command line, tests) still wins.
if (!File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
{
    var beside = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Optional = true };
    beside.ResolveFileProvider();
    builder.Configuration.Sources.Insert(0, beside);
}

// The build's static web assets manifest maps wwwroot (with the npm libraries) when the app runs from
// its build output in any environment; a published app has no manifest and serves its own wwwroot.
builder.WebHost.UseStaticWebAssets();

var services = builder.Services;
services.AddSingleton<IClock>(SystemClock.Instance);
services.AddHttpContextAccessor();
services.AddScoped<IActor, StaffActor>();
services.AddStaffSignIn(builder.Configuration);
services.AddSingleton<SetupCode>();
services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/Desk", StaffRoles.FrontDeskPolicy);
    o.Conventions.AuthorizeFolder("/Manage", StaffRoles.ManagerPolicy);
    o.Conventions.AuthorizeFolder("/Admin", StaffRoles.AdminPolicy);
    o.Conventions.AllowAnonymousToFolder("/Account");
    o.Conventions.AllowAnonymousToFolder("/Patient");
});
services.AddScoped<CurrentClinic>();
services.AddSchedulerPersistence(builder.Configuration);
services.AddSingleton(builder.Configuration.GetSection("Lifecycle").Get<LifecycleOptions>() ?? new LifecycleOptions());
services.AddScoped<SaveClinic>();
services.AddScoped<ClinicQueries>();
services.AddScoped<ManageChairs>();
services.AddScoped<ManageProtocols>();
services.AddScoped<ManagePatients>();
services.AddScoped<ProposeSeries>();
services.AddScoped<BookSeries>();
services.AddScoped<CancelSeries>();
services.AddScoped<SeriesQueries>();
services.AddScoped<MoveSession>();
services.AddScoped<ChangeSessionStatus>();
services.AddScoped<DetectNoShows>();
services.AddScoped<ChairSchedule>();
services.AddScoped<ChairTimeline>();
services.AddScoped<Scheduler.Application.Sessions.SessionDetails>();
services.AddScoped<SessionReminders>();
services.AddScoped<MessageQueries>();
services.AddScoped<SaveReminderPolicy>();
services.AddScoped<ReminderPolicyQueries>();
services.AddScoped<ReminderLinkActions>();
services.AddScoped<ReceiveSms>();
services.AddScoped<InboundSmsQueries>();
var links = LinkKey.Links(builder.Configuration);
links.EnsureDefaultPolicyFits();
services.AddSingleton(links);
services.AddReminderSenders(builder.Configuration);
services.AddScoped<IReminderOutbox, EfReminderOutbox>();
services.AddScoped<ReminderDispatcher>();
services.AddSingleton(builder.Configuration.GetSection("Rebooking").Get<RebookingOptions>() ?? new RebookingOptions());
services.AddScoped<Disruptions>();
services.AddScoped<RebookingHolds>();
services.AddScoped<RebookingQueue>();
services.AddScoped<AskForAnotherTime>();
services.AddScoped<RebookingUpkeep>();
services.AddScoped<CloseDay>();
services.AddScoped<CloseDayPreview>();
services.AddScoped<RebookingBoard>();
services.AddScoped<WaitlistBoard>();
services.AddScoped<ManageWaitlist>();
services.AddScoped<WaitlistOffers>();
services.AddScoped<WorkHistory>();
services.AddScoped<UtilisationQueries>();
services.AddScoped<WhatIf>();
services.AddScoped<CapacityQuestion>();
services.AddBackgroundJobs(builder.Configuration);
services.AddWorkHandler<RebookWork, RebookSessions>("rebook");
services.AddWorkHandler<OfferFreedTimeWork, WaitlistOffers>("offer-freed-time");

// Problems the framework writes itself (no route, wrong method, wrong content type) get a detail too.
services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
    c.ProblemDetails.Detail ??= Problems.DefaultDetail(c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode));
services.AddExceptionHandler<BadInputHandler>();
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
services.AddOpenApi();
services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

app.UseExceptionHandler();
// The pages' scripts and styles, open to all: wwwroot of the content root (a published folder, the
// tests) or, under `dotnet run`, the project's wwwroot and the npm libraries the build copied there.
app.UseStaticFiles();
app.UseStatusCodePages(Scheduler.Web.Pages.Shared.StatusPages.Write);
app.UseAuthentication();
app.UseAuthorization();

// Open to all: the API description, health, and the sign-in pages
// (their folder's convention). Everything else needs a signed-in user (the fallback policy) and,
// for the API, the role its group names; admin-only and manager-only writes say so themselves.
app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapRazorPages();
app.MapAccounts();
app.MapReminderLinks();

var frontDesk = app.MapGroup("").RequireAuthorization(StaffRoles.FrontDeskPolicy);
frontDesk.MapClinics();
frontDesk.MapChairsAndProtocols();
frontDesk.MapPatients();
frontDesk.MapSeriesAndSessions();
frontDesk.MapInboundSms();
frontDesk.MapRebooking();
frontDesk.MapReminderPolicies();
var managers = app.MapGroup("").RequireAuthorization(StaffRoles.ManagerPolicy);
managers.MapUtilisation();
managers.MapWhatIf();
managers.MapCapacity();

using (var scope = app.Services.CreateScope())
{
    await DatabaseInitializer.Migrate(scope.ServiceProvider.GetRequiredService<SchedulerDbContext>(), CancellationToken.None);
    await DatabaseInitializer.MigrateAccounts(scope.ServiceProvider.GetRequiredService<AccountsDbContext>(), CancellationToken.None);
}
if (app.Configuration.GetValue("Samples:LoadWhenEmpty", true))
{
    var sample = app.Configuration["Samples:ClinicFile"] ?? "samples/sample-clinic.json";
    var path = File.Exists(sample) ? sample : Path.Combine(AppContext.BaseDirectory, sample);
    await SampleClinicSeeder.SeedIfEmpty(app.Services, path, app.Logger, CancellationToken.None);
}
await StaffBootstrap.Run(app.Services, app.Configuration, app.Environment, app.Logger);

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

internal sealed class DatabaseHealthCheck(SchedulerDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
