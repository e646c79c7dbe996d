using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using TwoZones.Core.History;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage.Evidence;

/// <summary>
/// Lists an item's evidence files from their blobs' metadata, which an upload writes after the file's chain entry. The chain is the
/// record: a blob without the metadata is looked up in the item's history, listed if the chain cites it, and given its metadata back.
/// </summary>
/// <param name="tables">The app's tables (the items table holds the chain).</param>
/// <param name="container">The evidence container.</param>
internal sealed class EvidenceListing(TwoZonesTables tables, BlobContainerClient container)
{
    /// <summary>Metadata: the file's SHA-256.</summary>
    public const string ShaKey = "sha256";

    /// <summary>Metadata: the uploader's file name, URI-escaped.</summary>
    public const string NameKey = "filename";

    /// <summary>Metadata: who uploaded it.</summary>
    public const string ByKey = "uploadedby";

    /// <summary>Metadata: the seq of the chain entry that records it.</summary>
    public const string SeqKey = "seq";

    /// <summary>The blob of an item's file: <c>{item}/{sha256}</c>.</summary>
    public static string BlobName(string id, string sha) => id + "/" + sha;

    /// <summary>Adds the item's recorded files to <paramref name="files"/>, in no particular order.</summary>
    /// <exception cref="RequestFailedException">404 when the container does not exist yet.</exception>
    public async Task CollectAsync(string id, List<EvidenceFile> files, CancellationToken cancellationToken)
    {
        var unlisted = new List<BlobItem>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, id + "/", cancellationToken))
        {
            var sha = blob.Name[(id.Length + 1)..];
            if (!EvidenceReference.IsHash(sha))
            {
                continue;
            }

            if (!blob.Metadata.TryGetValue(SeqKey, out var seqText) || !int.TryParse(seqText, out var seq))
            {
                unlisted.Add(blob);
                continue;
            }

            files.Add(ToFile(blob, sha, seq, blob.Metadata.TryGetValue(ByKey, out var by) ? by : string.Empty));
        }

        if (unlisted.Count > 0)
        {
            await CollectUnlistedAsync(id, unlisted, files, cancellationToken);
        }
    }

    // A file without the listing's metadata was either never recorded (an upload that died before its chain entry: invisible,
    // and stored again by a retry) or recorded by an upload that died between the chain entry and the metadata write.
    private async Task CollectUnlistedAsync(string id, List<BlobItem> unlisted, List<EvidenceFile> files, CancellationToken cancellationToken)
    {
        var cited = new Dictionary<string, TransitionRecord>(StringComparer.Ordinal);
        await foreach (var row in tables.Items.QueryAsync<TableEntity>(ItemColumns.HistoryRowsFilter(id), cancellationToken: cancellationToken))
        {
            if (HistoryEntities.FromEntity(row) is { } entry && EvidenceReference.TryParse(entry.EvidenceUrl, out var citedSha))
            {
                cited.TryAdd(citedSha, entry);
            }
        }

        foreach (var blob in unlisted)
        {
            var sha = blob.Name[(id.Length + 1)..];
            if (!cited.TryGetValue(sha, out var entry))
            {
                continue;
            }

            files.Add(ToFile(blob, sha, entry.Seq, entry.Actor));
            var metadata = new Dictionary<string, string>(blob.Metadata, StringComparer.Ordinal)
            {
                [ShaKey] = sha,
                [ByKey] = entry.Actor,
                [SeqKey] = entry.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            try
            {
                await container.GetBlobClient(blob.Name).SetMetadataAsync(metadata, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException)
            {
                // Only the listing's shortcut: the next listing asks the chain again.
            }
        }
    }

    private static EvidenceFile ToFile(BlobItem blob, string sha, int seq, string uploadedBy) => new(
        sha,
        blob.Properties.ContentType ?? "application/octet-stream",
        blob.Properties.ContentLength ?? 0,
        blob.Metadata.TryGetValue(NameKey, out var name) ? Uri.UnescapeDataString(name) : null,
        blob.Properties.CreatedOn ?? DateTimeOffset.MinValue,
        uploadedBy,
        seq);
}
