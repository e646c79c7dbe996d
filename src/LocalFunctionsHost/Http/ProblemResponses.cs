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
