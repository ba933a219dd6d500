using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Scheduler.Application.Reminders;
using Scheduler.Domain.Patients;
using Scheduler.Domain.Reminders;
using Scheduler.Web.Endpoints;
using Scheduler.Web.Tests.Infrastructure;
using static Scheduler.Web.Tests.ReminderDispatchTests;

namespace Scheduler.Web.Tests;

/// <summary>
/// SMS replies through the webhook, as Twilio posts them: opt-out and back in, a confirmation, and
/// anything else left for the front desk. Every SMS the app sends is caught by a test sender.
/// </summary>
public sealed class InboundSmsTests
{
    private const string Quinn = "+16175550106";
    private const string Avery = "+16175550101";

    [Fact]
    public async Task Stop_OptsOutAtOnce_WithOneConfirmation_AndTheDispatcherHonoursIt()
    {
        var (s, sms) = await Start();
        await using var _ = s;
        var quinnSession = (await s.BookOne(s.Quinn, s.Recliner(1), "2026-12-08T10:00")).Id();
        var averySession = (await s.BookOne(s.Sample.Patients["Avery Sample"], s.Recliner(2), "2026-12-08T10:00")).Id();

        using var stop = await Webhook(s, "SM-stop-1", Quinn, "STOP");
        await Webhook(s, "SM-stop-1", Quinn, "STOP"); // the provider retries
        await Webhook(s, "SM-stop-2", Quinn, "stop"); // the patient insists
        await Webhook(s, "SM-stop-3", Avery, "Unsubscribe");

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("text/xml", stop.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response/>", await stop.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new[] { Avery, Quinn }, OptOuts(s));
        var toQuinn = Assert.Single(sms.To(Quinn));
        Assert.Equal("Clinic reminders: you will get no more text messages from us. Reply START to receive them again.", toQuinn.Body);
        Assert.True(SmsText.FitsOneSms(toQuinn.Body));
        Assert.Single(sms.To(Avery));
        var received = await FrontDesk(s, needsFrontDesk: false);
        Assert.Equal(3, received.Count); // the retry is not a new message
        Assert.Equal("Already opted out of SMS; nothing sent", received.Single(r => r.Str("providerId") == "SM-stop-2").Str("outcome"));
        Assert.Equal(s.Quinn, received.Single(r => r.Str("providerId") == "SM-stop-1").GetProperty("patientId").GetGuid());

        s.App.Clock.Set(At("2026-12-05T15:00:00Z"));
        await s.App.DispatchReminders();

        var quinnConfirm = (await Messages(s, quinnSession)).Single(m => m.Str("kind") == "confirm");
        Assert.Equal(("suppressed", "optedOut"), (quinnConfirm.Str("status"), quinnConfirm.Str("reason")));
        var averyConfirm = (await Messages(s, averySession)).Single(m => m.Str("kind") == "confirm");
        Assert.Equal(("sent", "email"), (averyConfirm.Str("status"), averyConfirm.Str("channel")));
        Assert.Equal(2, sms.Sent.Count);
    }

    [Fact]
    public async Task TheSameMessageDeliveredSeveralTimesAtOnce_IsHandledOnce()
    {
        var (s, sms) = await Start();
        await using var _ = s;

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Webhook(s, "SM-twice", Quinn, "STOP")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, Rows(s, "InboundSms"));
        Assert.Single(sms.To(Quinn));
        Assert.Equal(new[] { Quinn }, OptOuts(s));
    }

    [Fact]
    public async Task Start_AfterStop_SendsTextsAgain()
    {
        var (s, sms) = await Start();
        await using var _ = s;
        var session = (await s.BookOne(s.Quinn, s.Recliner(1), "2026-12-08T10:00")).Id();

        await Webhook(s, "SM-1", Quinn, "STOP");
        await Webhook(s, "SM-2", Quinn, "Start");
        s.App.Clock.Set(At("2026-12-05T15:00:00Z"));
        await s.App.DispatchReminders();

        Assert.Empty(OptOuts(s));
        var texts = sms.To(Quinn).Select(m => m.Body).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Equal("Clinic reminders: you will get our text messages again. Reply STOP to opt out.", texts[1]);
        Assert.Contains("Tue 8 Dec", texts[2], StringComparison.Ordinal);
        Assert.Equal(("sent", "sms"), (await Messages(s, session)).Where(m => m.Str("kind") == "confirm").Select(m => (m.Str("status"), m.Str("channel"))).Single());
    }

    [Fact]
    public async Task C_ConfirmsTheNextBookedSession_InThePatientsName()
    {
        var (s, sms) = await Start();
        await using var _ = s;
        var series = await s.Book(s.Quinn, s.Sample.Depression, new Choice(s.Recliner(1), "2026-12-08T10:00"), new Choice(s.Recliner(1), "2026-12-10T10:00"));
        var sessions = series.Items("sessions").Select(x => x.Id()).ToList();

        await Webhook(s, "SM-c", Quinn, " c ");

        Assert.Equal("confirmed", (await s.Session(sessions[0])).Str("status"));
        Assert.Equal("booked", (await s.Session(sessions[1])).Str("status"));
        Assert.Contains((await s.Client.Get($"/audit/{sessions[0]}")).Items(), a => a.Str("actor") == "patient (SMS reply)" && a.Str("action") == "confirm");
        Assert.Equal("Clinic reminders: thank you, Tue 8 Dec at 10:00 AM is confirmed.", Assert.Single(sms.Sent).Body);
        var recorded = Assert.Single(await FrontDesk(s, needsFrontDesk: false));
        Assert.False(recorded.GetProperty("needsFrontDesk").GetBoolean());
        Assert.StartsWith("Confirmed the session on Tue 8 Dec 2026 10:00", recorded.Str("outcome"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task C_WithNothingBooked_IsLeftForTheFrontDesk()
    {
        var (s, sms) = await Start();
        await using var _ = s;

        await Webhook(s, "SM-c", Avery, "YES");

        var waiting = Assert.Single(await FrontDesk(s, needsFrontDesk: true));
        Assert.Contains("no booked session", waiting.Str("outcome"), StringComparison.Ordinal);
        Assert.Empty(sms.Sent);
    }

    [Fact]
    public async Task AnythingElse_IsLeftForTheFrontDesk_UntilMarkedHandled()
    {
        var (s, sms) = await Start();
        await using var _ = s;

        await Webhook(s, "SM-q", Quinn, "what time is it?");
        await Webhook(s, "SM-x", "+16175559999", "hello?");
        var waiting = Assert.Single(await FrontDesk(s, needsFrontDesk: true));
        var unmatched = Assert.Single((await s.Client.Get("/inbound-sms/unmatched?needsFrontDesk=true")).Items());
        using var handle = new HttpRequestMessage(HttpMethod.Post, Api.Path($"/inbound-sms/{waiting.Id()}/handled"));
        handle.Headers.Add("X-Actor", "Dana at the desk");
        var handled = await (await s.Client.SendAsync(handle)).Expect(HttpStatusCode.OK);

        Assert.Equal(("what time is it?", "unknown", "Left for the front desk"), (waiting.Str("body"), waiting.Str("intent"), waiting.Str("outcome")));
        Assert.Equal(s.Quinn, waiting.GetProperty("patientId").GetGuid());
        Assert.Equal("hello?", unmatched.Str("body"));
        Assert.Equal("Dana at the desk", handled.Str("handledBy"));
        Assert.False(handled.GetProperty("needsFrontDesk").GetBoolean());
        Assert.Empty(await FrontDesk(s, needsFrontDesk: true));
        Assert.Single(await FrontDesk(s, needsFrontDesk: false));
        Assert.Empty(sms.Sent);
        await (await s.Client.PostEmpty($"/inbound-sms/{Guid.NewGuid()}/handled")).ExpectProblem(HttpStatusCode.NotFound);
        await (await s.Client.GetAsync(Api.Path($"/clinics/{Guid.NewGuid()}/inbound-sms"))).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WithAnAuthToken_OnlyCorrectlySignedCallsAreTaken()
    {
        const string url = "https://sms.example.org/webhooks/sms";
        var (s, sms) = await Start(app =>
        {
            app.Settings["Reminders:Sms:AuthToken"] = "test-auth-token";
            app.Settings["Reminders:Sms:WebhookUrl"] = url;
        });
        await using var _ = s;
        var fields = Fields("SM-signed", Quinn, "STOP");

        var unsigned = await (await Post(s, fields, null)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await Post(s, fields, Sign("wrong-token", url, fields))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await Post(s, fields, Sign("test-auth-token", "http://localhost/webhooks/sms", fields))).ExpectProblem(HttpStatusCode.Forbidden);
        var tampered = Fields("SM-signed", Quinn, "START");
        await (await Post(s, tampered, Sign("test-auth-token", url, fields))).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Empty(OptOuts(s));
        Assert.Equal(0, Rows(s, "InboundSms"));

        using var signed = await Post(s, fields, Sign("test-auth-token", url, fields));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(Quinn, Assert.Single(OptOuts(s)));
        Assert.Single(sms.Sent);
        Assert.Contains("X-Twilio-Signature", unsigned.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_MatchesTwilioDocumentedExample()
    {
        var form = new Dictionary<string, StringValues>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+12349013030", ["Digits"] = "1234", ["From"] = "+12349013030", ["To"] = "+18005551212",
        };

        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.Compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form));
    }

    [Fact]
    public async Task MalformedFrom_IsABadRequest_AndStoresNothing()
    {
        var (s, sms) = await Start();
        await using var _ = s;

        var problem = await (await Webhook(s, "SM-bad", "6175550106", "STOP")).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal("From", Assert.Single(problem.ErrorFields()));
        Assert.Equal(0, Rows(s, "InboundSms") + Rows(s, "SmsOptOuts"));
        Assert.Empty(sms.Sent);
    }

    [Fact]
    public async Task BrokenForms_AreFourHundreds_AndStoreNothing()
    {
        var (s, sms) = await Start();
        await using var _ = s;
        const string form = "application/x-www-form-urlencoded";
        var cases = new (string Name, HttpContent? Content)[]
        {
            ("no MessageSid", new FormUrlEncodedContent(new Dictionary<string, string> { ["From"] = Quinn, ["To"] = "+16175550000", ["Body"] = "STOP" })),
            ("blank MessageSid", new FormUrlEncodedContent(Fields(" ", Quinn, "STOP"))),
            ("no From", new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SM1", ["To"] = "+16175550000", ["Body"] = "STOP" })),
            ("no Body", new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SM1", ["From"] = Quinn, ["To"] = "+16175550000" })),
            ("overlong MessageSid", new FormUrlEncodedContent(Fields(new string('S', 101), Quinn, "STOP"))),
            ("control characters in MessageSid", new FormUrlEncodedContent(Fields("SM\u00011", Quinn, "STOP"))),
            ("From twice", new StringContent($"MessageSid=SM1&From=%2B16175550106&From=%2B16175550101&Body=STOP", Encoding.UTF8, form)),
            ("empty body", new StringContent("", Encoding.UTF8, form)),
            ("no body at all", null),
            ("not a form", new StringContent("""{"MessageSid":"SM1","From":"+16175550106","Body":"STOP"}""", Encoding.UTF8, "application/json")),
            ("garbage", new StringContent("%%%&&&===\u0000", Encoding.UTF8, form)),
            ("huge body", new StringContent("MessageSid=SM1&From=%2B16175550106&Body=" + new string('x', 200_000), Encoding.UTF8, form)),
        };

        var failures = new List<string>();
        foreach (var (name, content) in cases)
        {
            using var response = await s.Client.PostAsync(Api.Path("/webhooks/sms"), content);
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != Api.ProblemJson)
                failures.Add($"{name}: {status} {response.Content.Headers.ContentType} {await response.Content.ReadAsStringAsync()}");
            content?.Dispose();
        }

        Assert.Empty(failures);
        Assert.Equal(0, Rows(s, "InboundSms") + Rows(s, "SmsOptOuts"));
        Assert.Empty(sms.Sent);
    }

    private static async Task<(Scenario Scenario, SmsOutbox Sms)> Start(Action<SchedulerApp>? configure = null)
    {
        var app = new SchedulerApp();
        var outbox = new SmsOutbox();
        app.TestServices = services => services.AddSingleton<IMessageSender>(outbox);
        configure?.Invoke(app);
        return (await Scenario.Start(app), outbox);
    }

    private static Dictionary<string, string> Fields(string sid, string from, string body) =>
        new() { ["MessageSid"] = sid, ["AccountSid"] = "AC-test", ["From"] = from, ["To"] = "+16175550000", ["Body"] = body };

    private static async Task<HttpResponseMessage> Webhook(Scenario s, string sid, string from, string body) => await Post(s, Fields(sid, from, body), null);

    private static async Task<HttpResponseMessage> Post(Scenario s, Dictionary<string, string> fields, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.Path("/webhooks/sms")) { Content = new FormUrlEncodedContent(fields) };
        if (signature is not null)
            request.Headers.Add("X-Twilio-Signature", signature);
        return await s.Client.SendAsync(request);
    }

    /// <summary>Twilio's scheme, written out here rather than taken from the app.</summary>
    private static string Sign(string authToken, string url, Dictionary<string, string> fields)
    {
        var data = url + string.Concat(fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + f.Value));
#pragma warning disable CA5350 // Twilio's scheme.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350
    }

    private static async Task<IReadOnlyList<JsonElement>> FrontDesk(Scenario s, bool needsFrontDesk) =>
        (await s.Client.Get($"/clinics/{s.Sample.ClinicId}/inbound-sms?needsFrontDesk={(needsFrontDesk ? "true" : "false")}")).Items();

    private static List<string> OptOuts(Scenario s)
    {
        using var connection = Open(s);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT Phone FROM SmsOptOuts ORDER BY Phone";
        using var reader = cmd.ExecuteReader();
        var phones = new List<string>();
        while (reader.Read())
            phones.Add(reader.GetString(0));
        return phones;
    }

    private static long Rows(Scenario s, string table)
    {
        using var connection = Open(s);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)cmd.ExecuteScalar()!;
    }

    private static SqliteConnection Open(Scenario s)
    {
        var connection = new SqliteConnection($"Data Source={s.App.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>The SMS sender of the app under test: keeps every message it is given.</summary>
    private sealed class SmsOutbox : IMessageSender
    {
        public ConcurrentQueue<OutgoingMessage> Sent { get; } = new();
        public ContactChannel Channel => ContactChannel.Sms;
        public string Name => "test-outbox";
        public bool IsEmbedded => true;

        public IReadOnlyList<OutgoingMessage> To(string phone) => Sent.Where(m => m.To == phone).ToList();

        public Task<SendResult> Send(OutgoingMessage message, CancellationToken ct)
        {
            Sent.Enqueue(message);
            return Task.FromResult(SendResult.Sent("test:" + message.Id.ToString("N")));
        }
    }
}
