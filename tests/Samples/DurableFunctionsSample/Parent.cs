using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableFunctionsSample;

/// <summary>Sub-orchestrations: one child per name, results in order.</summary>
public static class Parent
{
    [Function(nameof(Parent))]
    public static async Task<List<string>> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var names = context.GetInput<List<string>>() ?? [];
        var results = new List<string>();
        foreach (var name in names)
        {
            results.Add(await context.CallSubOrchestratorAsync<string>(nameof(Child), name));
        }

        return results;
    }
}
