using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>One request the <see cref="FakeSmsApi"/> received, and the status it answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path (<c>/2010-04-01/Accounts/{sid}/Messages.json</c>).</param>
/// <param name="BasicUser">The user name of the Basic Authorization header; null without one.</param>
/// <param name="BasicPassword">The password of the Basic Authorization header; null without one.</param>
/// <param name="IdempotencyKey">The Idempotency-Key header; null without one.</param>
/// <param name="Form">The form fields of the body (To, From, Body).</param>
/// <param name="Status">The status code the fake answered.</param>
/// <param name="Sid">The message sid it answered with; null when it did not accept the message.</param>
public sealed record SmsApiRequest(
    string Method, string Path, string? BasicUser, string? BasicPassword, string? IdempotencyKey,
    IReadOnlyDictionary<string, string> Form, int Status, string? Sid)
{
    public string To => Form.GetValueOrDefault("To", "");
    public string From => Form.GetValueOrDefault("From", "");
    public string Body => Form.GetValueOrDefault("Body", "");
}

/// <summary>
/// A stand-in for a Twilio-style SMS API on a real loopback port (Kestrel on port 0). It checks
/// Basic sign-in (401 with Twilio's error 20003 otherwise), records every request, and answers 201
/// with <c>{"sid":"SM…"}</c>; a repeat of an accepted Idempotency-Key gets the same sid, as an API
/// honouring the key would. It can be told to answer a status the next few times (503 by default)
/// or to refuse a number with a Twilio error (400, code 21211, "The 'To' number … is not a valid phone number.").
/// </summary>
public sealed class FakeSmsApi : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test-auth-token";
    public const string FromNumber = "+16175550199";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<SmsApiRequest> _requests = [];
    private readonly Dictionary<string, (int Status, int Code, string Message)> _refusedNumbers = [];
    private readonly Dictionary<string, string> _acceptedKeys = [];
    private int _failuresLeft;
    private int _failureStatus;

    private FakeSmsApi(WebApplication app) => _app = app;

    /// <summary>The API's root, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<SmsApiRequest> Requests
    {
        get
        {
            lock (_lock)
                return [.. _requests];
        }
    }

    public static async Task<FakeSmsApi> Start()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new FakeSmsApi(app);
        app.Run(api.Handle);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        api.BaseUrl = addresses.Single();
        return api;
    }

    /// <summary>The app settings that send SMS reminders here.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        settings["Reminders:Sms:Provider"] = "http";
        settings["Reminders:Sms:BaseUrl"] = BaseUrl;
        settings["Reminders:Sms:AccountSid"] = AccountSid;
        settings["Reminders:Sms:AuthToken"] = AuthToken;
        settings["Reminders:Sms:FromNumber"] = FromNumber;
    }

    /// <summary>Answers the next <paramref name="times"/> requests with <paramref name="status"/> and a Twilio-style error body.</summary>
    public void FailNext(int times, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_lock)
        {
            _failuresLeft = times;
            _failureStatus = (int)status;
        }
    }

    /// <summary>Refuses every message to <paramref name="to"/> with a Twilio error (by default 400, 21211, invalid number).</summary>
    public void RefuseNumber(string to, HttpStatusCode status = HttpStatusCode.BadRequest, int code = 21211, string? message = null)
    {
        lock (_lock)
            _refusedNumbers[to] = ((int)status, code, message ?? $"The 'To' number {to} is not a valid phone number.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Handle(HttpContext context)
    {
        var request = context.Request;
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString())
            : [];
        var (user, password) = Basic(request.Headers.Authorization.ToString());
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        var to = form.GetValueOrDefault("To", "");

        int status;
        object answer;
        string? sid = null;
        lock (_lock)
        {
            if (user != AccountSid || password != AuthToken)
            {
                status = 401;
                answer = Error(20003, "Authenticate", status);
            }
            else if (_failuresLeft > 0)
            {
                _failuresLeft--;
                status = _failureStatus;
                answer = Error(status == 429 ? 20429 : 20500, status == 429 ? "Too Many Requests" : "Service unavailable, try again later", status);
            }
            else if (_refusedNumbers.TryGetValue(to, out var refusal))
            {
                status = refusal.Status;
                answer = Error(refusal.Code, refusal.Message, status);
            }
            else
            {
                status = 201;
                sid = key is not null && _acceptedKeys.TryGetValue(key, out var earlier) ? earlier : "SM" + Guid.NewGuid().ToString("N");
                if (key is not null)
                    _acceptedKeys[key] = sid;
                answer = new { sid, status = "queued", to, from = form.GetValueOrDefault("From"), body = form.GetValueOrDefault("Body") };
            }
            _requests.Add(new SmsApiRequest(request.Method, request.Path.Value ?? "", user, password, key, form, status, sid));
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(answer), context.RequestAborted);
    }

    private static object Error(int code, string message, int status) =>
        new Dictionary<string, object> { ["code"] = code, ["message"] = message, ["more_info"] = $"https://www.twilio.com/docs/errors/{code}", ["status"] = status };

    private static (string? User, string? Password) Basic(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return (null, null);
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (pair, null) : (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
