using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace TwoZones.Functions.Http;

/// <summary>
/// A JSON body written with <see cref="ApiJson.Options"/> straight to the response, so the contract's shapes do not depend
/// on how the host configures MVC's formatters.
/// </summary>
/// <param name="value">The body.</param>
/// <param name="statusCode">The HTTP status.</param>
internal sealed class JsonResponse(object? value, int statusCode = StatusCodes.Status200OK) : IActionResult
{
    /// <summary>The media type; <c>application/json</c> unless a problem.</summary>
    public string ContentType { get; init; } = "application/json; charset=utf-8";

    /// <summary>Extra response headers.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The HTTP status.</summary>
    public int StatusCode => statusCode;

    /// <summary>The body.</summary>
    public object? Value => value;

    /// <inheritdoc />
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context.HttpContext.Response);
    }

    /// <summary>Writes the status, headers and body to <paramref name="response"/>.</summary>
    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        foreach (var (name, headerValue) in Headers)
        {
            response.Headers[name] = headerValue;
        }

        await JsonSerializer.SerializeAsync(response.Body, value, value?.GetType() ?? typeof(object), ApiJson.Options, response.HttpContext.RequestAborted);
    }
}
