using Azure;
using Azure.Data.Tables;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Timer schedule status and leases in the <c>AzureWebJobsHostTimers</c> table: one row per function (PK = host id,
/// RK = function name). The lease (owner + expiry, taken and renewed with the row's ETag) lets one host at a time run a
/// function; <c>Last</c> lets a host skip an occurrence another host already ran.
/// </summary>
internal sealed class TimerScheduleStore(TableServiceClient tables, LocalHostOptions options, TimeProvider time)
{
    /// <summary>The table name.</summary>
    public const string TableName = "AzureWebJobsHostTimers";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>How long a lease lasts without renewal; a crashed host blocks the timer at most this long.</summary>
    public static TimeSpan LeaseDuration { get; } = TimeSpan.FromSeconds(15);

    /// <summary>Who this process is, in lease rows.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The stored status of <paramref name="function"/>, or null if it never ran.</summary>
    public async Task<TimerStatus?> ReadAsync(string function, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(options.HostId, function, cancellationToken: cancellationToken);
        return row.HasValue ? Status(row.Value!) : null;
    }

    /// <summary>
    /// Takes the lease to run <paramref name="occurrence"/> and records it as the occurrence in progress (so a crash during
    /// the run leaves it past due). No claim when another host holds the lease or already ran that occurrence.
    /// </summary>
    public async Task<TimerClaimAttempt> TryClaimAsync(string function, DateTime occurrence, CancellationToken cancellationToken)
    {
        var running = DateTime.SpecifyKind(occurrence, DateTimeKind.Utc);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = time.GetUtcNow();
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(options.HostId, function, cancellationToken: cancellationToken);
            var lease = new TableEntity(options.HostId, function) { ["LeaseOwner"] = Owner, ["LeaseExpires"] = now + LeaseDuration, ["Next"] = running };
            if (!row.HasValue)
            {
                try
                {
                    var added = await _table.AddEntityAsync(lease, cancellationToken);
                    return new TimerClaimAttempt(new TimerClaim(function, null, added.Headers.ETag!.Value), null);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    continue;
                }
            }

            var current = row.Value!;
            var owner = current.GetString("LeaseOwner");
            if (!string.IsNullOrEmpty(owner) && owner != Owner && current.GetDateTimeOffset("LeaseExpires") is { } expires && expires > now)
            {
                return new TimerClaimAttempt(null, expires);
            }

            var status = Status(current);
            if (status.Last is { } last && last >= occurrence)
            {
                return new TimerClaimAttempt(null, null);
            }

            try
            {
                var updated = await _table.UpdateEntityAsync(lease, current.ETag, TableUpdateMode.Merge, cancellationToken);
                return new TimerClaimAttempt(new TimerClaim(function, status, updated.Headers.ETag!.Value), null);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another host changed the row between our read and write: read again.
            }
        }

        return new TimerClaimAttempt(null, null);
    }

    /// <summary>Extends the lease; false when it was lost.</summary>
    public async Task<bool> RenewAsync(TimerClaim claim, CancellationToken cancellationToken)
    {
        var lease = new TableEntity(options.HostId, claim.Function) { ["LeaseOwner"] = Owner, ["LeaseExpires"] = time.GetUtcNow() + LeaseDuration };
        try
        {
            var updated = await _table.UpdateEntityAsync(lease, claim.ETag, TableUpdateMode.Merge, cancellationToken);
            claim.ETag = updated.Headers.ETag!.Value;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Records that <paramref name="occurrence"/> ran, stores the next one and releases the lease.</summary>
    public async Task CompleteAsync(TimerClaim claim, DateTime occurrence, DateTime next, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = new TableEntity(options.HostId, claim.Function)
        {
            ["Last"] = DateTime.SpecifyKind(occurrence, DateTimeKind.Utc),
            ["Next"] = DateTime.SpecifyKind(next, DateTimeKind.Utc),
            ["LastUpdated"] = now.UtcDateTime,
            ["LeaseOwner"] = string.Empty,
            ["LeaseExpires"] = now,
        };
        try
        {
            await _table.UpdateEntityAsync(row, claim.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // The lease was lost while running; the host that took it records its own run.
        }
    }

    private static TimerStatus Status(TableEntity row) => new(
        row.GetDateTime("Last") is { } last ? DateTime.SpecifyKind(last, DateTimeKind.Utc) : null,
        row.GetDateTime("Next") is { } next ? DateTime.SpecifyKind(next, DateTimeKind.Utc) : null,
        row.GetDateTime("LastUpdated") is { } updated ? DateTime.SpecifyKind(updated, DateTimeKind.Utc) : null);
}
