using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// Rebooking through the real app: the disruption opens a case per session in its own transaction,
/// the rebooking job (Quartz background work) decides each one, holds go to the patient by the
/// reminder channels with a signed link, and what cannot be solved is queued for the front desk
/// with the reason. The chair rules and the series spacing hold throughout.
/// </summary>
public sealed partial class RebookingTests
{
    [Fact]
    public async Task SnowDay_ForTheSampleClinic_RebooksOrQueuesEverySession_NoneLost_NoneDoubleBooked_SpacingKept()
    {
        await using var s = await Scenario.Start();
        var patients = new List<Guid>();
        for (var i = 0; i < 14; i++)
            patients.Add(await s.CreatePatient($"Snow Patient {i}"));
        foreach (var p in patients.Take(12))
            await (await s.Client.Post("/series", new { patientId = p, protocolId = s.Sample.Depression, earliestDate = "2026-12-07", boosters = 0 })).Expect(HttpStatusCode.Created);
        foreach (var p in patients.Skip(12))
            await (await s.Client.Post("/series", new { patientId = p, protocolId = s.Sample.ChronicPain, earliestDate = "2026-12-07", boosters = 0 })).Expect(HttpStatusCode.Created);
        var onDay = (await s.Blocks("2026-12-09", "2026-12-09")).Where(b => b.Str("kind") == "infusion").Select(b => b.GetProperty("sessionId").GetGuid()).ToHashSet();
        Assert.True(onDay.Count >= 8, $"only {onDay.Count} sessions on the day");

        var closed = await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/closures", new { date = "2026-12-09", reason = "Snow" })).Expect(HttpStatusCode.OK);
        Assert.Equal(onDay.Count, closed.GetProperty("sessionsCancelled").GetInt32());
        Assert.Equal(onDay.Count, closed.Items("rebookingCases").Count);
        await s.WaitForRebooking();

        // None lost: every session of the day has exactly one case, decided.
        var cases = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking")).Items();
        Assert.Equal(onDay.OrderBy(x => x), cases.Select(c => c.GetProperty("sessionId").GetGuid()).OrderBy(x => x));
        foreach (var c in cases)
        {
            Assert.Equal("clinicClosed", c.Str("trigger"));
            Assert.Equal("cancelled", (await s.Session(c.GetProperty("sessionId").GetGuid())).Str("status"));
            switch (c.Str("status"))
            {
                case "held" or "rebooked":
                    var makeUp = await s.Session(c.GetProperty("heldSessionId").GetGuid());
                    Assert.Equal("booked", makeUp.Str("status"));
                    Assert.DoesNotContain("2026-12-09", makeUp.Str("start"), StringComparison.Ordinal);
                    Assert.Equal(makeUp.Str("start"), c.Str("heldStart"));
                    break;
                case "frontDesk":
                    Assert.False(string.IsNullOrWhiteSpace(c.Str("frontDeskReason")));
                    break;
                default:
                    Assert.Fail($"case {c.Id()} is {c.Str("status")}");
                    break;
            }
        }
        Assert.Contains(cases, c => c.Str("status") == "held");
        // The chronic-pain series (five weekdays in a row) cannot skip a day: the front desk gets it, with the reason in words.
        Assert.Contains(cases, c => c.Str("status") == "frontDesk" && c.Str("frontDeskReason").Contains("spacing", StringComparison.Ordinal));

        // Nothing on the closed day, no two sessions on one chair at once.
        Assert.DoesNotContain(await s.Blocks("2026-12-09", "2026-12-09"), b => b.Str("status") is "booked" or "confirmed");
        var blocks = await s.Blocks("2026-11-23", "2027-01-31");
        foreach (var chair in (await s.Schedule("2026-12-01", "2026-12-01")).Items("chairs"))
        {
            var spans = (await s.Schedule("2026-11-23", "2027-01-21")).Items("chairs").Single(x => x.Id() == chair.Id()).Items("blocks")
                .Select(b => (Start: OffsetDateTimePattern.ExtendedIso.Parse(b.Str("start")).Value.ToInstant(), End: OffsetDateTimePattern.ExtendedIso.Parse(b.Str("end")).Value.ToInstant()))
                .OrderBy(b => b.Start).ToList();
            for (var i = 1; i < spans.Count; i++)
                Assert.True(spans[i].Start >= spans[i - 1].End, $"overlap on {chair.Str("name")} at {spans[i].Start}");
        }
        Assert.NotEmpty(blocks);

        // Spacing kept: every depression series still has six sessions, 2–4 days apart.
        foreach (var p in patients.Take(12))
        {
            var series = (await s.SeriesOf(p)).Single();
            var dates = series.Items("sessions").Where(x => x.Str("status") is not ("cancelled" or "noShow"))
                .OrderBy(x => x.GetProperty("ordinal").GetInt32())
                .Select(x => OffsetDateTimePattern.ExtendedIso.Parse(x.Str("start")).Value.Date).ToList();
            var frontDesk = cases.Any(c => c.GetProperty("patientId").GetGuid() == p && c.Str("status") == "frontDesk");
            Assert.Equal(frontDesk ? 5 : 6, dates.Count);
            if (frontDesk)
                continue;
            for (var i = 1; i < dates.Count; i++)
                Assert.InRange(Period.DaysBetween(dates[i - 1], dates[i]), 2, 4);
        }
    }

    [Fact]
    public async Task ChairOutage_InTheMiddleOfASeries_HoldsTheNearestTime_ShiftsTheNextSession_AndThePatientConfirmsByTheLink()
    {
        await using var s = await Scenario.Start();
        s.App.Clock.Set(At("2026-11-23T15:00:00Z")); // 10:00 in New York: outside quiet hours, so the offer goes at once
        string[] days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
        var (clinic, chair, protocol) = await Bodies.SmallClinic(s.Client, Bodies.Clinic("One chair", days, "08:00", "18:00"), Bodies.Protocol("Three", 3, 2, 4));
        var patient = await s.CreatePatient("Outage Patient", clinic);
        var series = await s.Book(patient, protocol, new Choice(chair, "2026-12-07T09:00"), new Choice(chair, "2026-12-09T09:00"), new Choice(chair, "2026-12-11T09:00"));
        var second = series.Items("sessions").Single(x => x.GetProperty("ordinal").GetInt32() == 2).Id();
        var third = series.Items("sessions").Single(x => x.GetProperty("ordinal").GetInt32() == 3).Id();

        await (await s.Client.Post($"/chairs/{chair}/out-of-service", new { start = "2026-12-09T00:00", end = "2026-12-10T00:00", reason = "Pump repair" })).Expect(HttpStatusCode.OK);
        var held = await s.WaitForRebooking(second, clinic);

        // Thursday is the nearest day that keeps the gap after Monday; Friday is then too close, so session 3 moves to Saturday.
        Assert.Equal(("held", "2026-12-10T09:00:00-05:00"), (held.Str("status"), held.Str("heldStart")));
        Assert.Contains("session 3", held.Str("shifted"), StringComparison.Ordinal);
        Assert.Equal("2026-12-12T09:00:00-05:00", (await s.Session(third)).Str("start"));
        var makeUp = held.GetProperty("heldSessionId").GetGuid();

        var (email, _) = RecordingSender.Install(s.App);
        var report = await s.App.DispatchReminders();
        Assert.True(report.Sent >= 1);
        var offer = (await Messages(s, makeUp)).Single(m => m.Str("kind") == "rebooking");
        Assert.Equal("sent", offer.Str("status"));
        Assert.DoesNotContain("ketamine", offer.Str("body"), StringComparison.OrdinalIgnoreCase);
        var path = Link().Match(offer.Str("body")).Groups[1].Value;

        var view = await Json(s, HttpMethod.Get, path);
        Assert.Contains("holding this new time", view.Str("message"), StringComparison.Ordinal);
        var confirmed = await Json(s, HttpMethod.Post, path + "/confirm");
        Assert.Equal("confirmed", confirmed.Str("status"));

        var done = await s.Client.Get($"/rebooking/{held.Id()}");
        Assert.Equal("rebooked", done.Str("status"));
        Assert.Equal("confirmed", (await s.Session(makeUp)).Str("status"));
        var history = done.Items("history").Select(h => h.Str("action")).ToList();
        Assert.Equal(["opened", "held", "rebooked"], history);
        // The make-up session now has its own reminders.
        Assert.Contains(await Messages(s, makeUp), m => m.Str("kind") == "sameDay");
        Assert.NotNull(email);
    }

    [Fact]
    public async Task NoShow_FoundByTheRecurringCheck_OpensARebooking_AndAMakeUpIsHeldOnAnotherDay()
    {
        await using var s = await Scenario.Start();
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        s.App.Clock.Set(At("2026-12-08T15:30:00Z"));

        Assert.Equal(1, await s.App.DetectNoShows());
        var rebooking = await s.WaitForRebooking(session);

        Assert.Equal(("noShow", "held"), (rebooking.Str("trigger"), rebooking.Str("status")));
        var makeUp = await s.Session(rebooking.GetProperty("heldSessionId").GetGuid());
        Assert.DoesNotContain("2026-12-08", makeUp.Str("start"), StringComparison.Ordinal);
        Assert.Equal(1, makeUp.GetProperty("ordinal").GetInt32());
        var jobs = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/jobs?kind=rebook")).Items();
        Assert.Contains(jobs, j => j.Str("outcome") == "succeeded" && j.Str("summary").StartsWith("1 held", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Decline_ReleasesTheHeldTime_AndTheFrontDeskResolvesTheCaseByHand()
    {
        await using var s = await Scenario.Start();
        var session = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-08T10:00")).Id();
        await (await s.Client.Post($"/sessions/{session}/cancel", new { reason = "Sick" })).Expect(HttpStatusCode.OK);
        var held = await s.WaitForRebooking(session);
        Assert.Equal("held", held.Str("status"));

        var declined = await (await s.Client.Post($"/rebooking/{held.Id()}/decline", new { reason = "Travelling that week" })).Expect(HttpStatusCode.OK);
        Assert.Equal("frontDesk", declined.Str("status"));
        Assert.Contains("declined", declined.Str("frontDeskReason"), StringComparison.Ordinal);
        Assert.Equal("cancelled", (await s.Session(held.GetProperty("heldSessionId").GetGuid())).Str("status"));
        var queue = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking?status=frontDesk")).Items();
        Assert.Equal(held.Id(), queue.Single().Id());

        var bad = await s.Client.Post($"/rebooking/{held.Id()}/resolve", new { note = "Called", start = "2026-12-09T10:07", chairId = s.Recliner(2) });
        await bad.ExpectProblem(HttpStatusCode.Conflict, "offGrid");
        Assert.Equal("frontDesk", (await s.Client.Get($"/rebooking/{held.Id()}")).Str("status"));
        var resolved = await (await s.Client.Post($"/rebooking/{held.Id()}/resolve", new { note = "Called the patient", start = "2026-12-16T10:00", chairId = s.Recliner(2) })).Expect(HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.Str("status"));
        Assert.Contains("Wed 16 Dec 2026 10:00", resolved.Str("resolution"), StringComparison.Ordinal);
        Assert.Contains((await s.SeriesOf(s.Quinn)).Single().Items("sessions"), x => x.Str("start") == "2026-12-16T10:00:00-05:00" && x.Str("status") == "booked");
    }

    [Fact]
    public async Task ClosingTheDayOfAHeldTime_SendsItsCaseBackToTheJob_InsteadOfOpeningASecond()
    {
        await using var s = await Scenario.Start();
        var session = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-08T10:00")).Id();
        await (await s.Client.Post($"/sessions/{session}/cancel", new { reason = "Sick" })).Expect(HttpStatusCode.OK);
        var held = await s.WaitForRebooking(session);
        var heldDay = held.Str("heldStart")[..10];

        await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/closures", new { date = heldDay, reason = "Snow" })).Expect(HttpStatusCode.OK);
        var again = await s.WaitForRebooking(session);

        var cases = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking")).Items();
        Assert.Single(cases);
        Assert.Equal((held.Id(), "held"), (again.Id(), again.Str("status")));
        Assert.NotEqual(heldDay, again.Str("heldStart")[..10]);
        Assert.Equal("cancelled", (await s.Session(held.GetProperty("heldSessionId").GetGuid())).Str("status"));
        Assert.Equal(["opened", "held", "requeued", "held"], (await s.Client.Get($"/rebooking/{held.Id()}")).Items("history").Select(h => h.Str("action")));
    }

    [Fact]
    public async Task TwoPatientsAcceptTheSameOfferAtTheSameMoment_OnlyOneGetsTheTime()
    {
        await using var s = await Scenario.Start();
        s.App.Clock.Set(At("2026-11-23T15:00:00Z")); // 10:00 in New York: outside quiet hours, so the offers go at once
        var (leaving, b, c) = (await s.CreatePatient("Leaving"), await s.CreatePatient("Waiting B"), await s.CreatePatient("Waiting C"));
        var freed = (await s.BookOne(leaving, s.Recliner(1), "2026-12-08T10:00")).Id();
        var later = new[] { (await s.BookOne(b, s.Recliner(2), "2026-12-15T10:00")).Id(), (await s.BookOne(c, s.Recliner(3), "2026-12-16T11:00")).Id() };
        foreach (var session in later)
            await (await s.Client.Post("/waitlist", new { sessionId = session, note = "Any earlier time" })).Expect(HttpStatusCode.Created);

        await (await s.Client.Post($"/sessions/{freed}/cancel", new { reason = "Moving away", rebook = false })).Expect(HttpStatusCode.OK);
        var offer = await WaitForOffer(s);
        Assert.Equal(("open", "2026-12-08T10:00:00-05:00", 2), (offer.Str("status"), offer.Str("start"), offer.Items("recipients").Count));
        await s.App.DispatchReminders();
        var paths = new List<string>();
        foreach (var session in later)
        {
            var message = (await Messages(s, session)).Single(m => m.Str("kind") == "waitlistOffer");
            Assert.Equal("sent", message.Str("status"));
            paths.Add(Link().Match(message.Str("body")).Groups[1].Value);
        }

        var answers = await Task.WhenAll(paths.Select(async p =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Api.Path(p + "/accept"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await s.Client.SendAsync(request);
            return response.StatusCode;
        }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Order());
        var winner = later[Array.IndexOf(answers, HttpStatusCode.OK)];
        var loser = later[Array.IndexOf(answers, HttpStatusCode.Conflict)];
        var taken = await s.Client.Get($"/offers/{offer.Id()}");
        Assert.Equal("taken", taken.Str("status"));
        Assert.Equal(("2026-12-08T10:00:00-05:00", "confirmed"), ((await s.Session(winner)).Str("start"), (await s.Session(winner)).Str("status")));
        Assert.Equal(s.Recliner(1), (await s.Session(winner)).GetProperty("chairId").GetGuid());
        Assert.NotEqual("2026-12-08T10:00:00-05:00", (await s.Session(loser)).Str("start"));
        var atTen = (await s.Blocks("2026-12-08", "2026-12-08")).Where(x => x.Str("kind") == "infusion" && x.Str("start") == "2026-12-08T10:00:00-05:00" && x.Str("status") != "cancelled");
        Assert.Single(atTen);
        Assert.Equal("tooLate", taken.Items("recipients").Single(r => r.GetProperty("sessionId").GetGuid() == loser).Str("answer"));
        Assert.Equal("moved", (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/waitlist?all=true")).Items().Single(e => e.GetProperty("sessionId").GetGuid() == winner).Str("status"));
    }

    [Fact]
    public async Task BadInput_IsAClearProblem_AndChangesNothing()
    {
        await using var s = await Scenario.Start();
        var clinic = s.Sample.ClinicId;
        await (await s.Client.Post($"/clinics/{clinic}/closures", new { date = "2026-11-01", reason = "Snow" })).ExpectProblem(HttpStatusCode.BadRequest);
        await (await s.Client.Post($"/clinics/{clinic}/closures", new { date = "2026-12-09" })).ExpectProblem(HttpStatusCode.BadRequest);
        await (await s.Client.Post($"/clinics/{clinic}/closures", new { date = "not a date", reason = "Snow" })).ExpectProblem(HttpStatusCode.BadRequest);
        await (await s.Client.Post($"/clinics/{Guid.NewGuid()}/closures", new { date = "2026-12-09", reason = "Snow" })).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.Post("/waitlist", new { sessionId = Guid.NewGuid() })).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.Post("/waitlist", new { note = "no session" })).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.Client.GetAsync(Api.Path($"/clinics/{clinic}/rebooking?status=lost"))).StatusCode);
        await (await s.Client.PostEmpty($"/rebooking/{Guid.NewGuid()}/confirm")).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.Post($"/rebooking/{Guid.NewGuid()}/resolve", new { note = "x" })).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Empty((await s.Client.Get($"/clinics/{clinic}/rebooking")).Items());
        Assert.DoesNotContain((await s.Client.Get($"/clinics/{clinic}")).Items("closures"), c => c.Str("date") == "2026-12-09");
    }

    [Fact]
    public async Task ARestartInTheMiddleOfARebookingRun_ResumesTheWork_AndDecidesNothingTwice()
    {
        var first = new SchedulerApp { KeepDatabase = true };
        first.Settings["Background:FirstRetrySeconds"] = "600";
        first.TestServices = services => StopAfter(services, casesDecided: 3);
        var s = await Scenario.Start(first, keepDatabase: true);
        var patients = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var p = await s.CreatePatient($"Restart Patient {i}");
            patients.Add(p);
            await s.BookOne(p, s.Recliner(1 + (i % 6)), $"2026-12-09T{8 + (i / 2):00}:{i % 2 * 30:00}");
        }
        var closed = await (await s.Client.Post($"/clinics/{s.Sample.ClinicId}/closures", new { date = "2026-12-09", reason = "Power cut" })).Expect(HttpStatusCode.OK);
        Assert.Equal(8, closed.Items("rebookingCases").Count);
        await WaitUntil(async () => (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/jobs?kind=rebook")).Items().Any(j => j.Str("outcome") != "running"));
        var decidedBefore = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/rebooking")).Items().Count(c => c.Str("status") != "pending");
        Assert.InRange(decidedBefore, 1, 7);
        var path = first.DatabasePath;
        await s.DisposeAsync();

        await using var again = await Scenario.Start(new SchedulerApp(path), keepDatabase: false);
        // The upkeep asks again for rebooking that has waited over two minutes (the first run's retry is ten minutes off).
        again.App.Clock.Set(SchedulerApp.DefaultNow + Duration.FromMinutes(5));
        await again.App.RunJob(Jobs.RebookingUpkeepJob.Key);
        await again.WaitForRebooking();

        var cases = (await again.Client.Get($"/clinics/{again.Sample.ClinicId}/rebooking")).Items();
        Assert.Equal(8, cases.Count);
        Assert.All(cases, c => Assert.True(c.Str("status") is "held" or "rebooked" or "frontDesk", c.Str("status")));
        foreach (var c in cases)
        {
            var history = (await again.Client.Get($"/rebooking/{c.Id()}")).Items("history").Select(h => h.Str("action")).ToList();
            Assert.Single(history, a => a is "held" or "rebooked" or "to front desk");
        }
        foreach (var p in patients)
        {
            var sessions = (await again.SeriesOf(p)).Single().Items("sessions");
            Assert.Single(sessions, x => x.Str("status") is "booked" or "confirmed");
        }
    }

    private static void StopAfter(IServiceCollection services, int casesDecided)
    {
        var reads = 0;
        var stop = new CancellationTokenSource();
        services.AddScoped<Application.Background.IWorkHandler<Application.Rebooking.RebookWork>>(sp =>
            new StoppingRebook(ActivatorUtilities.CreateInstance<Application.Rebooking.RebookSessions>(sp,
                new CountingClock(sp.GetRequiredService<IClock>(), () => { if (++reads >= casesDecided) stop.Cancel(); })), stop.Token));
    }

    private sealed class CountingClock(IClock inner, Action read) : IClock
    {
        public Instant GetCurrentInstant()
        {
            read();
            return inner.GetCurrentInstant();
        }
    }

    private sealed class StoppingRebook(Application.Rebooking.RebookSessions inner, CancellationToken stop) : Application.Background.IWorkHandler<Application.Rebooking.RebookWork>
    {
        public async Task<string> Run(Application.Rebooking.RebookWork work, Application.Background.WorkContext context, CancellationToken ct)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stop);
            return await inner.Run(work, context, linked.Token);
        }
    }

    private static async Task<JsonElement> WaitForOffer(Scenario s)
    {
        JsonElement? found = null;
        await WaitUntil(async () => (found = (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/offers")).Items() is [var first, ..] ? first : default) is { ValueKind: JsonValueKind.Object });
        return found!.Value;
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException("The condition did not hold within 60 s.");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> Json(Scenario s, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, Api.Path(path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await s.Client.SendAsync(request);
        return await response.Expect(HttpStatusCode.OK);
    }

    [GeneratedRegex(@"http://localhost:5080(/r/[A-Za-z0-9_-]{16})(?![A-Za-z0-9_-])")]
    private static partial Regex Link();
}
