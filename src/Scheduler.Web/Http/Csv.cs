using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Scheduler.Web.Http;

/// <summary>
/// Tables as CSV downloads (RFC 4180, invariant culture, a header row named like the JSON fields),
/// written with CsvHelper straight to the response.
/// </summary>
public static class Csv
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { NewLine = "\r\n" };

    /// <summary>Whether the caller asked for CSV (<c>?format=csv</c>), or a format this API does not write.</summary>
    public static bool Wanted(string? format) => format switch
    {
        null or "" or "json" => false,
        "csv" => true,
        _ => throw new Domain.Common.InvalidValueException("format", $"The format is json (the default) or csv, not '{format}'."),
    };

    public static IResult File<T>(IEnumerable<T> rows, string fileName) => new CsvResult<T>(rows, fileName);

    private sealed class CsvResult<T>(IEnumerable<T> rows, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
            await using var csv = new CsvWriter(writer, Configuration);
            csv.Context.RegisterClassMap(new CamelCaseMap<T>());
            await csv.WriteRecordsAsync(rows, http.RequestAborted);
        }
    }

    /// <summary>All public properties, headed by their camelCase names (as in the JSON).</summary>
    private sealed class CamelCaseMap<T> : ClassMap<T>
    {
        public CamelCaseMap()
        {
            AutoMap(Configuration);
            foreach (var member in MemberMaps)
            {
                var name = member.Data.Member!.Name;
                member.Name(char.ToLowerInvariant(name[0]) + name[1..]);
            }
        }
    }
}
