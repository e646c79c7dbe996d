using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableFunctionsSample;

/// <summary>The sub-orchestration <see cref="Parent"/> calls: shouts a name through an activity.</summary>
public static class Child
{
    [Function(nameof(Child))]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        await context.CallActivityAsync<string>(nameof(Shout), context.GetInput<string>());

    [Function(nameof(Shout))]
    public static string Shout([ActivityTrigger] string name) => name.ToUpperInvariant() + "!";
}
