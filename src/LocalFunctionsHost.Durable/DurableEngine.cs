using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace LocalFunctionsHost.Durable;

/// <summary>
/// The engine's dispatchers on their own instance of the Azure Storage provider, replaceable whole. The provider keeps leases,
/// prefetched messages and their throttle in memory; after a storage outage that state can stop every control queue from being
/// read while the leases stay held (observed here: hundreds of messages waiting, all four leases owned, nothing dequeued).
/// A new provider instance starts from what storage holds, which is the only state that matters.
/// </summary>
internal sealed class DurableEngine(
    Func<AzureStorageOrchestrationService> createService,
    WorkerDispatchMiddleware middleware,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggerFactory.CreateLogger("LocalFunctionsHost.Durable");
    private TaskHubWorker? _worker;
    private bool _stopped;

    /// <summary>How long a replaced engine may take to let go of its work and leases before the new one starts anyway.</summary>
    internal static TimeSpan StopWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many times the engine has been replaced since the host started.</summary>
    public int Restarts { get; private set; }

    public async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            _worker ??= await StartWorkerAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops the current engine without waiting for its episodes (they finish or are delivered again: the engine is
    /// at-least-once and its writes are guarded by ETags) and starts a new one, retrying until storage lets it.
    /// </summary>
    public async Task RestartAsync(string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_stopped || _worker is null)
            {
                return;
            }

            var old = _worker;
            _worker = null;
            try
            {
                await old.StopAsync(isForced: true).WaitAsync(StopWait, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("Durable engine: the old engine did not stop cleanly ({Error}); starting the new one anyway", e.Message.Split('\n')[0]);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    _worker = await StartWorkerAsync();
                    break;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning("Durable engine: start attempt {Attempt} failed ({Error}); trying again in 5 s", attempt, e.Message.Split('\n')[0]);
                    await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                }
            }

            Restarts++;
            _logger.LogWarning("Durable engine restarted: {Reason}", reason);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops gracefully: running episodes and activities complete, then the provider releases its leases.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _stopped = true;
            if (_worker is not null)
            {
                await _worker.StopAsync(isForced: false);
                _worker.Dispose();
                _worker = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _gate.Dispose();
    }

    private async Task<TaskHubWorker> StartWorkerAsync()
    {
        // The worker's start starts the provider, which creates the hub if missing.
        var worker = new TaskHubWorker(createService(), loggerFactory);
        worker.AddOrchestrationDispatcherMiddleware(middleware.RunOrchestratorAsync);
        worker.AddActivityDispatcherMiddleware(middleware.RunActivityAsync);
        await worker.StartAsync();
        return worker;
    }
}
