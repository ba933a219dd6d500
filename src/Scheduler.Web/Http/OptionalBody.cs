namespace Scheduler.Web.Http;

/// <summary>Actions whose JSON body may be left out (a reason, say): null when there is none.</summary>
public static class OptionalBody
{
    public static async Task<T?> Read<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
            return null;
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Send the optional body as application/json, e.g. {\"reason\": \"...\"}.", StatusCodes.Status415UnsupportedMediaType);
        return await request.ReadFromJsonAsync<T>(ct);
    }
}
