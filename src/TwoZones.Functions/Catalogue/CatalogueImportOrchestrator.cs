using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using TwoZones.Functions.Orchestration;
using TwoZones.Storage;

namespace TwoZones.Functions.Catalogue;

/// <summary>
/// The <c>CatalogueImport</c> orchestration: re-validates the stored file, saves agencies and programmes, fans out item creation in
/// batches (a few at a time, each retried), starts the trackers, and takes a progress snapshot when it created items. Its custom status
/// carries the counts as they grow.
/// Every step is idempotent, so running the same file again changes nothing.
/// </summary>
public static class CatalogueImportOrchestrator
{
    /// <summary>Batches imported at the same time; bounds the load one import puts on storage.</summary>
    public const int Parallelism = 4;

    /// <summary>Runs the import.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <returns>The final counts.</returns>
    [Function(OrchestratorNames.CatalogueImport)]
    public static async Task<CatalogueImportProgress> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<CatalogueImportInput>()
            ?? throw new InvalidOperationException("The CatalogueImport orchestration needs an input.");

        var plan = await context.CallActivityAsync<CatalogueImportPlan>(ActivityNames.LoadCatalogue, input.UploadId, DurableRetry.Storage);
        var status = new CatalogueImportProgress(CatalogueImportPhase.Validated, plan.Items, plan.Batches, 0, 0, 0, plan.Errors);
        if (plan.Errors.Count > 0)
        {
            status = status with { Phase = CatalogueImportPhase.Rejected };
            context.SetCustomStatus(status);
            return status;
        }

        context.SetCustomStatus(status);
        await context.CallActivityAsync(ActivityNames.SaveCatalogueMetadata, input.UploadId, DurableRetry.Storage);

        status = status with { Phase = CatalogueImportPhase.ImportingItems };
        context.SetCustomStatus(status);
        for (var first = 0; first < plan.Batches; first += Parallelism)
        {
            var wave = Enumerable.Range(first, Math.Min(Parallelism, plan.Batches - first))
                .Select(index => context.CallActivityAsync<ImportResult>(
                    ActivityNames.ImportCatalogueBatch, new ImportBatchInput(input.UploadId, index, plan.BatchSize, input.Actor), DurableRetry.Storage))
                .ToList();
            var results = await Task.WhenAll(wave);
            status = status with
            {
                BatchesDone = status.BatchesDone + results.Length,
                Created = status.Created + results.Sum(r => r.Created),
                Unchanged = status.Unchanged + results.Sum(r => r.Unchanged),
            };
            context.SetCustomStatus(status);
        }

        status = status with { Phase = CatalogueImportPhase.StartingTrackers };
        context.SetCustomStatus(status);
        await StartTrackersAsync(context, input);
        if (status.Created > 0)
        {
            // The trend starts with the import rather than at the next scheduled snapshot.
            await context.CallActivityAsync(ActivityNames.SnapshotAfterImport, input.UploadId, DurableRetry.Storage);
        }

        status = status with { Phase = CatalogueImportPhase.Completed };
        context.SetCustomStatus(status);
        return status;
    }

    /// <summary>
    /// The "StartTrackers" step: the point of the import where every item exists, so each can get its tracker orchestration
    /// (instance id = item id). Running it on every import, not only for new items, lets a re-import restart a tracker that is missing.
    /// Starting trackers belongs to the tracker workflow, which plugs in here; the phase is reported either way so clients see the
    /// import's full shape.
    /// </summary>
    private static Task StartTrackersAsync(TaskOrchestrationContext context, CatalogueImportInput input)
    {
        _ = input;
        return context.CallSubOrchestratorAsync<int>(OrchestratorNames.StartTrackers, input: null);
    }
}
