using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// Reminders leave the app through real providers: email through SMTP to a real SMTP server
/// (aiosmtpd in a child process), SMS through a Twilio-style API (a local stand-in on a real port).
/// A failure that may pass is retried after its delay (the test clock is advanced, nothing sleeps);
/// one that will not pass fails for good with the provider's own words.
/// </summary>
public sealed class ReminderDeliveryTests
{
    private const string Session = "2026-12-08T10:00";
    private const string QuinnPhone = "+16175550106";

    /// <summary>When the confirm reminder of a session at 10:00 on Tue 8 Dec (New York) is due: 10:00 three days before.</summary>
    private static readonly Instant ConfirmDue = At("2026-12-05T15:00:00Z");

    [Fact]
    public async Task Email_ArrivesAtTheSmtpServer_FromTheClinicsSenderName_WithItsLinkDateAndStableMessageId()
    {
        await using var smtp = await SmtpServer.Start();
        await using var s = await StartWith(smtp: smtp);
        var session = (await s.BookOne(s.Riley, s.Recliner(1), Session)).Id();
        s.App.Clock.Set(ConfirmDue);

        var report = await s.App.DispatchReminders();

        Assert.Equal(1, report.Sent);
        var confirm = Confirm(await Messages(s, session));
        var mail = await smtp.WaitFor(m => m.RcptTo.Contains("riley@example.org"));
        Assert.Equal("sent", confirm.Str("status"));
        Assert.Equal("Clinic reminders", mail.FromName);
        Assert.Equal(SmtpServer.FromAddress, mail.FromAddress);
        Assert.Equal(SmtpServer.FromAddress, mail.MailFrom);
        Assert.Equal(confirm.Str("subject"), mail.Subject);
        Assert.Contains("Tue 8 Dec", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("text/plain", mail.ContentType);
        Assert.Equal("utf-8", mail.Charset);
        Assert.Equal(confirm.Str("body"), mail.Body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
        Assert.Matches(@"http://localhost:5080/r/[A-Za-z0-9_-]{16}(?![A-Za-z0-9_-])", mail.Body);
        Assert.Contains("Tue 8 Dec at 10:00 AM", mail.Body, StringComparison.Ordinal);
        var messageId = $"<{confirm.Id():N}@clinic.example>";
        Assert.Equal(messageId, mail.MessageId);
        Assert.Equal(messageId, confirm.Str("providerId"));
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task Sms_IsPostedToTheApi_WithBasicAuthAndTheForm_AndTheSidIsRecorded()
    {
        await using var api = await FakeSmsApi.Start();
        await using var s = await StartWith(sms: api);
        var session = (await s.BookOne(s.Quinn, s.Recliner(1), Session)).Id();
        s.App.Clock.Set(ConfirmDue);

        var report = await s.App.DispatchReminders();

        Assert.Equal(1, report.Sent);
        var confirm = Confirm(await Messages(s, session));
        var request = Assert.Single(api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{FakeSmsApi.AccountSid}/Messages.json", request.Path);
        Assert.Equal(FakeSmsApi.AccountSid, request.BasicUser);
        Assert.Equal(FakeSmsApi.AuthToken, request.BasicPassword);
        Assert.Equal(QuinnPhone, request.To);
        Assert.Equal(FakeSmsApi.FromNumber, request.From);
        Assert.Equal(confirm.Str("body"), request.Body);
        Assert.InRange(request.Body.Length, 1, 160);
        Assert.Contains("Tue 8 Dec", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ketamine", request.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(confirm.Id().ToString("N"), request.IdempotencyKey);
        Assert.Equal("sent", confirm.Str("status"));
        Assert.Equal("sms", confirm.Str("channel"));
        Assert.Equal(QuinnPhone, confirm.Str("sentTo"));
        Assert.StartsWith("SM", request.Sid, StringComparison.Ordinal);
        Assert.Equal(request.Sid, confirm.Str("providerId"));
    }

    [Fact]
    public async Task Sms_ApiUnavailableOnce_IsRetriedAfterItsDelay_WithTheSameIdempotencyKey()
    {
        await using var api = await FakeSmsApi.Start();
        await using var s = await StartWith(sms: api);
        var session = (await s.BookOne(s.Quinn, s.Recliner(1), Session)).Id();
        api.FailNext(1, HttpStatusCode.ServiceUnavailable);
        s.App.Clock.Set(ConfirmDue);

        var first = await s.App.DispatchReminders();

        Assert.Equal(1, first.Failed);
        var failed = Confirm(await Messages(s, session));
        Assert.Equal("failed", failed.Str("status"));
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("503", failed.Str("lastError"), StringComparison.Ordinal);
        var retryAt = NextAttemptAt(failed) ?? throw new Xunit.Sdk.XunitException($"A 503 is retried: {failed}");
        Assert.Equal(ConfirmDue + Duration.FromSeconds(60), retryAt);

        s.App.Clock.Set(retryAt - Duration.FromSeconds(1));
        Assert.Equal(0, (await s.App.DispatchReminders()).Claimed);
        Assert.Single(api.Requests);

        s.App.Clock.Set(retryAt);
        var second = await s.App.DispatchReminders();

        Assert.Equal(1, second.Sent);
        var sent = Confirm(await Messages(s, session));
        Assert.Equal("sent", sent.Str("status"));
        Assert.Equal(2, sent.GetProperty("attempts").GetInt32());
        Assert.Null(NextAttemptAt(sent));
        Assert.Collection(api.Requests,
            r => Assert.Equal(503, r.Status),
            r => Assert.Equal(201, r.Status));
        Assert.Single(api.Requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Equal(sent.Id().ToString("N"), api.Requests[0].IdempotencyKey);
        Assert.Equal(api.Requests[1].Sid, sent.Str("providerId"));
    }

    [Fact]
    public async Task Sms_InvalidNumber_FailsForGood_WithTheProvidersWords_AndIsNotTriedAgain()
    {
        await using var api = await FakeSmsApi.Start();
        await using var s = await StartWith(sms: api);
        var session = (await s.BookOne(s.Quinn, s.Recliner(1), Session)).Id();
        api.RefuseNumber(QuinnPhone);
        s.App.Clock.Set(ConfirmDue);

        var first = await s.App.DispatchReminders();

        Assert.Equal(1, first.Failed);
        var failed = Confirm(await Messages(s, session));
        Assert.Equal("failed", failed.Str("status"));
        Assert.Null(NextAttemptAt(failed));
        Assert.Contains($"The 'To' number {QuinnPhone} is not a valid phone number.", failed.Str("lastError"), StringComparison.Ordinal);
        Assert.Contains("21211", failed.Str("lastError"), StringComparison.Ordinal);
        Assert.Contains("400", failed.Str("lastError"), StringComparison.Ordinal);

        // A day on (the next reminder is due the day after): nothing is tried again.
        s.App.Clock.Set(ConfirmDue + Duration.FromDays(1));
        var later = await s.App.DispatchReminders();

        Assert.Equal(0, later.Claimed);
        Assert.Single(api.Requests);
        Assert.Equal("failed", Confirm(await Messages(s, session)).Str("status"));
    }

    [Fact]
    public async Task Email_TemporaryRefusal_IsRetried_AndDeliveredOnce()
    {
        await using var smtp = await SmtpServer.Start();
        await using var s = await StartWith(smtp: smtp);
        var session = (await s.BookOne(s.Riley, s.Recliner(1), Session)).Id();
        smtp.Refuse("riley@", 451, "4.3.0 Mailbox busy, try again later", times: 1);
        s.App.Clock.Set(ConfirmDue);

        var first = await s.App.DispatchReminders();

        Assert.Equal(1, first.Failed);
        var failed = Confirm(await Messages(s, session));
        Assert.Equal("failed", failed.Str("status"));
        Assert.Contains("451", failed.Str("lastError"), StringComparison.Ordinal);
        Assert.Contains("Mailbox busy, try again later", failed.Str("lastError"), StringComparison.Ordinal);
        var retryAt = NextAttemptAt(failed) ?? throw new Xunit.Sdk.XunitException($"A 451 is retried: {failed}");
        Assert.Empty(smtp.Messages);

        s.App.Clock.Set(retryAt);
        var second = await s.App.DispatchReminders();

        Assert.Equal(1, second.Sent);
        var sent = Confirm(await Messages(s, session));
        Assert.Equal("sent", sent.Str("status"));
        Assert.Equal(2, sent.GetProperty("attempts").GetInt32());
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal($"<{sent.Id():N}@clinic.example>", mail.MessageId);
    }

    [Fact]
    public async Task Email_PermanentRefusal_FailsForGood_WithTheServersWords()
    {
        await using var smtp = await SmtpServer.Start();
        await using var s = await StartWith(smtp: smtp);
        var session = (await s.BookOne(s.Riley, s.Recliner(1), Session)).Id();
        smtp.Refuse("riley@", 550, "5.1.1 No such mailbox here");
        s.App.Clock.Set(ConfirmDue);

        var first = await s.App.DispatchReminders();

        Assert.Equal(1, first.Failed);
        var failed = Confirm(await Messages(s, session));
        Assert.Equal("failed", failed.Str("status"));
        Assert.Null(NextAttemptAt(failed));
        Assert.Contains("550", failed.Str("lastError"), StringComparison.Ordinal);
        Assert.Contains("No such mailbox here", failed.Str("lastError"), StringComparison.Ordinal);

        s.App.Clock.Set(ConfirmDue + Duration.FromDays(1));
        Assert.Equal(0, (await s.App.DispatchReminders()).Claimed);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Email_RelayDown_IsRetriedLater()
    {
        var app = new SchedulerApp();
        app.Settings["Reminders:Email:Provider"] = "smtp";
        app.Settings["Reminders:Email:Host"] = "127.0.0.1";
        app.Settings["Reminders:Email:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Reminders:Email:FromAddress"] = SmtpServer.FromAddress;
        await using var s = await Scenario.Start(app);
        var session = (await s.BookOne(s.Riley, s.Recliner(1), Session)).Id();
        s.App.Clock.Set(ConfirmDue);

        var report = await s.App.DispatchReminders();

        Assert.Equal(1, report.Failed);
        var failed = Confirm(await Messages(s, session));
        Assert.Equal("failed", failed.Str("status"));
        Assert.NotNull(NextAttemptAt(failed));
        Assert.StartsWith("smtp: ", failed.Str("lastError"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Reminders:Email:Provider", "smtp", "Reminders:Email:FromAddress")]
    [InlineData("Reminders:Sms:Provider", "http", "Reminders:Sms:AuthToken")]
    public async Task ProviderWithoutItsSettings_StopsTheAppAtStartUp_NamingWhatIsMissing(string key, string provider, string missing)
    {
        await using var app = new SchedulerApp();
        app.Settings[key] = provider;
        app.Settings["Reminders:Email:Host"] = "127.0.0.1";
        app.Settings["Reminders:Sms:BaseUrl"] = "http://127.0.0.1:9";
        app.Settings["Reminders:Sms:AccountSid"] = FakeSmsApi.AccountSid;
        app.Settings["Reminders:Sms:FromNumber"] = FakeSmsApi.FromNumber;

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        Assert.Contains($"{missing} is required", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<Scenario> StartWith(SmtpServer? smtp = null, FakeSmsApi? sms = null)
    {
        var app = new SchedulerApp();
        smtp?.Configure(app.Settings);
        sms?.Configure(app.Settings);
        return await Scenario.Start(app);
    }

    private static JsonElement Confirm(IReadOnlyList<JsonElement> messages) => messages.Single(m => m.Str("kind") == "confirm");

    private static Instant? NextAttemptAt(JsonElement message) =>
        message.TryGetProperty("nextAttemptAt", out var at) && at.ValueKind == JsonValueKind.String
            ? OffsetDateTimePattern.ExtendedIso.Parse(at.GetString()!).Value.ToInstant()
            : null;

    /// <summary>A loopback port nothing listens on (it was free a moment ago; nothing here takes it).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
