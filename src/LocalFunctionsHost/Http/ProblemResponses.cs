using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LocalFunctionsHost.Http;

/// <summary>
/// RFC 9457 problem bodies for answers the host gives itself (no function matched the route, wrong method, the function
/// timed out, the worker could not be reached); a function's own responses pass through untouched.
/// </summary>
internal static class ProblemResponses
{
    /// <summary>Marks the endpoints that run a function, so their 404s stay the function's.</summary>
    public sealed class FunctionEndpoint;

    public static async Task OnUnmatched(HttpContext context, Func<Task> next)
    {
        await next();
        var status = context.Response.StatusCode;
        if (status is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed
            && !context.Response.HasStarted
            && context.GetEndpoint()?.Metadata.GetMetadata<FunctionEndpoint>() is null)
        {
            var detail = status == StatusCodes.Status404NotFound
                ? $"No function matches '{context.Request.Path}'."
                : $"'{context.Request.Path}' does not accept {context.Request.Method}; allowed: {context.Response.Headers.Allow}.";
            await WriteAsync(context, status, detail);
        }
    }

    /// <summary>
    /// Refuses header values outside visible ASCII (and tab) with a 400. The worker's own server refuses them too, but only
    /// after the host has forwarded the request, which the caller would see as a 502 from a worker that seemed down.
    /// </summary>
    public static async Task RejectNonAsciiHeaders(HttpContext context, Func<Task> next)
    {
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                if (value is not null && value.Any(c => c is > '~' or (< ' ' and not '\t')))
                {
                    await WriteAsync(context, StatusCodes.Status400BadRequest, $"The {name} header has characters outside ASCII; send such values encoded.");
                    return;
                }
            }
        }

        await next();
    }

    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        // As on every other answer of the app: a client must not sniff an error body into something it would render or run.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var body = new Dictionary<string, object>
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15." + (status >= 500 ? "6." + (status - 499) : "5." + (status - 399)),
            ["title"] = ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["detail"] = detail,
        };
        await JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
