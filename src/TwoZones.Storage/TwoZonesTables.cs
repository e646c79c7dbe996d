using Azure.Data.Tables;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage;

/// <summary>
/// The app's Azure tables: items (state, history and idempotency rows of each item share its partition),
/// catalogue metadata, progress snapshots and seals.
/// </summary>
public sealed class TwoZonesTables
{
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
        Items = service.GetTableClient(tablePrefix + "Items");
        Catalogue = service.GetTableClient(tablePrefix + "Catalogue");
        Snapshots = service.GetTableClient(tablePrefix + "ProgressSnapshots");
        Seals = service.GetTableClient(tablePrefix + "Seals");
    }

    /// <summary>The storage account's table service.</summary>
    public TableServiceClient Service { get; }

    /// <summary>Items: partition = item id; rows <c>state|id</c>, <c>h-000001|id</c>…, <c>idem-…</c>.</summary>
    public TableClient Items { get; }

    /// <summary>Catalogue metadata: agencies, programmes and the catalogue info row.</summary>
    public TableClient Catalogue { get; }

    /// <summary>Progress snapshots, newest first.</summary>
    public TableClient Snapshots { get; }

    /// <summary>Seals of the history (append-only) and the chain heads each one commits to.</summary>
    public TableClient Seals { get; }

    /// <summary>Creates the tables that do not exist yet and moves items stored under the first row-key layout; safe to call at every start.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task that completes when every table exists and every item has the current layout.</returns>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Items.CreateIfNotExistsAsync(cancellationToken);
        await Catalogue.CreateIfNotExistsAsync(cancellationToken);
        await Snapshots.CreateIfNotExistsAsync(cancellationToken);
        await Seals.CreateIfNotExistsAsync(cancellationToken);
        await ItemKeyMigration.RunAsync(Items, cancellationToken);
    }

    /// <summary>Makes one cheap read to prove storage answers (for health checks).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that fails, typically with an exception <see cref="StorageFailure.IsUnavailable"/> recognises, when storage cannot be reached.</returns>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        // A point read (of a row that does not exist): a query would make the storage emulator scan the table.
        await Items.GetEntityIfExistsAsync<TableEntity>("health", "ping", select: ["PartitionKey"], cancellationToken: cancellationToken);
    }
}
