using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace HostSample.Middleware;

/// <summary>Runs for every function: logs the invocation and leaves a marker in the context items.</summary>
public sealed class InvocationLogMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        context.GetLogger<InvocationLogMiddleware>().LogInformation("InvocationLogMiddleware saw {Function}", context.FunctionDefinition.Name);
        context.Items["sample.middleware"] = "all-functions";
        await next(context);
    }
}
