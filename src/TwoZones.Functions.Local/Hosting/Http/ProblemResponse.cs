using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>Writes RFC 9457 problem details.</summary>
internal static class ProblemResponse
{
    public static async Task WriteAsync(HttpContext context, int status, string? detail)
    {
        var title = ReasonPhrases.GetReasonPhrase(status);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var problem = new Dictionary<string, object?>
        {
            ["type"] = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
            ["title"] = string.IsNullOrEmpty(title) ? "Error" : title,
            ["status"] = status,
            ["detail"] = detail ?? DefaultDetail(context, status, title),
            ["traceId"] = context.TraceIdentifier,
        };
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, cancellationToken: context.RequestAborted);
    }

    private static string DefaultDetail(HttpContext context, int status, string title) => status switch
    {
        StatusCodes.Status404NotFound => $"No function serves {context.Request.Method} {context.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"The function at {context.Request.Path} does not accept {context.Request.Method}.",
        _ => title,
    };
}
