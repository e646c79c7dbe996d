using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using TwoZones.Functions.Catalogue;
using TwoZones.Functions.Orchestration;
using TwoZones.Storage;

namespace TwoZones.Orchestrations.Tests;

public sealed class CatalogueImportTests
{
    private static readonly CatalogueImportInput Input = new("upload-1", "coordinator-1");

    [Fact]
    public async Task An_import_saves_the_metadata_then_imports_the_batches_a_few_at_a_time_then_starts_the_trackers()
    {
        var plan = new CatalogueImportPlan(3, 5, 230, 5, 50, []);
        var steps = new ConcurrentQueue<string>();
        var batches = new ConcurrentQueue<(ImportBatchInput Batch, string? Phase)>();
        var slicePhases = new ConcurrentQueue<string?>();
        var inFlight = 0;
        var mostInFlight = 0;
        static ImportResult ResultOf(int index) => new(Created: index + 40, Unchanged: 10 - index);
        DurableTaskTestHost? host = null;

        await using (host = await AppOrchestrations.StartAsync(tasks =>
        {
            RegisterPlan(tasks, plan);
            tasks.AddActivityFunc<string, bool>(ActivityNames.SaveCatalogueMetadata, (_, uploadId) =>
            {
                steps.Enqueue("metadata " + uploadId);
                return Task.FromResult(true);
            });
            tasks.AddActivityFunc<ImportBatchInput, ImportResult>(ActivityNames.ImportCatalogueBatch, async (context, batch) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref mostInFlight, now);
                steps.Enqueue("batch");
                batches.Enqueue((batch, await PhaseAsync(host!.Client, context.InstanceId)));
                await Task.Delay(50);
                Interlocked.Decrement(ref inFlight);
                return ResultOf(batch.Index);
            });
            tasks.AddActivityFunc<int, int>(ActivityNames.StartTrackerSlice, async (_, _) =>
            {
                steps.Enqueue("trackers");
                slicePhases.Enqueue(await PhaseAsync(host!.Client, Input.UploadId));
                return 0;
            });
            tasks.AddActivityFunc<string, bool>(ActivityNames.SnapshotAfterImport, (_, uploadId) =>
            {
                steps.Enqueue("snapshot " + uploadId);
                return Task.FromResult(true);
            });
        }))
        {
            var done = await RunAsync(host.Client);

            AppOrchestrations.AssertCompleted(done);
            var all = steps.ToList();
            Assert.Equal("metadata " + Input.UploadId, all[0]);
            Assert.Equal(1, all.Count(s => s.StartsWith("metadata", StringComparison.Ordinal)));
            Assert.Equal(plan.Batches, all.Count(s => s == "batch"));
            Assert.Equal(all.LastIndexOf("batch") + 1, all.IndexOf("trackers"));
            // Items were created, so the trend gets its first point once every tracker has been started.
            Assert.Equal("snapshot " + Input.UploadId, all[^1]);
            Assert.Equal(1, all.Count(s => s.StartsWith("snapshot", StringComparison.Ordinal)));

            Assert.Equal(Enumerable.Range(0, plan.Batches), batches.Select(b => b.Batch.Index).Order());
            Assert.All(batches, b => Assert.Equal(new ImportBatchInput(Input.UploadId, b.Batch.Index, plan.BatchSize, Input.Actor), b.Batch));
            Assert.All(batches, b => Assert.Equal(CatalogueImportPhase.ImportingItems, b.Phase));
            Assert.InRange(mostInFlight, 1, CatalogueImportOrchestrator.Parallelism);

            Assert.Equal(Functions.Tracking.StartTrackersOrchestrator.Slices, slicePhases.Count);
            Assert.All(slicePhases, p => Assert.Equal(CatalogueImportPhase.StartingTrackers, p));

            var results = Enumerable.Range(0, plan.Batches).Select(ResultOf).ToList();
            var output = done.ReadOutputAs<CatalogueImportProgress>()!;
            Assert.Equal(
                (CatalogueImportPhase.Completed, plan.Items, plan.Batches, plan.Batches, results.Sum(r => r.Created), results.Sum(r => r.Unchanged)),
                (output.Phase, output.Items, output.Batches, output.BatchesDone, output.Created, output.Unchanged));
            Assert.Empty(output.Errors);
        }
    }

    [Fact]
    public async Task A_file_that_no_longer_validates_is_rejected_with_its_errors_and_nothing_is_saved()
    {
        var plan = new CatalogueImportPlan(3, 5, 430, 9, 50, ["T007: plannedCompletion is before plannedCommencement."]);
        var calls = new ConcurrentQueue<string>();
        await using var host = await AppOrchestrations.StartAsync(tasks =>
        {
            RegisterPlan(tasks, plan);
            tasks.AddActivityFunc<string, bool>(ActivityNames.SaveCatalogueMetadata, (_, _) =>
            {
                calls.Enqueue(ActivityNames.SaveCatalogueMetadata);
                return Task.FromResult(true);
            });
            tasks.AddActivityFunc<ImportBatchInput, ImportResult>(ActivityNames.ImportCatalogueBatch, (_, _) =>
            {
                calls.Enqueue(ActivityNames.ImportCatalogueBatch);
                return Task.FromResult(new ImportResult(0, 0));
            });
        });

        var done = await RunAsync(host.Client);

        AppOrchestrations.AssertCompleted(done);
        var output = done.ReadOutputAs<CatalogueImportProgress>()!;
        Assert.Equal(CatalogueImportPhase.Rejected, output.Phase);
        Assert.Equal(plan.Errors, output.Errors);
        Assert.Equal((0, 0, 0), (output.BatchesDone, output.Created, output.Unchanged));
        Assert.Equal(CatalogueImportPhase.Rejected, done.ReadCustomStatusAs<CatalogueImportProgress>()!.Phase);
        Assert.Empty(calls);
    }

    private static void RegisterPlan(DurableTaskRegistry tasks, CatalogueImportPlan plan) =>
        tasks.AddActivityFunc<string, CatalogueImportPlan>(ActivityNames.LoadCatalogue, (_, uploadId) =>
            uploadId == Input.UploadId ? Task.FromResult(plan) : throw new InvalidOperationException($"Unknown upload {uploadId}."));

    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskClient client)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(OrchestratorNames.CatalogueImport, Input, new StartOrchestrationOptions(Input.UploadId));
        return await client.CompletionAsync(id);
    }

    private static async Task<string?> PhaseAsync(DurableTaskClient client, string instanceId) =>
        (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))?.ReadCustomStatusAs<CatalogueImportProgress>()?.Phase;

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }
}
