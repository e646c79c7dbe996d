using Azure.Data.Tables;

namespace TwoZones.Storage.Digests;

/// <summary>
/// Long texts kept in table rows: cut into chunks a property can hold (64 KiB at most) and grouped into transactions the service
/// accepts. Shared by stored digests and staged sections, which live in the same table.
/// </summary>
internal static class TextRows
{
    /// <summary>The most characters kept in one row (UTF-16, so at most 60 000 bytes).</summary>
    public const int ChunkLength = 30_000;

    /// <summary>The most rows the service takes in one transaction.</summary>
    public const int RowsPerTransaction = 50;

    /// <summary>The property that holds a row's chunk.</summary>
    public const string TextColumn = "Text";

    /// <summary>Cuts a text into chunks of at most <see cref="ChunkLength"/> characters, never inside a surrogate pair.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>At least one chunk (an empty text gives one empty chunk).</returns>
    public static List<string> Chunk(string text)
    {
        var chunks = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(ChunkLength, text.Length - start);

            // Never split a surrogate pair across rows.
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            chunks.Add(text.Substring(start, length));
            start += length;
        }

        if (chunks.Count == 0)
        {
            chunks.Add(string.Empty);
        }

        return chunks;
    }

    /// <summary>
    /// Groups rows into transactions the service accepts: at most <see cref="RowsPerTransaction"/> rows and well under the 4 MiB
    /// payload limit, counting each character at its worst JSON size (a <c>\uXXXX</c> escape).
    /// </summary>
    /// <param name="rows">Rows of one partition.</param>
    /// <returns>The batches, in the rows' order.</returns>
    public static List<List<TableEntity>> Batches(List<TableEntity> rows)
    {
        const long MaxPayloadBytes = 3_000_000;
        var batches = new List<List<TableEntity>>();
        var current = new List<TableEntity>();
        long bytes = 0;
        foreach (var row in rows)
        {
            var size = 1024L + (6L * (row.GetString(TextColumn)?.Length ?? 0));
            if (current.Count > 0 && (current.Count == RowsPerTransaction || bytes + size > MaxPayloadBytes))
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(row);
            bytes += size;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }

    /// <summary>Writes rows, upserting each, one transaction per batch in the order given.</summary>
    /// <param name="table">The table.</param>
    /// <param name="batches">Batches from <see cref="Batches"/>.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task that completes when every batch is written.</returns>
    public static async Task UpsertAsync(TableClient table, IEnumerable<List<TableEntity>> batches, CancellationToken cancellationToken)
    {
        foreach (var batch in batches)
        {
            var actions = batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }
}
