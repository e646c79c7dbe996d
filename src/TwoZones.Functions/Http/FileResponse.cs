using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace TwoZones.Functions.Http;

/// <summary>
/// A non-JSON body (a sheet, a feed, a calendar, an evidence file) written straight to the response with its length, its media type
/// and <c>nosniff</c>, so a browser never second-guesses the type. Not cached: feeds and exports are often fetched with the key in <c>?code=</c>.
/// </summary>
/// <param name="body">The bytes.</param>
/// <param name="contentType">The media type.</param>
/// <param name="attachmentName">When set, the file is offered for download under this name.</param>
internal sealed class FileResponse(ReadOnlyMemory<byte> body, string contentType, string? attachmentName = null) : IActionResult
{
    /// <summary>Extra response headers.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        if (attachmentName is not null)
        {
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(attachmentName);
            response.Headers.ContentDisposition = disposition.ToString();
        }

        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }
}
