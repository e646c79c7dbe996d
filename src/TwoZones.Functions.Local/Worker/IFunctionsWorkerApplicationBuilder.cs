using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Configures the worker: its services and its invocation middleware.</summary>
public interface IFunctionsWorkerApplicationBuilder
{
    /// <summary>The app's service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>Adds a middleware to the invocation pipeline; middleware runs in the order added.</summary>
    /// <param name="middleware">Given the rest of the pipeline, returns the delegate that runs this middleware.</param>
    IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware);
}
