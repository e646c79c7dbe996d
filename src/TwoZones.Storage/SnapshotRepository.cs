using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using TwoZones.Core.Digest;
using TwoZones.Core.Progress;

namespace TwoZones.Storage;

/// <summary>
/// Progress snapshots for trends and week-over-week deltas: one row per report in a single partition, keyed by inverted ticks so the
/// newest sorts first. Each row keeps overall, per-programme, per-agency and per-kind counts.
/// </summary>
public sealed class SnapshotRepository
{
    private const string Partition = "snapshots";

    private readonly TwoZonesTables _tables;

    /// <summary>Creates the repository.</summary>
    /// <param name="tables">The app's tables.</param>
    public SnapshotRepository(TwoZonesTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
    }

    private TableClient Table => _tables.Snapshots;

    /// <summary>Stores the numbers of a report (a second report with the same <see cref="ProgressReport.AsOf"/> replaces the first).</summary>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the snapshot is stored.</returns>
    public async Task SaveAsync(ProgressReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var entity = new TableEntity(Partition, RowKey(report.AsOf))
        {
            ["AsOf"] = report.AsOf.ToUniversalTime(),
            ["Overall"] = JsonSerializer.Serialize(Counts(report.Overall)),
            ["Programmes"] = JsonSerializer.Serialize(report.Programmes.ToDictionary(p => p.Id, p => Counts(p.Counts), StringComparer.Ordinal)),
            ["Agencies"] = JsonSerializer.Serialize(report.Agencies.ToDictionary(a => a.Id, a => Counts(a.Counts), StringComparer.Ordinal)),
            ["Kinds"] = JsonSerializer.Serialize(report.Kinds.ToDictionary(k => k.Kind.ToString(), k => Counts(k.Counts), StringComparer.Ordinal)),
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The newest snapshot.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot, or <see langword="null"/> when none is stored.</returns>
    public Task<ProgressSnapshot?> GetLatestAsync(CancellationToken cancellationToken) =>
        FirstAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken);

    /// <summary>The newest snapshot taken at or before an instant (the baseline for a week-over-week delta).</summary>
    /// <param name="instant">The latest acceptable <see cref="ProgressSnapshot.AsOf"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot, or <see langword="null"/> when none is that old.</returns>
    public Task<ProgressSnapshot?> GetLatestAtOrBeforeAsync(DateTimeOffset instant, CancellationToken cancellationToken) =>
        FirstAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {RowKey(instant)}"), cancellationToken);

    /// <summary>The snapshots taken in a period, oldest first (for trend charts).</summary>
    /// <param name="from">Earliest <see cref="ProgressSnapshot.AsOf"/>, inclusive.</param>
    /// <param name="to">Latest <see cref="ProgressSnapshot.AsOf"/>, inclusive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshots in the period, in chronological order.</returns>
    public async Task<IReadOnlyList<ProgressSnapshot>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {RowKey(to)} and RowKey le {RowKey(from)}");
        var snapshots = new List<ProgressSnapshot>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            snapshots.Add(ToSnapshot(row));
        }

        snapshots.Reverse();
        return snapshots;
    }

    private async Task<ProgressSnapshot?> FirstAsync(string filter, CancellationToken cancellationToken)
    {
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            if (page.Values.Count > 0)
            {
                return ToSnapshot(page.Values[0]);
            }
        }

        return null;
    }

    // Newest first: the row key falls as the instant rises, zero-padded so text order is numeric order.
    private static string RowKey(DateTimeOffset asOf) =>
        (DateTimeOffset.MaxValue.UtcTicks - asOf.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static int[] Counts(ProgressCounts counts) => [counts.Total, counts.Proposed, counts.Commenced, counts.Completed, counts.Overdue];

    private static ProgressCounts Counts(int[]? values) =>
        values is { Length: 5 } v ? new ProgressCounts(v[0], v[1], v[2], v[3], v[4]) : ProgressCounts.Empty;

    private static ProgressSnapshot ToSnapshot(TableEntity row)
    {
        var overall = Counts(JsonSerializer.Deserialize<int[]>(row.GetString("Overall") ?? "null"));
        var programmes = (JsonSerializer.Deserialize<Dictionary<string, int[]>>(row.GetString("Programmes") ?? "null") ?? [])
            .ToDictionary(p => p.Key, p => Counts(p.Value), StringComparer.Ordinal);
        var asOf = row.GetDateTimeOffset("AsOf") ?? new DateTimeOffset(DateTimeOffset.MaxValue.UtcTicks - long.Parse(row.RowKey, CultureInfo.InvariantCulture), TimeSpan.Zero);
        return new ProgressSnapshot(asOf.ToUniversalTime(), overall, programmes);
    }
}
