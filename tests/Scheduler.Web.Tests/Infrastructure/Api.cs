using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>
/// HTTP calls and response checks the tests share. Every call goes through the app's HTTP pipeline;
/// every failed expectation shows the response body, so a refusal explains itself.
/// </summary>
public static class Api
{
    public const string ProblemJson = "application/problem+json";

    public static Uri Path(string path) => new(path, UriKind.Relative);

    public static Task<HttpResponseMessage> Post<T>(this HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(Path(path), body, SchedulerApp.Json);

    public static Task<HttpResponseMessage> Put<T>(this HttpClient client, string path, T body) =>
        client.PutAsJsonAsync(Path(path), body, SchedulerApp.Json);

    /// <summary>A POST without a body (lifecycle actions take an optional one).</summary>
    public static Task<HttpResponseMessage> PostEmpty(this HttpClient client, string path) =>
        client.PostAsync(Path(path), null);

    /// <summary>A POST with a raw body and content type, for input no serializer would produce.</summary>
    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string path, string body, string mediaType = "application/json") =>
        client.PostAsync(Path(path), new StringContent(body, System.Text.Encoding.UTF8, mediaType));

    /// <summary>GETs and expects 200 with a JSON body.</summary>
    public static async Task<JsonElement> Get(this HttpClient client, string path) =>
        await (await client.GetAsync(Path(path))).Expect(HttpStatusCode.OK);

    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonElement> Expect(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Asserts an RFC 7807 problem: the status, application/problem+json, a title, the status repeated
    /// in the body and a detail; and, when given, the <c>rule</c> extension. Never a 500.
    /// </summary>
    public static async Task<JsonElement> ExpectProblem(this HttpResponseMessage response, HttpStatusCode status, string? rule = null)
    {
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await response.Expect(status);
        var body = problem.GetRawText();
        Assert.True(ProblemJson == response.Content.Headers.ContentType?.MediaType, $"not {ProblemJson} but {response.Content.Headers.ContentType}: {body}");
        Assert.True(HasText(problem, "title"), $"a problem has a title: {body}");
        Assert.True(problem.TryGetProperty("status", out var s) && s.GetInt32() == (int)status, $"a problem repeats its status: {body}");
        Assert.True(HasText(problem, "detail"), $"a problem has a detail: {body}");
        if (rule is not null)
            Assert.Equal(rule, problem.TryGetProperty("rule", out var r) ? r.GetString() : null);
        return problem;
    }

    private static bool HasText(JsonElement problem, string property) =>
        problem.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());

    public static string Detail(this JsonElement problem) => problem.GetProperty("detail").GetString()!;

    /// <summary>The field names of a validation problem's <c>errors</c> extension.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToList() : [];

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static IReadOnlyList<JsonElement> Items(this JsonElement element, string? property = null) =>
        (property is null ? element : element.GetProperty(property)).EnumerateArray().ToList();
}
