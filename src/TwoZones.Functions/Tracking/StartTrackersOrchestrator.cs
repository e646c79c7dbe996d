using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace TwoZones.Functions.Tracking;

/// <summary>
/// Starts the trackers of every stored item that has none yet (an item whose tracker runs or has completed is skipped), by fanning
/// out <see cref="Slices"/> activities that each take every n-th item. Only slice numbers and counts cross the orchestration's
/// history, so a catalogue of any size costs the same history. Run it as a sub-orchestration once an import's items exist:
/// <c>await context.CallSubOrchestratorAsync&lt;int&gt;(nameof(StartTrackersOrchestrator))</c>.
/// </summary>
public static class StartTrackersOrchestrator
{
    /// <summary>How many activities share the work.</summary>
    public const int Slices = 16;

    // Starting a tracker is idempotent, so a failed slice is simply tried again.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>The orchestrator.</summary>
    /// <param name="context">The orchestration context (no input).</param>
    /// <returns>How many trackers were started.</returns>
    [Function(nameof(StartTrackersOrchestrator))]
    public static async Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var slices = Enumerable.Range(0, Slices)
            .Select(slice => context.CallActivityAsync<int>(nameof(TrackerActivities.StartTrackerSlice), slice, Retry))
            .ToList();
        var started = await Task.WhenAll(slices);
        return started.Sum();
    }
}
