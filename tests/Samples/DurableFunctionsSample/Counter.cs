using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableFunctionsSample;

/// <summary>Eternal-orchestration style: counts to the target, one ContinueAsNew per step.</summary>
public static class Counter
{
    [Function(nameof(Counter))]
    public static Task<int> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var state = context.GetInput<CounterState>() ?? new CounterState(0, 0);
        if (state.Current < state.Target)
        {
            context.ContinueAsNew(state with { Current = state.Current + 1 });
        }

        return Task.FromResult(state.Current);
    }

    public sealed record CounterState(int Current, int Target);
}
