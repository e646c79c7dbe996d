using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>The <see cref="IFunctionsWorkerApplicationBuilder"/> over the app's services.</summary>
internal sealed class WorkerApplicationBuilder(IServiceCollection services, WorkerMiddlewareList pipeline) : IFunctionsWorkerApplicationBuilder
{
    public IServiceCollection Services { get; } = services;

    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        pipeline.Add(middleware);
        return this;
    }
}
