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
/// cannot take it tries again every 5 s, so a dead holder's timers move on within about 20 s. A lease alone does not make a
/// timer run once: a holder stalled past the period (a busy machine, a stopped process) has lost it before it can notice,
/// so <see cref="TimerTrigger"/> also claims each occurrence on the status blob. This class only makes the loss known as
/// early as it can: <see cref="Held"/> is cancelled once the last successful renewal is a period old, renewal or not.
/// </summary>
internal sealed class ListenerLease : IAsyncDisposable
{
    /// <summary>How long a lease lasts unless renewed; also how long a claim on an occurrence is honoured unrefreshed.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);

    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _lost;
    private readonly CancellationToken _stopping;
    private readonly Task _renewing;
    private long _expiresAt;
    private volatile bool _disposing;

    private ListenerLease(BlobLeaseClient lease, long requestedAt, CancellationToken stopping, ConsoleLog log, string name)
    {
        _lease = lease;
        _stopping = stopping;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Extend(requestedAt);
        _renewing = RenewAsync(log, name);
    }

    /// <summary>Cancelled when the lease is lost, may have expired, or the host stops.</summary>
    public CancellationToken Held => _lost.Token;

    /// <summary>
    /// Whether the lease is still ours as far as this process can tell. Checked right before acting, because after a stall the
    /// timer that cancels <see cref="Held"/> and the wait that ends may run in either order.
    /// </summary>
    public bool IsCurrent => !_lost.IsCancellationRequested && Environment.TickCount64 < Interlocked.Read(ref _expiresAt);

    /// <summary>Takes the listener lock of a timer, waiting (retrying every 5 s) while another host holds it.</summary>
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
                var requestedAt = Environment.TickCount64;
                await lease.AcquireAsync(Period, cancellationToken: cancellationToken);
                if (waiting)
                {
                    log.Detail($"Took the listener lock of '{timerName}'.");
                }

                return new ListenerLease(lease, requestedAt, cancellationToken, log, timerName);
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

    /// <summary>Stops renewing and gives the lease back (best effort).</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        await _lost.CancelAsync();
        await _renewing;
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Expired, taken already, or storage is away: the lease runs out by itself.
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

    // The lease counts from when the request left, not when the answer came back; the margin covers clock granularity.
    private void Extend(long requestedAt)
    {
        var expiresAt = requestedAt + (long)(Period - TimeSpan.FromSeconds(1)).TotalMilliseconds;
        Interlocked.Exchange(ref _expiresAt, expiresAt);
        try
        {
            _lost.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(0, expiresAt - Environment.TickCount64)));
        }
        catch (ObjectDisposedException)
        {
            // Disposed while a renewal was answered: nothing left to cancel.
        }
    }

    private async Task RenewAsync(ConsoleLog log, string name)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Renewal, _lost.Token);
                var requestedAt = Environment.TickCount64;
                await _lease.RenewAsync(cancellationToken: _lost.Token);
                Extend(requestedAt);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (OperationCanceledException)
        {
            if (!_disposing)
            {
                log.Warn($"Gave up the listener lock of '{name}': it was not renewed within {Period.TotalSeconds:0} s.");
            }
        }
        catch (Exception e)
        {
            // Any failure (taken by another host, storage unreachable) means this host can no longer be sure it holds it.
            log.Warn($"Lost the listener lock of '{name}': {e.Message.Split('\n')[0]}");
            await _lost.CancelAsync();
        }
    }
}
