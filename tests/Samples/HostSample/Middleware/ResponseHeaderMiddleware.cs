using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace HostSample.Middleware;

/// <summary>Runs for HTTP functions only (UseWhen): adds a response header.</summary>
public sealed class ResponseHeaderMiddleware : IFunctionsWorkerMiddleware
{
    public static bool IsHttpTriggered(FunctionContext context)
        => context.FunctionDefinition.InputBindings.Values.Any(b => b.Type == "httpTrigger");

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        context.GetLogger<ResponseHeaderMiddleware>().LogInformation("ResponseHeaderMiddleware saw {Function}", context.FunctionDefinition.Name);
        context.GetHttpContext()!.Response.Headers["X-Sample-Middleware"] = "http-only";
        await next(context);
    }
}
