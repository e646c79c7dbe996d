namespace Microsoft.Azure.Functions.Worker.Middleware;

/// <summary>A middleware of the invocation pipeline.</summary>
public interface IFunctionsWorkerMiddleware
{
    /// <summary>Runs for an invocation; calls <paramref name="next"/> to continue the pipeline.</summary>
    /// <param name="context">The invocation.</param>
    /// <param name="next">The rest of the pipeline.</param>
    Task Invoke(FunctionContext context, FunctionExecutionDelegate next);
}
