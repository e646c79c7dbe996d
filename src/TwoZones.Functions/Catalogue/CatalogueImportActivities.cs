using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Time;
using TwoZones.Functions.Orchestration;
using TwoZones.Functions.Progress;
using TwoZones.Storage;

namespace TwoZones.Functions.Catalogue;

/// <summary>The activities of <see cref="CatalogueImportOrchestrator"/>; each is safe to run again (the import is idempotent).</summary>
/// <param name="catalogues">Parsed uploads.</param>
/// <param name="metadata">Agencies and programmes.</param>
/// <param name="items">Item storage.</param>
/// <param name="progress">Refreshed once items land, so progress shows them at once.</param>
/// <param name="time">The server clock.</param>
public sealed class CatalogueImportActivities(
    UploadedCatalogues catalogues, CatalogueRepository metadata, ItemRepository items, ProgressCache progress, TimeProvider time)
{
    /// <summary>Items one batch activity imports at least.</summary>
    public const int BatchSize = 50;

    /// <summary>
    /// Most batches one import fans out to; a large catalogue gets larger batches instead of more, because each batch first reads which
    /// items exist (the import's idempotency check), so many small batches would read the whole table many times.
    /// </summary>
    public const int MaxBatches = 40;

    /// <summary>Loads the stored file and validates it again (the file is the truth, whatever the upload request checked).</summary>
    /// <param name="uploadId">The upload's id.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>The plan, with the errors if the file cannot be imported.</returns>
    [Function(ActivityNames.LoadCatalogue)]
    public async Task<CatalogueImportPlan> LoadCatalogue([ActivityTrigger] string uploadId, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalogue = await catalogues.GetAsync(uploadId, context.CancellationToken);
        var errors = CatalogueValidator.Validate(catalogue, ShanghaiClock.Today(time.GetUtcNow()));
        var count = catalogue.Tasks.Count + catalogue.Measures.Count;
        var size = Math.Max(BatchSize, (count + MaxBatches - 1) / MaxBatches);
        return new CatalogueImportPlan(
            catalogue.Agencies.Count,
            catalogue.Programmes.Count,
            count,
            (count + size - 1) / size,
            size,
            [.. errors.Select(e => e.Message)]);
    }

    /// <summary>Saves the file's agencies and programmes.</summary>
    /// <param name="uploadId">The upload's id.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>A task that completes when they are saved.</returns>
    [Function(ActivityNames.SaveCatalogueMetadata)]
    public async Task SaveCatalogueMetadata([ActivityTrigger] string uploadId, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalogue = await catalogues.GetAsync(uploadId, context.CancellationToken);
        await metadata.SaveMetadataAsync(catalogue.Agencies, catalogue.Programmes, context.CancellationToken);
        progress.Invalidate();
    }

    /// <summary>Creates one batch of items that do not exist yet; existing items are left as they are.</summary>
    /// <param name="batch">Which slice of the file.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>How many were created and how many already existed.</returns>
    [Function(ActivityNames.ImportCatalogueBatch)]
    public async Task<ImportResult> ImportCatalogueBatch([ActivityTrigger] ImportBatchInput batch, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        var catalogue = await catalogues.GetAsync(batch.UploadId, context.CancellationToken);
        var slice = catalogue.Items.Skip(batch.Index * batch.Size).Take(batch.Size).ToList();
        var result = await items.ImportAsync(slice, batch.Actor, context.CancellationToken);
        progress.Invalidate();
        return result;
    }
}
