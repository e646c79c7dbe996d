using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using TwoZones.Functions.Orchestration;

namespace TwoZones.Functions.Tracking;

/// <summary>
/// Starts the trackers of every stored item that has none yet (an item whose tracker runs or has completed is skipped), by fanning
/// out <see cref="Slices"/> activities that each take every n-th item. Only slice numbers and counts cross the orchestration's
/// history, so a catalogue of any size costs the same history. Run it as a sub-orchestration once an import's items exist:
/// <c>await context.CallSubOrchestratorAsync&lt;int&gt;(OrchestratorNames.StartTrackers)</c>.
/// </summary>
public static class StartTrackersOrchestrator
{
    /// <summary>How many activities share the work.</summary>
    public const int Slices = 16;

    /// <summary>The orchestrator.</summary>
    /// <param name="context">The orchestration context (no input).</param>
    /// <returns>How many trackers were started.</returns>
    [Function(OrchestratorNames.StartTrackers)]
    public static async Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Starting a tracker is idempotent, so a failed slice is simply tried again.
        var slices = Enumerable.Range(0, Slices)
            .Select(slice => context.CallActivityAsync<int>(ActivityNames.StartTrackerSlice, slice, DurableRetry.Storage))
            .ToList();
        var started = await Task.WhenAll(slices);
        return started.Sum();
    }
}
