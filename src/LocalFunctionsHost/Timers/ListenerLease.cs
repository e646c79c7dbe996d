using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using LocalFunctionsHost.Cli;

namespace LocalFunctionsHost.Timers;

/// <summary>
/// The singleton lock the Functions host takes for each timer listener: a lease on blob
/// <c>locks/{hostId}/Host.Functions.{name}.Listener</c> in <c>azure-webjobs-hosts</c>, so that of several hosts sharing one
/// storage account and host id exactly one runs a timer. 15 s leases (the development period), renewed every 5 s; a host that
/// cannot take it tries again every 5 s, so a dead holder's timers move on within about 20 s.
/// </summary>
internal sealed class ListenerLease : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);

    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _lost;
    private readonly Task _renewing;

    private ListenerLease(BlobLeaseClient lease, CancellationToken stopping, ConsoleLog log, string name)
    {
        _lease = lease;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _renewing = RenewAsync(log, name);
    }

    /// <summary>Cancelled when the lease is lost or the host stops.</summary>
    public CancellationToken Held => _lost.Token;

    public static async Task<ListenerLease> AcquireAsync(BlobContainerClient container, string hostId, string timerName, ConsoleLog log, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient($"locks/{hostId}/{timerName}.Listener");
        var lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
        var waiting = false;
        while (true)
        {
            try
            {
                await EnsureExistsAsync(blob, cancellationToken);
                await lease.AcquireAsync(Period, cancellationToken: cancellationToken);
                if (waiting)
                {
                    log.Detail($"Took the listener lock of '{timerName}'.");
                }

                return new ListenerLease(lease, cancellationToken, log, timerName);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                if (!waiting)
                {
                    log.Detail($"Another host holds the listener lock of '{timerName}'; waiting for it.");
                    waiting = true;
                }
            }
            catch (RequestFailedException e)
            {
                log.Warn($"Could not take the listener lock of '{timerName}': {e.Message.Split('\n')[0]}");
            }

            await Task.Delay(Renewal, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lost.CancelAsync();
        await _renewing;
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (RequestFailedException)
        {
            // Expired or taken already: nothing to give back.
        }

        _lost.Dispose();
    }

    private static async Task EnsureExistsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.FromString(""), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // It exists (possibly leased by another host).
        }
    }

    private async Task RenewAsync(ConsoleLog log, string name)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Renewal, _lost.Token);
                await _lease.RenewAsync(cancellationToken: _lost.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (RequestFailedException e)
        {
            log.Warn($"Lost the listener lock of '{name}': {e.Message.Split('\n')[0]}");
            await _lost.CancelAsync();
        }
    }
}
