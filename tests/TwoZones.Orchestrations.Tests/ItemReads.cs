using System.Collections.Concurrent;
using Microsoft.DurableTask;
using TwoZones.Functions.Orchestration;
using TwoZones.Functions.Tracking;

namespace TwoZones.Orchestrations.Tests;

/// <summary>
/// Stands in for the storage the <c>ObserveTrackedItem</c> activity reads: what a read returns is a function of the instant it
/// happens at, and every read is recorded.
/// </summary>
internal sealed class ItemReads(Func<DateTime, TrackerObservation> observe)
{
    private readonly ConcurrentQueue<(DateTime At, TrackedItem Item)> _reads = new();

    public IReadOnlyList<(DateTime At, TrackedItem Item)> All => [.. _reads];

    public void Register(DurableTaskRegistry tasks) =>
        tasks.AddActivityFunc<TrackedItem, TrackerObservation>(ActivityNames.ObserveTrackedItem, (_, item) =>
        {
            var now = DateTime.UtcNow;
            _reads.Enqueue((now, item));
            return Task.FromResult(observe(now));
        });
}
