using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// A reminder goes out once: not twice when two app processes dispatch from the same database at
/// the same moment, not twice and not never across a restart, and not again after a dispatcher died
/// holding it when it may already have reached the provider.
/// </summary>
public sealed class ReminderOnceTests
{
    /// <summary>10:00 in New York on Monday 23 November: inside sending hours.</summary>
    private static readonly NodaTime.Instant Morning = At("2026-11-23T15:00:00Z");

    [Fact]
    public async Task TwoAppsOnOneDatabase_DispatchingAtOnce_SendEachDueReminderExactlyOnce()
    {
        var first = new SchedulerApp { Settings = { ["Reminders:Dispatch:BatchSize"] = "4" } };
        var (email, sms) = RecordingSender.Install(first);
        await using var s = await Scenario.Start(first);
        for (var i = 0; i < 10; i++)
        {
            var patient = await s.CreatePatient($"Racing Patient {i}");
            await (await s.Client.Post("/series", new { patientId = patient, protocolId = s.Sample.Depression, earliestDate = "2026-12-01" })).Expect(HttpStatusCode.Created);
        }
        var due = await MakeConfirmRemindersDue(first.DatabasePath, "2026-11-23 14:59:00");
        Assert.True(due >= 50, $"only {due} reminders due");

        var second = new SchedulerApp(first.DatabasePath, loadSample: false)
        {
            KeepDatabase = true,
            Settings =
            {
                ["Reminders:Dispatch:BatchSize"] = "4",
                ["Quartz:ConnectionString"] = $"Data Source={first.DatabasePath}.quartz2",
                ["Quartz:InstanceName"] = "tests-second-" + Guid.NewGuid().ToString("N"),
            },
        };
        var (email2, sms2) = RecordingSender.Install(second);
        await using (second)
        {
            first.Clock.Set(Morning);
            second.Clock.Set(Morning);

            // The second app's start-up run and six triggered runs race over batches of four.
            _ = second.Server;
            await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { first.DispatchReminders(), second.DispatchReminders() }));

            var byFirst = email.Sends.Keys.Concat(sms.Sends.Keys).ToHashSet();
            var bySecond = email2.Sends.Keys.Concat(sms2.Sends.Keys).ToHashSet();
            Assert.Equal(due, byFirst.Count + bySecond.Count);
            Assert.Empty(byFirst.Intersect(bySecond));
            Assert.All(new[] { email, sms, email2, sms2 }.SelectMany(r => r.Sends.Values), n => Assert.Equal(1, n));
            var statuses = await MessageStatuses(first.DatabasePath);
            Assert.Equal(due, statuses.GetValueOrDefault("Sent"));
            Assert.False(statuses.ContainsKey("Sending"));
        }
        File.Delete($"{first.DatabasePath}.quartz2");
    }

    [Fact]
    public async Task RemindersThatFellDueWhileTheAppWasDown_GoOutOnceWhenItIsBack()
    {
        var recorders = (Email: new RecordingSender(Domain.Patients.ContactChannel.Email), Sms: new RecordingSender(Domain.Patients.ContactChannel.Sms));
        var firstApp = new SchedulerApp();
        RecordingSender.Install(firstApp, recorders.Email, recorders.Sms);
        string databasePath;
        var sessions = new List<Guid>();
        await using (var first = await Scenario.Start(firstApp, keepDatabase: true))
        {
            databasePath = first.App.DatabasePath;
            foreach (var patient in new[] { first.Riley, first.Quinn, first.Sample.Patients["Avery Sample"] })
            {
                var series = await (await first.Client.Post("/series", new { patientId = patient, protocolId = first.Sample.Depression, earliestDate = "2026-12-01" })).Expect(HttpStatusCode.Created);
                sessions.AddRange(series.Items("sessions").Select(x => x.Id()));
            }
            Assert.Equal(0, (await first.App.DispatchReminders()).Sent);
        }

        // Down from Monday to Saturday 10:00 New York: every confirm reminder of the first week fell due meanwhile.
        var back = new SchedulerApp(databasePath, now: At("2026-11-28T15:00:00Z"));
        RecordingSender.Install(back, recorders.Email, recorders.Sms);
        await using var second = await Scenario.Start(back);
        await back.DispatchReminders();
        var again = await back.DispatchReminders();

        var messages = new List<System.Text.Json.JsonElement>();
        foreach (var session in sessions)
            messages.AddRange(await Messages(second, session));
        var sent = messages.Where(m => m.Str("status") == "sent").ToList();
        Assert.NotEmpty(sent);
        Assert.Equal(0, again.Claimed);
        Assert.Equal(sent.Select(m => m.GetProperty("id").GetGuid()).Order(), recorders.Email.Sends.Keys.Concat(recorders.Sms.Sends.Keys).Order());
        Assert.All(recorders.Email.Sends.Values.Concat(recorders.Sms.Sends.Values), n => Assert.Equal(1, n));
        // Nothing that was due is left behind; nothing not yet due went early.
        Assert.DoesNotContain(messages, m => m.Str("status") == "scheduled" && string.CompareOrdinal(m.Str("dueAt"), "2026-11-28T10:00:00-05:00") <= 0);
        Assert.All(sent, m => Assert.True(string.CompareOrdinal(m.Str("dueAt"), "2026-11-28T10:00:00-05:00") <= 0));
    }

    /// <summary>
    /// A claim whose dispatcher died: with a provider outside the process the message may have gone,
    /// so it is failed as interrupted, never sent again; with only the embedded senders nothing can
    /// have gone, so it is sent.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AClaimLeftByADeadDispatcher_IsSentOnlyWhenItCannotHaveGoneOut(bool embedded)
    {
        var app = new SchedulerApp();
        var (email, _) = RecordingSender.Install(app, isEmbedded: embedded);
        await using var s = await Scenario.Start(app);
        var session = (await s.BookOne(s.Riley, s.Recliner(1), "2026-12-08T10:00")).Id();
        await Abandon(app.DatabasePath, session, "Confirm");
        app.Clock.Set(At("2026-12-05T15:00:00Z"));

        var report = await app.DispatchReminders();

        Assert.Equal(1, report.Settled);
        var confirm = (await Messages(s, session)).Single(m => m.Str("kind") == "confirm");
        if (embedded)
        {
            Assert.Single(email.Sends);
            Assert.Equal("sent", confirm.Str("status"));
            return;
        }
        Assert.Empty(email.Sends);
        Assert.Equal("failed", confirm.Str("status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, confirm.GetProperty("nextAttemptAt").ValueKind);
        Assert.Contains("interrupted", confirm.Str("lastError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppingInTheMiddleOfABatch_RecordsWhatWasSent_AndHandsBackTheRestUnsent()
    {
        var app = new SchedulerApp();
        var (email, _) = RecordingSender.Install(app);
        await using var s = await Scenario.Start(app);
        foreach (var start in new[] { "2026-12-08T10:00", "2026-12-09T10:00", "2026-12-10T10:00" })
            await s.BookOne(s.Riley, s.Recliner(1), start);
        await MakeConfirmRemindersDue(app.DatabasePath, "2026-11-23 14:59:00");
        app.Clock.Set(Morning);
        using var stopping = new CancellationTokenSource();
        email.OnSend = _ => stopping.Cancel(); // the app is told to stop while the first message is being sent

        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<Application.Reminders.ReminderDispatcher>().DispatchBatch(stopping.Token);

        Assert.Equal((3, 1, 2), (report.Claimed, report.Sent, report.HandedBack));
        var statuses = await MessageStatuses(app.DatabasePath);
        Assert.Equal(1, statuses["Sent"]);
        Assert.False(statuses.ContainsKey("Sending"));
        email.OnSend = null;
        Assert.Equal(2, (await app.DispatchReminders()).Sent);
        Assert.All(email.Sends.Values, n => Assert.Equal(1, n));
        Assert.Equal(3, email.Sends.Count);
    }

    private static async Task<Dictionary<string, int>> MessageStatuses(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT Status, COUNT(*) FROM ReminderMessages GROUP BY Status";
        var counts = new Dictionary<string, int>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    /// <summary>Makes every scheduled confirm reminder due at <paramref name="dueUtc"/>; returns how many.</summary>
    private static async Task<int> MakeConfirmRemindersDue(string databasePath, string dueUtc)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE ReminderMessages SET DueAt = $due WHERE Kind = 'Confirm' AND Status = 'Scheduled'";
        cmd.Parameters.AddWithValue("$due", dueUtc);
        return await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Leaves the session's reminder of <paramref name="kind"/> claimed by a dispatcher whose lease ran out long ago.</summary>
    private static async Task Abandon(string databasePath, Guid session, string kind)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE ReminderMessages SET Status = 'Sending', ClaimId = $claim, ClaimedUntil = '2026-11-24 00:00:00' WHERE SessionId = $session AND Kind = $kind";
        cmd.Parameters.AddWithValue("$claim", Guid.NewGuid().ToString().ToUpperInvariant());
        cmd.Parameters.AddWithValue("$session", session.ToString().ToUpperInvariant());
        cmd.Parameters.AddWithValue("$kind", kind);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}
