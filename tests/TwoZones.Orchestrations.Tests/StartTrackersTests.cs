using System.Collections.Concurrent;
using TwoZones.Functions.Orchestration;
using TwoZones.Functions.Tracking;

namespace TwoZones.Orchestrations.Tests;

public sealed class StartTrackersTests
{
    [Fact]
    public async Task Starting_trackers_runs_every_slice_once_and_sums_the_trackers_each_started()
    {
        var slices = new ConcurrentQueue<int>();
        static int StartedBy(int slice) => slice % 3;
        await using var host = await AppOrchestrations.StartAsync(tasks =>
            tasks.AddActivityFunc<int, int>(ActivityNames.StartTrackerSlice, (_, slice) =>
            {
                slices.Enqueue(slice);
                return Task.FromResult(StartedBy(slice));
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(OrchestratorNames.StartTrackers);
        var done = await host.Client.CompletionAsync(id);

        AppOrchestrations.AssertCompleted(done);
        Assert.Equal(Enumerable.Range(0, StartTrackersOrchestrator.Slices), slices.Order());
        Assert.Equal(Enumerable.Range(0, StartTrackersOrchestrator.Slices).Sum(StartedBy), done.ReadOutputAs<int>());
    }
}
