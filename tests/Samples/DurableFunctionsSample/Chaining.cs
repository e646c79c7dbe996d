using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableFunctionsSample;

/// <summary>Function chaining: three activities one after the other, each result kept in order.</summary>
public static class Chaining
{
    [Function(nameof(Chaining))]
    public static async Task<List<string>> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var greetings = new List<string>();
        foreach (var city in new[] { "Tokyo", "Seattle", "London" })
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(SayHello), city));
        }

        return greetings;
    }

    [Function(nameof(SayHello))]
    public static string SayHello([ActivityTrigger] string name) => $"Hello {name}!";
}
