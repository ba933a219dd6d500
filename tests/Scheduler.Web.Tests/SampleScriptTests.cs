using System.Diagnostics;
using Scheduler.Web.Tests.Infrastructure;

namespace Scheduler.Web.Tests;

/// <summary>The README's example, samples/book-series.sh, run against the app on a real port.</summary>
public sealed class SampleScriptTests
{
    [Fact]
    public async Task BookSeriesScript_AgainstTheSampleClinic_SignsInBooksMovesAndIsRefusedADoubleBooking()
    {
        await using var app = new SchedulerApp { SignInForReal = true };
        app.UseKestrel(0);
        app.StartServer();
        var user = await app.CreateStaff("sample-script@test.clinic", Scheduler.Web.Accounts.StaffRoles.FrontDesk);
        var baseAddress = app.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        var script = Path.Combine(RepositoryRoot(), "samples", "book-series.sh");

        var start = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["BASE"] = baseAddress, ["EARLIEST"] = "2026-12-01", ["STAFF_USER"] = user, ["STAFF_PASSWORD"] = SchedulerApp.StaffPassword },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        var text = await output;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await errors}\n{text}");
        Assert.Contains("session 6 (induction)", text, StringComparison.Ordinal);
        Assert.Contains("session 8 (maintenance)", text, StringComparison.Ordinal);
        Assert.Contains("moved to", text, StringComparison.Ordinal);
        Assert.Contains("409 Refused by a clinic rule", text, StringComparison.Ordinal);
        Assert.Contains("infusion", text, StringComparison.Ordinal);
        Assert.Contains("sample-script@test.clinic moved", text, StringComparison.Ordinal);
        Assert.Contains("(sessionMoved)", text, StringComparison.Ordinal);
        Assert.Contains("sender \"Clinic reminders\"", text, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Scheduler.sln not found above the test binaries.");
    }
}
