using System.Net;
using System.Text.Json;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// A clinic's reminder policy through the API: the default until one is saved; a saved one is used
/// for new bookings and re-plans the reminders not yet sent (never a kind already sent); bad input
/// is a 400 naming the field and changes nothing; a preview shows every message before saving.
/// </summary>
public sealed class ReminderPolicyApiTests
{
    /// <summary>A different sender name, the confirm reminder 2 days before instead of 3, quiet hours 10:00–19:00.</summary>
    private static readonly object Changed = new
    {
        senderName = "Riverside Care",
        reminders = new object[]
        {
            new { kind = "confirm", daysBefore = 2 },
            new { kind = "prepare", daysBefore = 1 },
            new { kind = "sameDay", minutesBefore = 120 },
        },
        quietHours = new { sendFrom = "10:00", sendUntil = "19:00" },
    };

    [Fact]
    public async Task Get_WhenNoneSaved_ShowsTheDefault()
    {
        await using var s = await Scenario.Start();

        var view = await s.Client.Get(Url(s));

        Assert.True(view.GetProperty("isDefault").GetBoolean());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("updatedAt").ValueKind);
        var policy = view.GetProperty("policy");
        Assert.Equal("Clinic reminders", policy.Str("senderName"));
        Assert.Equal([("confirm", 3, null), ("prepare", 1, null), ("sameDay", null, 120)], policy.Items("reminders").Select(Rule));
        Assert.Equal(("09:00", "20:00"), (policy.GetProperty("quietHours").Str("sendFrom"), policy.GetProperty("quietHours").Str("sendUntil")));
        Assert.Equal((1, 3), (policy.GetProperty("smsCaps").GetProperty("perDay").GetInt32(), policy.GetProperty("smsCaps").GetProperty("perWeek").GetInt32()));
        Assert.Contains("ketamine", policy.Items("forbiddenWords").Select(w => w.GetString()));
        Assert.Equal(6, policy.Items("templates").Select(t => (t.Str("kind"), t.Str("channel"))).Distinct().Count());
    }

    [Fact]
    public async Task Put_SavedPolicy_IsShown_AndUsedForNewBookings()
    {
        await using var s = await Scenario.Start();

        var saved = await (await s.Client.Put(Url(s), Changed)).Expect(HttpStatusCode.OK);

        Assert.False(saved.GetProperty("isDefault").GetBoolean());
        var read = await s.Client.Get(Url(s));
        Assert.False(read.GetProperty("isDefault").GetBoolean());
        Assert.Equal("2026-11-23T07:00:00-05:00", read.Str("updatedAt"));
        Assert.Equal("Riverside Care", read.GetProperty("policy").Str("senderName"));
        Assert.Equal([("confirm", 2, null), ("prepare", 1, null), ("sameDay", null, 120)], read.GetProperty("policy").Items("reminders").Select(Rule));
        Assert.Equal("10:00", read.GetProperty("policy").GetProperty("quietHours").Str("sendFrom"));

        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T11:00")).Id();

        // The defaults would give 5 Dec 11:00, 7 Dec 11:00 and 8 Dec 09:00 (09:00 being when their quiet hours end).
        Assert.Equal(
            [("confirm", "2026-12-06T11:00:00-05:00"), ("prepare", "2026-12-07T11:00:00-05:00"), ("sameDay", "2026-12-08T10:00:00-05:00")],
            Scheduled(await Messages(s, session)));
        s.App.Clock.Set(At("2026-12-06T16:00:00Z"));
        Assert.Equal(1, (await s.App.DispatchReminders()).Sent);
        var confirm = (await Messages(s, session)).Single(m => m.Str("kind") == "confirm");
        Assert.Equal("sent", confirm.Str("status"));
        Assert.Contains("Riverside Care", confirm.Str("body"), StringComparison.Ordinal);
        Assert.DoesNotContain("Clinic reminders", confirm.Str("body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ReplansPendingRemindersOfBookedSessions_ButNeverAKindAlreadySent()
    {
        await using var s = await Scenario.Start();
        var riley = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T11:00")).Id();
        var quinn = (await s.BookOne(s.Quinn, s.Recliner(2), "2026-12-10T11:00")).Id();
        s.App.Clock.Set(At("2026-12-05T16:00:00Z")); // 11:00 in New York: Riley's confirm reminder is due
        Assert.Equal(1, (await s.App.DispatchReminders()).Sent);

        var saved = await (await s.Client.Put(Url(s), Changed)).Expect(HttpStatusCode.OK);

        var replanned = saved.GetProperty("replanned");
        Assert.Equal((2, 5, 5, 1), (replanned.GetProperty("sessions").GetInt32(), replanned.GetProperty("suppressed").GetInt32(),
            replanned.GetProperty("planned").GetInt32(), replanned.GetProperty("alreadySent").GetInt32()));
        var rileys = await Messages(s, riley);
        // The confirm went out on 5 Dec; under the new policy it would be due on 6 Dec, but it is not planned again.
        Assert.Equal("sent", rileys.Single(m => m.Str("kind") == "confirm").Str("status"));
        Assert.Equal([("prepare", "2026-12-07T11:00:00-05:00"), ("sameDay", "2026-12-08T10:00:00-05:00")], Scheduled(rileys));
        AssertReplaced(rileys, ["prepare", "sameDay"]);
        var quinns = await Messages(s, quinn);
        Assert.Equal(
            [("confirm", "2026-12-08T11:00:00-05:00"), ("prepare", "2026-12-09T11:00:00-05:00"), ("sameDay", "2026-12-10T10:00:00-05:00")],
            Scheduled(quinns));
        AssertReplaced(quinns, ["confirm", "prepare", "sameDay"]);

        // When the new policy's confirm time comes, Riley gets nothing.
        s.App.Clock.Set(At("2026-12-06T16:00:00Z"));
        Assert.Equal(0, (await s.App.DispatchReminders()).Claimed);
        Assert.Single(await Messages(s, riley), m => m.Str("kind") == "confirm");

        // Saving the same policy again changes nothing.
        var again = await (await s.Client.Put(Url(s), Changed)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("replanned").GetProperty("sessions").GetInt32());
        Assert.Equal(rileys.Count, (await Messages(s, riley)).Count);
        Assert.Equal(quinns.Count, (await Messages(s, quinn)).Count);
        var audit = (await s.Client.Get($"/audit/{s.Sample.ClinicId}")).Items();
        var entry = Assert.Single(audit, a => a.Str("action") == "reminder policy saved");
        Assert.Contains("sender name, reminders, quiet hours", entry.Str("details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_GoesBackToTheDefaults_AndReplansWithThem()
    {
        await using var s = await Scenario.Start();
        await (await s.Client.Put(Url(s), Changed)).Expect(HttpStatusCode.OK);
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T11:00")).Id();

        var reset = await (await s.Client.DeleteAsync(Api.Path(Url(s)))).Expect(HttpStatusCode.OK);

        Assert.True(reset.GetProperty("isDefault").GetBoolean());
        Assert.True((await s.Client.Get(Url(s))).GetProperty("isDefault").GetBoolean());
        Assert.Equal("Clinic reminders", (await s.Client.Get(Url(s))).GetProperty("policy").Str("senderName"));
        var messages = await Messages(s, session);
        Assert.Equal(
            [("confirm", "2026-12-05T11:00:00-05:00"), ("prepare", "2026-12-07T11:00:00-05:00"), ("sameDay", "2026-12-08T09:00:00-05:00")],
            Scheduled(messages));
        AssertReplaced(messages, ["confirm", "prepare", "sameDay"]);
        Assert.Contains((await s.Client.Get($"/audit/{s.Sample.ClinicId}")).Items(), a => a.Str("action") == "reminder policy reset");
    }

    [Fact]
    public async Task Put_WithBadInput_IsRefusedNamingTheField_AndChangesNothing()
    {
        await using var s = await Scenario.Start();
        await (await s.Client.Put(Url(s), Changed)).Expect(HttpStatusCode.OK);
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T11:00")).Id();
        var policyBefore = (await s.Client.Get(Url(s))).GetRawText();
        var messagesBefore = (await s.Client.Get($"/sessions/{session}/messages")).GetRawText();
        const string Sms = "{clinic}: see you {date} at {time}. {link} {stop}";
        (string Case, object Body, string Field)[] cases =
        [
            ("empty sender name", new { senderName = "" }, "senderName"),
            ("sender name over 40 characters", new { senderName = new string('x', 41) }, "senderName"),
            ("15 days before", new { reminders = new[] { new { kind = "confirm", daysBefore = 15 } } }, "reminders.daysBefore"),
            ("0 minutes before", new { reminders = new[] { new { kind = "sameDay", minutesBefore = 0 } } }, "reminders.minutesBefore"),
            ("more than 24 hours in minutes", new { reminders = new[] { new { kind = "sameDay", minutesBefore = 24 * 60 + 1 } } }, "reminders.minutesBefore"),
            ("unknown kind", new { reminders = new[] { new { kind = "weekly", daysBefore = 2 } } }, "reminders.kind"),
            ("days and minutes both", new { reminders = new[] { new { kind = "confirm", daysBefore = 2, minutesBefore = 60 } } }, "reminders"),
            ("a kind twice", new { reminders = new[] { new { kind = "confirm", daysBefore = 3 }, new { kind = "confirm", daysBefore = 2 } } }, "reminders"),
            ("not a time", new { quietHours = new { sendFrom = "9am", sendUntil = "20:00" } }, "quietHours.sendFrom"),
            ("less than an hour to send in", new { quietHours = new { sendFrom = "10:00", sendUntil = "10:30" } }, "quietHours"),
            ("daily cap 0", new { smsCaps = new { perDay = 0, perWeek = 3 } }, "smsCaps.perDay"),
            ("weekly cap over seven days' worth", new { smsCaps = new { perDay = 1, perWeek = 8 } }, "smsCaps.perWeek"),
            ("weekly cap under the daily one", new { smsCaps = new { perDay = 2, perWeek = 1 } }, "smsCaps.perWeek"),
            ("empty forbidden word", new { forbiddenWords = new[] { "" } }, "forbiddenWords"),
            ("unknown placeholder", Template("confirm", "sms", "{clinic}: {drug} on {date} at {time}. {link} {stop}"), "templates.confirm.sms"),
            ("SMS without {stop}", Template("confirm", "sms", "{clinic}: see you {date} at {time}. {link}"), "templates.confirm.sms"),
            ("email without a subject", Template("confirm", "email", "At {clinic} on {date} at {time}: {link}"), "templates.confirm.email.subject"),
            ("unknown channel", Template("confirm", "fax", Sms), "templates.channel"),
            ("unknown template kind", Template("booster", "sms", Sms), "templates.kind"),
            ("forbidden word in a template", Template("prepare", "sms", "{clinic} {date} {time}: your esketamine session. {link} {stop}"), "templates.prepare.sms"),
        ];

        foreach (var (name, body, field) in cases)
        {
            var problem = await (await s.Client.Put(Url(s), body)).ExpectProblem(HttpStatusCode.BadRequest);
            Assert.True(problem.ErrorFields().SequenceEqual([field]), $"{name}: expected errors naming {field}: {problem.GetRawText()}");
        }

        Assert.Equal(policyBefore, (await s.Client.Get(Url(s))).GetRawText());
        Assert.Equal(messagesBefore, (await s.Client.Get($"/sessions/{session}/messages")).GetRawText());
        Assert.Single((await s.Client.Get($"/audit/{s.Sample.ClinicId}")).Items(), a => a.Str("action") == "reminder policy saved");
    }

    [Fact]
    public async Task Put_SenderNameRevealingTheTreatment_IsRefused()
    {
        await using var s = await Scenario.Start();

        var problem = await (await s.Client.Put(Url(s), new { senderName = "Northside Ketamine Center" })).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["senderName"], problem.ErrorFields());
        Assert.Contains("ketamine", problem.Detail(), StringComparison.OrdinalIgnoreCase);
        Assert.True((await s.Client.Get(Url(s))).GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task Put_SmsTemplateThatCanExceedOneSms_IsRefusedWithItsLength()
    {
        await using var s = await Scenario.Start();
        const string Long = "{clinic}: your appointment is on {date} at {time}. Please reply C to confirm it, or use this link to change or cancel: {link} {stop}";
        var linkLength = (await (await s.Client.Post($"{Url(s)}/preview", new { })).Expect(HttpStatusCode.OK)).GetProperty("linkLength").GetInt32();
        // The worst case: the sender name, the longest date and time, the real link length.
        var worst = Long.Replace("{clinic}", "Clinic reminders", StringComparison.Ordinal).Replace("{date}", "Wed 29 Sep", StringComparison.Ordinal)
            .Replace("{time}", "12:45 PM", StringComparison.Ordinal).Replace("{link}", new string('x', linkLength), StringComparison.Ordinal)
            .Replace("{stop}", "Reply STOP to opt out", StringComparison.Ordinal).Length;
        Assert.InRange(worst, 161, 200);

        var problem = await (await s.Client.Put(Url(s), Template("confirm", "sms", Long))).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["templates.confirm.sms"], problem.ErrorFields());
        Assert.Contains($"can reach {worst} characters", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("160", problem.Detail(), StringComparison.Ordinal);
        Assert.True((await s.Client.Get(Url(s))).GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task Preview_RendersEverySmsAndEmail_ForTheWorstCase_AndWritesNothing()
    {
        await using var s = await Scenario.Start();

        var preview = await (await s.Client.Post($"{Url(s)}/preview", Changed)).Expect(HttpStatusCode.OK);

        var messages = preview.Items("messages");
        Assert.Equal(6, messages.Select(m => (m.Str("kind"), m.Str("channel"))).Distinct().Count());
        var linkLength = preview.GetProperty("linkLength").GetInt32();
        Assert.All(messages, m =>
        {
            Assert.Contains("Riverside Care", m.Str("body"), StringComparison.Ordinal);
            Assert.Contains("Wed 29 Sep", m.Str("body"), StringComparison.Ordinal);
            Assert.Contains(new string('x', linkLength), m.Str("body"), StringComparison.Ordinal);
            Assert.Equal(m.Str("body").Length, m.GetProperty("length").GetInt32());
            Assert.True(m.GetProperty("used").GetBoolean());
        });
        Assert.All(messages.Where(m => m.Str("channel") == "sms"), m =>
        {
            var sms = m.GetProperty("sms");
            Assert.Equal(("gsm7", 160, 1), (sms.Str("encoding"), sms.GetProperty("limit").GetInt32(), sms.GetProperty("segments").GetInt32()));
            Assert.Equal(m.Str("body").Length, sms.GetProperty("units").GetInt32());
            Assert.Equal(160 - m.Str("body").Length, sms.GetProperty("remaining").GetInt32());
            Assert.Contains("12:45 PM", m.Str("body"), StringComparison.Ordinal);
            Assert.EndsWith("Reply STOP to opt out", m.Str("body"), StringComparison.Ordinal);
        });
        Assert.All(messages.Where(m => m.Str("channel") == "email"), m =>
        {
            Assert.Equal(JsonValueKind.Null, m.GetProperty("sms").ValueKind);
            Assert.False(string.IsNullOrEmpty(m.Str("subject")));
        });
        Assert.True((await s.Client.Get(Url(s))).GetProperty("isDefault").GetBoolean());
        var bad = await (await s.Client.Post($"{Url(s)}/preview", new { senderName = "Ketamine Care" })).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["senderName"], bad.ErrorFields());
    }

    [Fact]
    public async Task UnknownClinic_IsNotFound()
    {
        await using var s = await Scenario.Start();
        var url = $"/clinics/{Guid.NewGuid()}/reminder-policy";

        await (await s.Client.GetAsync(Api.Path(url))).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.Put(url, Changed)).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.DeleteAsync(Api.Path(url))).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.Post($"{url}/preview", Changed)).ExpectProblem(HttpStatusCode.NotFound);
    }

    private static string Url(Scenario s) => $"/clinics/{s.Sample.ClinicId}/reminder-policy";

    private static object Template(string kind, string channel, string body) =>
        new { templates = new[] { new { kind, channel, body } } };

    private static (string, int?, int?) Rule(JsonElement r) =>
        (r.Str("kind"),
         r.GetProperty("daysBefore").ValueKind == JsonValueKind.Null ? null : r.GetProperty("daysBefore").GetInt32(),
         r.GetProperty("minutesBefore").ValueKind == JsonValueKind.Null ? null : r.GetProperty("minutesBefore").GetInt32());

    /// <summary>The scheduled messages as (kind, due), by due time.</summary>
    private static IEnumerable<(string, string)> Scheduled(IReadOnlyList<JsonElement> messages) =>
        messages.Where(m => m.Str("status") == "scheduled").Select(m => (m.Str("kind"), m.Str("dueAt"))).OrderBy(m => m.Item2, StringComparer.Ordinal);

    /// <summary>Each of <paramref name="kinds"/> has exactly one message suppressed because the policy changed, and one scheduled.</summary>
    private static void AssertReplaced(IReadOnlyList<JsonElement> messages, string[] kinds)
    {
        var replaced = messages.Where(m => m.Str("status") == "suppressed" && m.Str("reason") == "policyChanged").ToList();
        Assert.Equal(kinds.Order(StringComparer.Ordinal), replaced.Select(m => m.Str("kind")).Order(StringComparer.Ordinal));
        Assert.All(replaced, m => Assert.Equal("The clinic's reminder policy changed; its reminders were planned again.", m.Str("reasonText")));
    }
}
