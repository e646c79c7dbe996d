using LocalFunctionsHost.Durable;
using LocalFunctionsHost.Worker;
using Microsoft.AspNetCore.Routing;

namespace LocalFunctionsHost.Extensions;

/// <summary>
/// A trigger and binding provider beyond the host's own HTTP and timer triggers (Durable is one). The host owns the worker;
/// an extension decides when its triggers fire, supplies values for its input bindings and may serve endpoints of its own.
/// </summary>
internal interface IBindingExtension
{
    /// <summary>How the host names it in its log, e.g. <c>Durable Functions</c>.</summary>
    string Name { get; }

    /// <summary>The binding types this extension handles (e.g. <c>orchestrationTrigger</c>, <c>durableClient</c>).</summary>
    IReadOnlySet<string> BindingTypes { get; }

    /// <summary>Whether it needs <c>AzureWebJobsStorage</c> (checked at start).</summary>
    bool NeedsStorage { get; }

    /// <summary>Hands over the functions that use any of <see cref="BindingTypes"/>, before start.</summary>
    void Register(IReadOnlyList<FunctionDescriptor> functions);

    /// <summary>Starts after the functions are loaded and the HTTP server listens at <paramref name="context"/>'s base address.</summary>
    Task StartAsync(IWorkerFunctionInvoker invoker, ExtensionContext context, CancellationToken cancellationToken);

    /// <summary>The value of a non-trigger input binding of one of its types, as text (JSON when <c>IsJson</c>).</summary>
    WorkerTriggerValue GetInputValue(FunctionDescriptor function, BindingDescriptor binding);

    /// <summary>Adds its own HTTP endpoints (e.g. <c>/runtime/webhooks/...</c>) to the host's server.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>Stops, after HTTP has drained and before the worker is told to terminate.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
