using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace TwoZones.Functions.Dashboard;

/// <summary>
/// An HTML page written straight to the response, with headers that keep it self-contained: no script may run, nothing loads from
/// elsewhere, forms submit only to the app itself (the date picker), and the key in <c>?code=</c> does not leak through the referrer or caches.
/// </summary>
/// <param name="html">The document.</param>
internal sealed class HtmlResponse(string html) : IActionResult
{
    /// <summary>The media type of the page.</summary>
    public const string ContentType = "text/html; charset=utf-8";

    /// <inheritdoc />
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var body = Encoding.UTF8.GetBytes(html);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }
}
