using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage;

/// <summary>Catalogue metadata: agencies and programmes (kept in catalogue order), and when they were last saved.</summary>
public sealed class CatalogueRepository
{
    private const int MaxBatch = 100;
    private const string AgencyPartition = "agency";
    private const string ProgrammePartition = "programme";
    private const string InfoPartition = "info";
    private const string InfoRow = "catalogue";

    private readonly TwoZonesTables _tables;
    private readonly TimeProvider _time;

    /// <summary>Creates the repository.</summary>
    /// <param name="tables">The app's tables.</param>
    /// <param name="time">Clock for the saved-at stamp.</param>
    public CatalogueRepository(TwoZonesTables tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _tables = tables;
        _time = time;
    }

    /// <summary>Creates the repository with the system clock.</summary>
    /// <param name="tables">The app's tables.</param>
    public CatalogueRepository(TwoZonesTables tables)
        : this(tables, TimeProvider.System)
    {
    }

    private TableClient Table => _tables.Catalogue;

    /// <summary>Inserts or replaces agencies and programmes (entries not in the lists are kept), remembering the lists' order.</summary>
    /// <param name="agencies">Agencies in catalogue order.</param>
    /// <param name="programmes">Programmes in catalogue order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when everything is stored.</returns>
    public async Task SaveMetadataAsync(IReadOnlyList<Agency> agencies, IReadOnlyList<Programme> programmes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        ArgumentNullException.ThrowIfNull(programmes);
        var bad = agencies.Select(a => a.Id).Concat(programmes.Select(p => p.Id)).FirstOrDefault(id => !ItemKeys.IsUsableId(id));
        if (bad is not null)
        {
            throw new ArgumentException($"Id '{bad}' cannot be stored.", nameof(agencies));
        }

        var agencyRows = agencies.Select((a, i) => new TableEntity(AgencyPartition, a.Id)
        {
            ["NameEn"] = a.NameEn,
            ["NameZh"] = a.NameZh,
            ["Order"] = i,
        });
        var programmeRows = programmes.Select((p, i) => new TableEntity(ProgrammePartition, p.Id)
        {
            ["NameEn"] = p.NameEn,
            ["NameZh"] = p.NameZh,
            ["LeadAgency"] = p.LeadAgency,
            ["Order"] = i,
        });
        await UpsertAsync(agencyRows, cancellationToken);
        await UpsertAsync(programmeRows, cancellationToken);
        await Table.UpsertEntityAsync(
            new TableEntity(InfoPartition, InfoRow)
            {
                ["Agencies"] = agencies.Count,
                ["Programmes"] = programmes.Count,
                ["SavedAt"] = StoredValues.Instant(_time.GetUtcNow()),
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>All programmes, in catalogue order.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The programmes; empty before the first import.</returns>
    public async Task<IReadOnlyList<Programme>> GetProgrammesAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadPartitionAsync(ProgrammePartition, cancellationToken);
        return rows.Select(ToProgramme).ToList();
    }

    /// <summary>All agencies, in catalogue order.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agencies; empty before the first import.</returns>
    public async Task<IReadOnlyList<Agency>> GetAgenciesAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadPartitionAsync(AgencyPartition, cancellationToken);
        return rows.Select(r => new Agency(r.RowKey, r.GetString("NameEn") ?? string.Empty, r.GetString("NameZh") ?? string.Empty)).ToList();
    }

    /// <summary>One programme.</summary>
    /// <param name="id">Programme id, e.g. <c>P03</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The programme, or <see langword="null"/> when there is none with that id.</returns>
    public async Task<Programme?> GetProgrammeAsync(string id, CancellationToken cancellationToken)
    {
        if (!ItemKeys.IsUsableId(id))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(ProgrammePartition, id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? ToProgramme(entity) : null;
    }

    /// <summary>When agencies and programmes were last saved.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instant, or <see langword="null"/> when no catalogue was ever saved.</returns>
    public async Task<DateTimeOffset?> GetSavedAtAsync(CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(InfoPartition, InfoRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? entity.GetDateTimeOffset("SavedAt") : null;
    }

    private static Programme ToProgramme(TableEntity row) => new(
        row.RowKey,
        row.GetString("NameEn") ?? string.Empty,
        row.GetString("NameZh") ?? string.Empty,
        row.GetString("LeadAgency") ?? string.Empty);

    private async Task<List<TableEntity>> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows.OrderBy(r => r.GetInt32("Order") ?? int.MaxValue).ThenBy(r => r.RowKey, StringComparer.Ordinal).ToList();
    }

    private async Task UpsertAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        // A transaction may not touch one row twice: the last entry with an id wins, as it would in sequential upserts.
        var unique = rows.GroupBy(r => r.RowKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        foreach (var chunk in unique.Chunk(MaxBatch))
        {
            await Table.SubmitTransactionAsync(
                chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }
    }
}
