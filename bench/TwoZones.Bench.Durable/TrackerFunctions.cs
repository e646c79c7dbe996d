using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace TwoZones.Bench.Durable;

/// <summary>A tracker-like orchestration: started, waits for one event, runs one activity, completes.</summary>
public static class TrackerFunctions
{
    [Function(nameof(BenchTracker))]
    public static async Task<string> BenchTracker([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        context.SetCustomStatus("waiting");
        var update = await context.WaitForExternalEvent<string>("status");
        return await context.CallActivityAsync<string>(nameof(RecordStatus), update);
    }

    [Function(nameof(RecordStatus))]
    public static string RecordStatus([ActivityTrigger] string update) => $"recorded {update}";
}
