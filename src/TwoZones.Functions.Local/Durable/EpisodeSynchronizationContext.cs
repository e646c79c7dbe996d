using System.Collections.Concurrent;

namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// Runs an orchestrator's continuations one at a time on the episode's thread: posted work waits in a queue until
/// <see cref="Drain"/>. When the queue is empty and the orchestrator has not finished, the episode is over; anything
/// posted after <see cref="Close"/> (an orchestrator awaiting non-durable work) is dropped.
/// </summary>
internal sealed class EpisodeSynchronizationContext : SynchronizationContext
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly SemaphoreSlim _posted = new(0);
    private volatile bool _closed;

    /// <summary>The first exception that escaped a callback (an <c>async void</c> method).</summary>
    public Exception? Unhandled { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (!_closed)
        {
            _queue.Enqueue((d, state));
            _posted.Release();
        }
    }

    public override void Send(SendOrPostCallback d, object? state) => Post(d, state);

    public override SynchronizationContext CreateCopy() => this;

    public void Drain()
    {
        while (!_closed && _queue.TryDequeue(out var item))
        {
            try
            {
                item.Callback(item.State);
            }
#pragma warning disable CA1031 // An orchestrator's async void failure fails the instance instead of the host.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Unhandled ??= e;
            }
        }
    }

    /// <summary>Blocks until something is posted or <paramref name="timeout"/> passes.</summary>
    public bool WaitForPost(TimeSpan timeout) => !_queue.IsEmpty || _posted.Wait(timeout);

    public void Close()
    {
        _closed = true;
        _queue.Clear();
    }
}
