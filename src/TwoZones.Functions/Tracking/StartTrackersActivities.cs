using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TwoZones.Functions.Orchestration;
using TwoZones.Storage;

namespace TwoZones.Functions.Tracking;

/// <summary>The activity of <see cref="StartTrackersOrchestrator"/>.</summary>
/// <param name="items">The items.</param>
public sealed class StartTrackersActivities(ItemRepository items)
{
    /// <summary>
    /// Starts the missing trackers of one slice of the stored items (every <see cref="StartTrackersOrchestrator.Slices"/>-th
    /// item in id order). Slices keep orchestration inputs and outputs tiny whatever the catalogue's size.
    /// </summary>
    /// <param name="slice">Which slice, from 0.</param>
    /// <param name="client">The durable client.</param>
    /// <param name="cancellationToken">Cancels the reads and starts.</param>
    /// <returns>How many trackers this call started.</returns>
    [Function(ActivityNames.StartTrackerSlice)]
    public async Task<int> StartTrackerSlice([ActivityTrigger] int slice, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var snapshots = await items.ReadSnapshotsAsync(null, cancellationToken);
        var started = 0;
        var mine = snapshots.OrderBy(s => s.Id, StringComparer.Ordinal).Where((_, index) => index % StartTrackersOrchestrator.Slices == slice);
        foreach (var item in mine)
        {
            if (await TrackerSignals.EnsureTrackerAsync(client, new TrackedItem(item.Kind, item.Id), cancellationToken))
            {
                started++;
            }
        }

        return started;
    }
}
