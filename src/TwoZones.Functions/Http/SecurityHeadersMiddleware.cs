using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace TwoZones.Functions.Http;

/// <summary>
/// Headers every HTTP answer carries, errors included: browsers must not guess a JSON or problem body to be HTML or script.
/// Set when the response starts, so middleware that clears a response to write a problem does not lose them. The API sends
/// no CORS headers: it is called by servers and the same-origin dashboard, never by other sites' scripts.
/// </summary>
internal sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
        }

        await next(context);
    }
}
