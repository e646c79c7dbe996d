using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Turns failures into <c>application/problem+json</c> without stack traces: binding errors → 400, unreachable storage →
/// 503 with <c>Retry-After</c>, anything else → 500; and gives a problem body to any empty 4xx/5xx (404, 405, status-only results).
/// </summary>
internal sealed partial class HttpErrorMiddleware(RequestDelegate next, ILogger<HttpErrorMiddleware> logger)
{
    private const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            if (e is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            context.Response.Clear();
            if (e is FunctionBindingException)
            {
                await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, e.Message);
            }
            else if (StorageOutage.IsCause(e))
            {
                LogStorageOutage(logger, context.Request.Path, e.GetBaseException().Message);
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Storage is unreachable. Retry shortly.");
            }
            else
            {
                LogUnhandled(logger, e, context.Request.Path);
                await ProblemResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, "An unexpected error occurred while processing the request.");
            }

            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType)
            && !HttpMethods.IsHead(context.Request.Method))
        {
            await ProblemResponse.WriteAsync(context, response.StatusCode, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is unreachable while serving {Path}: {Reason}")]
    private static partial void LogStorageOutage(ILogger logger, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while serving {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, PathString path);
}
