using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Local.Hosting;

namespace TwoZones.Functions.Local.Durable;

/// <summary>Serves <c>[OrchestrationTrigger]</c> and <c>[ActivityTrigger]</c> functions with the durable engine.</summary>
internal sealed class DurableTriggerProvider(DurableEngine engine) : ITriggerProvider
{
    public bool Owns(Attribute triggerAttribute) => triggerAttribute is OrchestrationTriggerAttribute or ActivityTriggerAttribute;

    public Task StartAsync(IReadOnlyList<FunctionDescriptor> functions, CancellationToken cancellationToken)
    {
        // An app without orchestrators or activities may still use [DurableClient]; it needs no engine of its own.
        if (functions.Count == 0)
        {
            return Task.CompletedTask;
        }

        engine.Register(functions);
        return engine.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => engine.StopAsync(cancellationToken);
}
