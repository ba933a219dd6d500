using Microsoft.Playwright;
using NodaTime;
using Scheduler.Web.Accounts;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests.Browser;

/// <summary>
/// The app on a real port (Kestrel) with the sample clinic, real sign-in, one staff member per role,
/// and pages in the shared Chromium. Each page records script errors and failed requests; <see
/// cref="Screenshot"/> saves PNGs as test artefacts (artifacts/screenshots, or SCREENSHOTS_DIR).
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    public const string FrontDesk = "desk@test.clinic";
    public const string Manager = "manager@test.clinic";
    public const string Admin = "admin@test.clinic";

    private readonly List<IBrowserContext> contexts = [];

    private BrowserApp(BrowserFixture browser, SchedulerApp app, string baseAddress)
    {
        Browser = browser;
        App = app;
        BaseAddress = baseAddress;
    }

    public BrowserFixture Browser { get; }
    public SchedulerApp App { get; }

    /// <summary>http://127.0.0.1:port, no trailing slash.</summary>
    public string BaseAddress { get; }

    /// <summary>Script errors and failed requests (4xx/5xx other than those a test expects) of every page opened.</summary>
    public List<string> Errors { get; } = [];

    public static async Task<BrowserApp> Start(BrowserFixture browser, Instant? now = null, Action<SchedulerApp>? configure = null, bool createStaff = true)
    {
        var app = new SchedulerApp(now: now) { SignInForReal = true };
        configure?.Invoke(app);
        app.UseKestrel(0);
        app.StartServer();
        if (createStaff)
        {
            await app.CreateStaff(FrontDesk, StaffRoles.FrontDesk);
            await app.CreateStaff(Manager, StaffRoles.Manager);
            await app.CreateStaff(Admin, StaffRoles.Admin);
        }
        return new BrowserApp(browser, app, app.ClientOptions.BaseAddress.ToString().TrimEnd('/'));
    }

    /// <summary>
    /// An API client signed in as <paramref name="user"/> with a bearer token from POST /account/token
    /// (the browser app signs in for real, so a bare client is anonymous).
    /// </summary>
    public async Task<HttpClient> Api(string user = Admin, string password = SchedulerApp.StaffPassword)
    {
        var client = App.CreateClient();
        var response = await client.PostAsync(new Uri("/account/token", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { userName = user, password }));
        response.EnsureSuccessStatusCode();
        var token = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A new browser (own cookies) with a laptop-sized window, or a phone-sized one.</summary>
    public async Task<IPage> NewPage(bool phone = false)
    {
        var context = await Browser.Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress,
            ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1440, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = "en-US",
            TimezoneId = "America/New_York",
        });
        context.SetDefaultTimeout(15_000);
        contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Errors.Add($"script error on {page.Url}: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 4", StringComparison.Ordinal))
                Errors.Add($"console error on {page.Url}: {message.Text}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
                Errors.Add($"{response.Status} from {response.Request.Method} {response.Url}");
        };
        return page;
    }

    /// <summary>Signs in through the sign-in page as <paramref name="email"/>; returns the page after sign-in.</summary>
    public async Task<IPage> SignIn(string email, string password = SchedulerApp.StaffPassword, bool phone = false)
    {
        var page = await NewPage(phone);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Saves a full-page PNG as a test artefact; returns its path.</summary>
    public static async Task<string> Screenshot(IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") ?? Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? Path.GetTempPath();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
            await context.DisposeAsync();
        await App.DisposeAsync();
    }
}
