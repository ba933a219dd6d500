using Microsoft.Data.Sqlite;

namespace Scheduler.Benchmarks;

/// <summary>What every benchmark command needs: the sample clinic file, a median, the SQLite version it runs on.</summary>
public static class BenchmarkSupport
{
    /// <summary>The sample clinic file: copied beside the binaries from the web project, else found above the working directory.</summary>
    public static string SampleFile()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "samples", "sample-clinic.json");
        if (File.Exists(beside))
            return beside;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "sample-clinic.json");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("samples/sample-clinic.json was not found beside the binaries or above the working directory.");
    }

    /// <summary>Deletes a run's scratch folder (closing pooled SQLite connections first), or says where it was kept.</summary>
    public static void RemoveScratch(string dir, bool keep)
    {
        SqliteConnection.ClearAllPools();
        if (keep)
        {
            Console.WriteLine($"kept {dir}");
            return;
        }
        try
        {
            Directory.Delete(dir, true);
        }
        catch (IOException)
        {
        }
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = new SqliteCommand("SELECT sqlite_version()", connection);
        return (string)command.ExecuteScalar()!;
    }
}
