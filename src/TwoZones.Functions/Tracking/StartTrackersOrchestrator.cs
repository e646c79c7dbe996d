using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace TwoZones.Functions.Tracking;

/// <summary>
/// Starts the trackers of many items by fanning out batches to an activity; idempotent: an item whose tracker runs or has
/// completed is skipped. Run it as a sub-orchestration with the items
/// (<c>await context.CallSubOrchestratorAsync&lt;int&gt;(nameof(StartTrackersOrchestrator), TrackedItem.From(items))</c>)
/// or with no input for every stored item (what an import needs once its items exist).
/// </summary>
public static class StartTrackersOrchestrator
{
    /// <summary>Items per activity call.</summary>
    public const int BatchSize = 50;

    // Starting a tracker is idempotent, so a failed batch is simply tried again.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>The orchestrator.</summary>
    /// <param name="context">The orchestration context; its input is the list of <see cref="TrackedItem"/>, or null for every stored item.</param>
    /// <returns>How many trackers were started.</returns>
    [Function(nameof(StartTrackersOrchestrator))]
    public static async Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var items = context.GetInput<List<TrackedItem>>()
            ?? await context.CallActivityAsync<List<TrackedItem>>(nameof(TrackerActivities.ListStoredItems), input: null, options: Retry);
        var batches = items.Chunk(BatchSize)
            .Select(batch => context.CallActivityAsync<int>(nameof(StartTrackerBatch), batch.ToList(), Retry))
            .ToList();
        var started = await Task.WhenAll(batches);
        return started.Sum();
    }

    /// <summary>Starts the trackers of one batch that do not exist yet.</summary>
    /// <param name="items">The batch.</param>
    /// <param name="client">The durable client.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>How many trackers this call started.</returns>
    [Function(nameof(StartTrackerBatch))]
    public static async Task<int> StartTrackerBatch(
        [ActivityTrigger] List<TrackedItem> items,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var started = 0;
        foreach (var item in items)
        {
            if (await TrackerSignals.EnsureTrackerAsync(client, item, cancellationToken))
            {
                started++;
            }
        }

        return started;
    }
}
