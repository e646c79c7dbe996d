namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// Fires durable timers at their due time with one wait for the earliest (no polling); timers already due, such as
/// those that came due while the host was down, fire at once.
/// </summary>
internal sealed class TimerScheduler(TimeProvider time, Func<DurableTimer, CancellationToken, Task> fire)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);
    private readonly PriorityQueue<DurableTimer, DateTime> _queue = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Schedule(DurableTimer timer)
    {
        lock (_lock)
        {
            if (!_keys.Add(timer.Key))
            {
                return;
            }

            _queue.Enqueue(timer, timer.FireAt);
            _changed.TrySetResult();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            DurableTimer? due = null;
            TimeSpan wait;
            Task changed;
            lock (_lock)
            {
                var now = time.GetUtcNow().UtcDateTime;
                if (_queue.TryPeek(out var next, out var fireAt) && fireAt <= now)
                {
                    due = _queue.Dequeue();
                    _keys.Remove(due.Key);
                }

                wait = next is null ? MaxWait : (fireAt - now < MaxWait ? fireAt - now : MaxWait);
                if (_changed.Task.IsCompleted)
                {
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                changed = _changed.Task;
            }

            if (due is not null)
            {
                try
                {
                    await fire(due, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Storage trouble must not stop the timer loop: try again shortly.
                catch (Exception)
#pragma warning restore CA1031
                {
                    Schedule(due with { FireAt = time.GetUtcNow().UtcDateTime.AddSeconds(1) });
                }

                continue;
            }

            try
            {
                await Task.WhenAny(changed, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, cancellationToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
