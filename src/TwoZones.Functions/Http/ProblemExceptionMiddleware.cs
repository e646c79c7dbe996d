using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using TwoZones.Storage;

namespace TwoZones.Functions.Http;

/// <summary>
/// Turns what escapes an HTTP function into a problem response: a planned problem as is, a foreign continuation token → 400,
/// unreachable storage → 503 with <c>Retry-After</c>, anything else → 500. The body never carries exception text.
/// </summary>
internal sealed partial class ProblemExceptionMiddleware(ILogger<ProblemExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception caught) when (context.GetHttpContext() is { Response.HasStarted: false })
        {
            var http = context.GetHttpContext()!;
            var exception = Unwrap(caught);
            if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            var response = Classify(context, exception);
            http.Response.Clear();
            await response.WriteAsync(http.Response);
        }
    }

    private JsonResponse Classify(FunctionContext context, Exception exception)
    {
        switch (exception)
        {
            case ApiProblemException planned:
                return planned.Response;
            case InvalidContinuationTokenException:
                return ApiProblem.BadRequest(
                    "The continuation token is not valid; use the token of a previous page unchanged.",
                    RequestBody.Errors("continuationToken", "Not a token this API issued."));
            case var _ when StorageFailure.IsUnavailable(exception):
                LogStorageUnavailable(logger, context.FunctionDefinition.Name, exception.GetBaseException().Message);
                return ApiProblem.StorageUnavailable();
            default:
                LogUnexpected(logger, exception, context.FunctionDefinition.Name);
                return ApiProblem.Unexpected();
        }
    }

    private static Exception Unwrap(Exception exception)
    {
        while (exception is TargetInvocationException { InnerException: { } inner })
        {
            exception = inner;
        }

        return exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : exception;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is unreachable while running {Function}: {Reason}")]
    private static partial void LogStorageUnavailable(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Function}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string function);
}
