using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using TwoZones.Core.Time;

namespace TwoZones.Storage.Digests;

/// <summary>
/// The parts of a digest being built (e.g. one programme's figures), staged in the digest's partition so that the parts of a fan-out
/// reach the step that composes them through storage rather than through orchestration history. <see cref="DigestRepository"/>
/// removes them when it saves the digest.
/// </summary>
public sealed class DigestSectionStaging
{
    /// <summary>Row keys of staged sections start with this (the digest's own rows never do).</summary>
    internal const string SectionPrefix = "s-";

    private const string PartsColumn = "Parts";

    private readonly TwoZonesTables _tables;

    /// <summary>Creates the staging area; no network call is made until it is used.</summary>
    /// <param name="tables">The app's tables.</param>
    public DigestSectionStaging(TwoZonesTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
    }

    private TableClient Table => _tables.Digests;

    /// <summary>Stages one part of a digest being built, replacing a part staged under the same key.</summary>
    /// <param name="week">ISO week id.</param>
    /// <param name="runId">Identifies one build of the week's digest (letters and digits).</param>
    /// <param name="key">Identifies the part within the build (letters, digits and hyphens), e.g. a programme id.</param>
    /// <param name="text">The part, any length.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the part is stored.</returns>
    public async Task StageSectionAsync(string week, string runId, string key, string text, CancellationToken cancellationToken = default)
    {
        var id = IsoWeekId.Parse(week).ToString();
        RequireKeySafe(runId, allowHyphen: false);
        RequireKeySafe(key, allowHyphen: true);
        ArgumentNullException.ThrowIfNull(text);
        await _tables.EnsureExistsAsync(Table, cancellationToken).ConfigureAwait(false);

        var chunks = TextRows.Chunk(text);
        var rows = chunks.Select((chunk, i) => new TableEntity(id, SectionRowKey(runId, key, i)) { [TextRows.TextColumn] = chunk }).ToList();
        rows[0][PartsColumn] = chunks.Count;

        // The first row (with the part count) goes last, so a reader never trusts a count whose parts are not written.
        await TextRows.UpsertAsync(Table, TextRows.Batches(rows).AsEnumerable().Reverse(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The parts staged for one build of a week's digest.</summary>
    /// <param name="week">ISO week id.</param>
    /// <param name="runId">The build.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Each part's text by its key, in key order.</returns>
    public async Task<IReadOnlyDictionary<string, string>> ReadSectionsAsync(string week, string runId, CancellationToken cancellationToken = default)
    {
        var id = IsoWeekId.Parse(week).ToString();
        RequireKeySafe(runId, allowHyphen: false);
        await _tables.EnsureExistsAsync(Table, cancellationToken).ConfigureAwait(false);

        var prefix = SectionPrefix + runId + "-";
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {prefix} and RowKey lt {SectionPrefix + runId + "."}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows[row.RowKey] = row;
        }

        var sections = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var first in rows.Values.Where(r => r.GetInt32(PartsColumn) is not null))
        {
            var key = first.RowKey[prefix.Length..^5];
            var parts = first.GetInt32(PartsColumn)!.Value;
            var text = new StringBuilder();
            for (var i = 0; i < parts; i++)
            {
                text.Append(rows.TryGetValue(SectionRowKey(runId, key, i), out var row)
                    ? row.GetString(TextRows.TextColumn)
                    : throw new InvalidOperationException($"Staged part {key} of {id} misses chunk {i}."));
            }

            sections[key] = text.ToString();
        }

        return sections;
    }

    private static string SectionRowKey(string runId, string key, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{SectionPrefix}{runId}-{key}-{index:D4}");

    private static void RequireKeySafe(string value, bool allowHyphen)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.Length > 100 || value.Any(c => !char.IsAsciiLetterOrDigit(c) && !(allowHyphen && c == '-')))
        {
            throw new ArgumentException($"'{value}' cannot be used in a row key.", nameof(value));
        }
    }
}
