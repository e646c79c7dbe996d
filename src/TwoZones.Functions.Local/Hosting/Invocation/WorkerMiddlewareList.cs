using Microsoft.Azure.Functions.Worker.Middleware;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>The worker middleware the app added, in order; built once into the invocation pipeline.</summary>
internal sealed class WorkerMiddlewareList
{
    private readonly List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> _middleware = [];

    public void Add(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware) => _middleware.Add(middleware);

    /// <summary>The pipeline: every middleware in the order added, then <paramref name="terminal"/>.</summary>
    public FunctionExecutionDelegate Build(FunctionExecutionDelegate terminal)
    {
        var pipeline = terminal;
        for (var i = _middleware.Count - 1; i >= 0; i--)
        {
            pipeline = _middleware[i](pipeline);
        }

        return pipeline;
    }
}
