using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace TwoZones.Storage.Uploads;

/// <summary>
/// Keeps uploaded files (catalogues) in a table until a workflow has processed them: gzip-compressed, cut into binary properties of at
/// most 60 KB (the service's limit is 64 KiB per property), a few per row; a head row written last commits the upload, so a half-written
/// upload is never read. Saving the same content under the same id again is harmless.
/// </summary>
public sealed class UploadRepository
{
    private const int PropertyBytes = 60_000;
    private const int PropertiesPerRow = 8;
    private const string HeadRowKey = "head";

    private readonly TableClient _table;

    /// <summary>Creates the repository; no network call is made until it is used.</summary>
    /// <param name="tables">The app's tables.</param>
    public UploadRepository(TwoZonesTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Uploads;
    }

    /// <summary>Stores <paramref name="content"/> under <paramref name="uploadId"/>, replacing what was there.</summary>
    /// <param name="uploadId">Letters, digits and dashes, e.g. a content hash.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the upload is committed.</returns>
    public async Task SaveAsync(string uploadId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        CheckId(uploadId);
        var compressed = Compress(content.Span);
        var rowBytes = PropertyBytes * PropertiesPerRow;
        var rows = Math.Max(1, (compressed.Length + rowBytes - 1) / rowBytes);
        for (var row = 0; row < rows; row++)
        {
            var entity = new TableEntity(uploadId, ChunkKey(row));
            for (var part = 0; part < PropertiesPerRow; part++)
            {
                var offset = (row * rowBytes) + (part * PropertyBytes);
                if (offset >= compressed.Length)
                {
                    break;
                }

                entity["D" + part.ToString("00", CultureInfo.InvariantCulture)] = compressed.AsSpan(offset, Math.Min(PropertyBytes, compressed.Length - offset)).ToArray();
            }

            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }

        var head = new TableEntity(uploadId, HeadRowKey)
        {
            ["Rows"] = rows,
            ["CompressedLength"] = compressed.Length,
            ["Length"] = (long)content.Length,
            ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(content.Span)),
        };
        await _table.UpsertEntityAsync(head, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Reads an upload back.</summary>
    /// <param name="uploadId">The id it was saved under.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bytes as saved, or <see langword="null"/> when no committed upload has that id.</returns>
    /// <exception cref="InvalidDataException">The stored rows do not add up to the content the head row describes.</exception>
    public async Task<byte[]?> LoadAsync(string uploadId, CancellationToken cancellationToken)
    {
        CheckId(uploadId);
        TableEntity head;
        try
        {
            head = (await _table.GetEntityAsync<TableEntity>(uploadId, HeadRowKey, cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        var rows = head.GetInt32("Rows") ?? 0;
        var compressedLength = head.GetInt32("CompressedLength") ?? 0;
        var compressed = new byte[compressedLength];
        var written = 0;
        for (var row = 0; row < rows; row++)
        {
            var entity = (await _table.GetEntityAsync<TableEntity>(uploadId, ChunkKey(row), cancellationToken: cancellationToken)).Value;
            for (var part = 0; part < PropertiesPerRow; part++)
            {
                if (entity.GetBinary("D" + part.ToString("00", CultureInfo.InvariantCulture)) is not { } bytes)
                {
                    break;
                }

                if (written + bytes.Length > compressed.Length)
                {
                    throw new InvalidDataException($"Upload {uploadId} has more data than its head row records.");
                }

                bytes.CopyTo(compressed, written);
                written += bytes.Length;
            }
        }

        if (written != compressedLength)
        {
            throw new InvalidDataException($"Upload {uploadId} is incomplete: {written} of {compressedLength} bytes.");
        }

        var content = Decompress(compressed);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), head.GetString("Sha256"), StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Upload {uploadId} does not match its recorded hash.");
        }

        return content;
    }

    private static string ChunkKey(int row) => "c-" + row.ToString("00000", CultureInfo.InvariantCulture);

    private static void CheckId(string uploadId)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        if (uploadId.Length > 128 || uploadId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw new ArgumentException("An upload id has only ASCII letters, digits and dashes.", nameof(uploadId));
        }
    }

    private static byte[] Compress(ReadOnlySpan<byte> content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var input = new MemoryStream(compressed);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
