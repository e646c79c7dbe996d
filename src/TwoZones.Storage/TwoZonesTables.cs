using System.Collections.Concurrent;
using Azure.Data.Tables;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage;

/// <summary>
/// The app's Azure tables, and the one place that names them, applies the prefix and creates them: items (state, history and
/// idempotency rows of each item share its partition), catalogue metadata, progress snapshots, seals, indicators, digests and uploads.
/// Every repository takes this object.
/// </summary>
public sealed class TwoZonesTables
{
    private readonly ConcurrentDictionary<string, bool> _created = new(StringComparer.Ordinal);

    /// <summary>Creates the table clients; no network call is made until a table is used.</summary>
    /// <param name="service">Client of the storage account (Azure or Azurite).</param>
    /// <param name="tablePrefix">Prepended to every table name so several deployments or tests can share an account; letters and digits only.</param>
    public TwoZonesTables(TableServiceClient service, string tablePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        if (tablePrefix.Any(c => !char.IsAsciiLetterOrDigit(c)) || (tablePrefix.Length > 0 && !char.IsAsciiLetter(tablePrefix[0])))
        {
            throw new ArgumentException("A table prefix must start with a letter and contain only ASCII letters and digits.", nameof(tablePrefix));
        }

        Service = service;
        Prefix = tablePrefix;
        Items = service.GetTableClient(tablePrefix + "Items");
        Catalogue = service.GetTableClient(tablePrefix + "Catalogue");
        Snapshots = service.GetTableClient(tablePrefix + "ProgressSnapshots");
        Seals = service.GetTableClient(tablePrefix + "Seals");
        Indicators = service.GetTableClient(tablePrefix + "Indicators");
        Digests = service.GetTableClient(tablePrefix + "Digests");
        Uploads = service.GetTableClient(tablePrefix + "Uploads");
    }

    /// <summary>The storage account's table service.</summary>
    public TableServiceClient Service { get; }

    /// <summary>The prefix of every table name (empty for none).</summary>
    public string Prefix { get; }

    /// <summary>Items: partition = item id; rows <c>state|id</c>, <c>h-000001|id</c>…, <c>idem-…</c>.</summary>
    public TableClient Items { get; }

    /// <summary>Catalogue metadata: agencies, programmes and the catalogue info row.</summary>
    public TableClient Catalogue { get; }

    /// <summary>Progress snapshots, newest first.</summary>
    public TableClient Snapshots { get; }

    /// <summary>Seals of the history (append-only) and the chain heads each one commits to.</summary>
    public TableClient Seals { get; }

    /// <summary>Indicators: partition = indicator id; a state row and the hash-chained actuals.</summary>
    public TableClient Indicators { get; }

    /// <summary>Weekly digests: partition = ISO week; a head row, content rows and the sections staged while one is built.</summary>
    public TableClient Digests { get; }

    /// <summary>Uploaded files waiting for a workflow: partition = upload id.</summary>
    public TableClient Uploads { get; }

    /// <summary>Creates the tables that do not exist yet and moves items stored under the first row-key layout; safe to call at every start.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task that completes when every table exists and every item has the current layout.</returns>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { Items, Catalogue, Snapshots, Seals, Indicators, Digests, Uploads })
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created[table.Name] = true;
        }

        await ItemKeyMigration.RunAsync(Items, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes one cheap read to prove storage answers (for health checks).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that fails, typically with an exception <see cref="StorageFailure.IsUnavailable"/> recognises, when storage cannot be reached.</returns>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        // A point read (of a row that does not exist): a query would make the storage emulator scan the table.
        await Items.GetEntityIfExistsAsync<TableEntity>("health", "ping", select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates one table on its first use by this process unless <see cref="EnsureCreatedAsync"/> already did: for the tables a
    /// workflow may write before the start-up step has run (or when a tool uses a repository without it).
    /// </summary>
    /// <param name="table">One of this object's tables.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the table exists.</returns>
    internal async ValueTask EnsureExistsAsync(TableClient table, CancellationToken cancellationToken)
    {
        if (_created.ContainsKey(table.Name))
        {
            return;
        }

        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        _created[table.Name] = true;
    }
}
