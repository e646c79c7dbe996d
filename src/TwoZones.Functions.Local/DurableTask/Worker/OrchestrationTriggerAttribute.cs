using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks the <c>TaskOrchestrationContext</c> parameter of an orchestrator function.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OrchestrationTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>The orchestration name; the function name when not set.</summary>
    public string? Orchestration { get; set; }
}
