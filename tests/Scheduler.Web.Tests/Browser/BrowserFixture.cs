using Microsoft.Playwright;

namespace Scheduler.Web.Tests.Browser;

/// <summary>
/// One headless Chromium (Debian's, at /usr/bin/chromium or CHROMIUM_PATH) for all browser tests,
/// driven by Playwright's bundled driver; no browser is ever downloaded. tests/run.sh installs
/// Chromium when it is missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(path))
            throw new InvalidOperationException($"Chromium is not at {path}. Run the tests with tests/run.sh, which installs it (apt-get install chromium), or set CHROMIUM_PATH.");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = path,
            Headless = true,
            // Containers run the tests as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

/// <summary>The browser tests share one Chromium and run one after another (two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
