using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage.Evidence;

/// <summary>
/// Evidence files in Blob Storage (<c>{item}/{sha256}</c> in the evidence container), each recorded in the item's hash chain: an entry that
/// keeps the status and cites the file as <c>sha256:…</c>, committed with the state row's new head hash in one transaction guarded by
/// its ETag, so it interleaves with status changes as they do with each other. A file replaced in the container no longer matches the
/// hash in the chain, which <see cref="VerifyAsync"/> reports.
/// </summary>
public sealed class EvidenceRepository
{
    private const int MaxAttempts = 5;

    private readonly TwoZonesTables _tables;
    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private readonly EvidenceListing _listing;
    private volatile bool _containerExists;

    /// <summary>Creates the repository; no network call is made until it is used.</summary>
    /// <param name="tables">The app's tables (the items table holds the chain).</param>
    /// <param name="container">The evidence container.</param>
    /// <param name="time">The server clock.</param>
    public EvidenceRepository(TwoZonesTables tables, BlobContainerClient container, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(time);
        _tables = tables;
        _container = container;
        _time = time;
        _listing = new EvidenceListing(tables, container);
    }

    /// <summary>Creates the container if it does not exist yet.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it exists.</returns>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);

    /// <summary>
    /// Stores a file and records it in the item's history. A file the item already has is not stored or recorded again.
    /// </summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <param name="actor">The uploader (role and agency are checked as for a status change).</param>
    /// <param name="content">The file.</param>
    /// <param name="mediaType">Its type, detected from the content.</param>
    /// <param name="fileName">The name the uploader gave, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The outcome and the file.</returns>
    public async Task<(EvidenceOutcome Outcome, EvidenceFile? File)> AddAsync(
        ItemKind kind, string id, Actor actor, byte[] content, string mediaType, string? fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        var state = await ReadStateAsync(kind, id, cancellationToken);
        if (state is null)
        {
            return (EvidenceOutcome.NotFound, null);
        }

        var item = ItemEntities.ToRecord(state);
        if (!LifecycleRules.MayActOn(new ItemState(id, kind, item.Item.LeadAgency, item.Status, item.LastEffectiveDate), actor))
        {
            return (EvidenceOutcome.Forbidden, null);
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (await FindAsync(kind, id, sha, cancellationToken) is { } existing)
        {
            return (EvidenceOutcome.AlreadyAttached, existing);
        }

        // The file first, then the chain entry: a file without an entry is invisible (and stored again by a retry); an entry never cites a missing file.
        if (!_containerExists)
        {
            await EnsureCreatedAsync(cancellationToken);
            _containerExists = true;
        }

        var blob = _container.GetBlobClient(EvidenceListing.BlobName(id, sha));
        try
        {
            await blob.UploadAsync(
                new BinaryData(content),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = mediaType, ContentHash = MD5.HashData(content) },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Uploaded already by an attempt that did not get to record it: the same bytes (the name is their hash).
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = StoredValues.Instant(_time.GetUtcNow());
            var current = ItemEntities.ToRecord(state);
            var note = $"evidence: {fileName ?? sha[..12]} ({mediaType}, {content.Length} bytes)";

            // An evidence entry keeps the status: it only cites the file.
            var entry = HistoryChain.Append(
                id, ItemEntities.HeadOf(state), current.Status, new TransitionRequest(current.Status, ShanghaiClock.Today(now), note, EvidenceReference.Of(sha)), now, actor.Id);
            var seq = entry.Seq;
            var head = new TableEntity(state.PartitionKey, state.RowKey) { [ItemColumns.LastSeq] = seq, [ItemColumns.LastHash] = entry.Hash };
            try
            {
                await _tables.Items.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.UpdateMerge, head, state.ETag),
                        new TableTransactionAction(TableTransactionActionType.Add, HistoryEntities.ToEntity(id, entry)),
                    ],
                    cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // A status change or another file was recorded first: append after it.
                state = await ReadStateAsync(kind, id, cancellationToken) ?? throw new InvalidOperationException($"{id} disappeared.");
                continue;
            }

            var metadata = new Dictionary<string, string>
            {
                [EvidenceListing.ShaKey] = sha,
                [EvidenceListing.ByKey] = actor.Id,
                [EvidenceListing.SeqKey] = seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (fileName is not null)
            {
                metadata[EvidenceListing.NameKey] = Uri.EscapeDataString(fileName);
            }

            // The listing reads the metadata; the chain entry is the record (a missing metadata write only hides the name).
            await blob.SetMetadataAsync(metadata, cancellationToken: CancellationToken.None);
            return (EvidenceOutcome.Attached, new EvidenceFile(sha, mediaType, content.Length, fileName, now, actor.Id, seq));
        }
    }

    /// <summary>The files recorded in an item's history.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The files in upload order, or <see langword="null"/> when there is no such item.</returns>
    public async Task<IReadOnlyList<EvidenceFile>?> ListAsync(ItemKind kind, string id, CancellationToken cancellationToken)
    {
        if (await ReadStateAsync(kind, id, cancellationToken) is null)
        {
            return null;
        }

        var files = new List<EvidenceFile>();
        try
        {
            await _listing.CollectAsync(id, files, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No file was ever uploaded: the container does not exist yet.
        }

        return [.. files.OrderBy(f => f.Seq)];
    }

    /// <summary>One file's content as stored.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <param name="sha256">The file's hash.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The bytes and media type, or <see langword="null"/> when the item has no such file.</returns>
    public async Task<(byte[] Content, string MediaType, string? FileName)?> DownloadAsync(ItemKind kind, string id, string sha256, CancellationToken cancellationToken)
    {
        if (!EvidenceReference.IsHash(sha256) || await ReadStateAsync(kind, id, cancellationToken) is null)
        {
            return null;
        }

        try
        {
            var result = await _container.GetBlobClient(EvidenceListing.BlobName(id, sha256)).DownloadContentAsync(cancellationToken);
            var details = result.Value.Details;
            return (result.Value.Content.ToArray(), details.ContentType ?? "application/octet-stream",
                details.Metadata.TryGetValue(EvidenceListing.NameKey, out var name) ? Uri.UnescapeDataString(name) : null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Whether an item has a file with this hash.</summary>
    /// <param name="id">Item id.</param>
    /// <param name="sha256">The hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the file is stored.</returns>
    public async Task<bool> ExistsAsync(string id, string sha256, CancellationToken cancellationToken) =>
        EvidenceReference.IsHash(sha256) && (await _container.GetBlobClient(EvidenceListing.BlobName(id, sha256)).ExistsAsync(cancellationToken)).Value;

    /// <summary>
    /// Checks every file the history cites: each must be stored and its content must still hash to what the chain recorded.
    /// </summary>
    /// <param name="id">Item id.</param>
    /// <param name="entries">The item's history.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Valid, or the first entry whose file is missing or was replaced.</returns>
    public async Task<ChainVerification> VerifyAsync(string id, IReadOnlyList<TransitionRecord> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            if (!EvidenceReference.TryParse(entry.EvidenceUrl, out var sha))
            {
                continue;
            }

            byte[] content;
            try
            {
                content = (await _container.GetBlobClient(EvidenceListing.BlobName(id, sha)).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return new ChainVerification(false, entry.Seq, $"Entry {entry.Seq} cites evidence {sha}, which is not stored.");
            }

            if (Convert.ToHexStringLower(SHA256.HashData(content)) != sha)
            {
                return new ChainVerification(false, entry.Seq, $"The evidence file of entry {entry.Seq} was replaced: its content no longer has the hash the chain recorded.");
            }
        }

        return new ChainVerification(true, null, null);
    }

    private async Task<EvidenceFile?> FindAsync(ItemKind kind, string id, string sha, CancellationToken cancellationToken) =>
        (await ListAsync(kind, id, cancellationToken))?.FirstOrDefault(f => f.Sha256 == sha);

    private async Task<TableEntity?> ReadStateAsync(ItemKind kind, string id, CancellationToken cancellationToken)
    {
        if (!ItemKeys.IsUsableId(id))
        {
            return null;
        }

        var response = await _tables.Items.GetEntityIfExistsAsync<TableEntity>(id, ItemColumns.StateRowKey(id), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity && ItemEntities.KindOf(entity) == kind ? entity : null;
    }
}
