using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableFunctionsSample;

/// <summary>A durable timer of the given seconds.</summary>
public static class DurableTimer
{
    [Function(nameof(DurableTimer))]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var seconds = context.GetInput<int>();
        context.SetCustomStatus("sleeping");
        await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(seconds), CancellationToken.None);
        return $"timer of {seconds}s fired";
    }
}
