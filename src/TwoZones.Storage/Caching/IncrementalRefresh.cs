namespace TwoZones.Storage.Caching;

/// <summary>
/// Keeps an in-memory copy of table rows current by reading only the rows written since the last read, by their server timestamp.
/// Only the very first request waits for a read; once the copy is older than its maximum age a request starts one read in the
/// background and is answered from the copy meanwhile, so a figure is at most one read behind storage. After
/// <see cref="Invalidate"/> the next request waits for a read again.
/// </summary>
public sealed class IncrementalRefresh
{
    /// <summary>
    /// How far before the last read's start a read begins. Rows are matched by their server Timestamp; re-reading this window catches
    /// writes that committed with an earlier Timestamp but became visible after the last read.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    private readonly Func<DateTimeOffset?, DateTimeOffset, CancellationToken, Task> _read;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly Action<Exception>? _backgroundFailed;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastStarted;
    private DateTimeOffset _freshUntil = DateTimeOffset.MinValue;
    private Task? _background;
    private bool _mustRead;

    /// <summary>Creates the refresh of one copy.</summary>
    /// <param name="read">
    /// Reads the rows written since the given time (everything when <see langword="null"/>) and applies them to the copy; the second
    /// argument is when this read started, for telling the copy's own later writes from what the read saw.
    /// </param>
    /// <param name="time">The server clock.</param>
    /// <param name="maxAge">How old the copy may be before a request starts a read.</param>
    /// <param name="backgroundFailed">Told of a background read that failed; the copy stays as it was and a later request reads again.</param>
    public IncrementalRefresh(
        Func<DateTimeOffset?, DateTimeOffset, CancellationToken, Task> read, TimeProvider time, TimeSpan maxAge, Action<Exception>? backgroundFailed = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(time);
        _read = read;
        _time = time;
        _maxAge = maxAge;
        _backgroundFailed = backgroundFailed;
    }

    /// <summary>When the last completed read started; <see langword="null"/> before the first.</summary>
    public DateTimeOffset? LastStarted
    {
        get
        {
            lock (_lock)
            {
                return _lastStarted;
            }
        }
    }

    /// <summary>Makes sure the copy may be answered from: waits for a read the first time and after <see cref="Invalidate"/>, else at most starts one in the background.</summary>
    /// <param name="cancellationToken">Cancels the wait (not a background read).</param>
    /// <returns>A task that completes when the copy may be used.</returns>
    public async Task EnsureFreshAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_time.GetUtcNow() < _freshUntil)
            {
                return;
            }

            if (_lastStarted is not null && !_mustRead)
            {
                if (_background is not { IsCompleted: false })
                {
                    _background = Task.Run(ReadInBackgroundAsync, CancellationToken.None);
                }

                return;
            }
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have read while this one waited.
            if (!IsFresh())
            {
                await ReadAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads what changed since the last read now, one read at a time.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the copy is up to date.</returns>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes the next request wait for a read: figures known to be out of date are not served, not even once while a background read catches up.</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _freshUntil = DateTimeOffset.MinValue;
            _mustRead = true;
        }
    }

    private bool IsFresh()
    {
        lock (_lock)
        {
            return _time.GetUtcNow() < _freshUntil;
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? since;
        lock (_lock)
        {
            since = _lastStarted - Overlap;

            // This read starts after the invalidation, so it sees what caused it.
            _mustRead = false;
        }

        var started = _time.GetUtcNow();
        await _read(since, started, cancellationToken);
        lock (_lock)
        {
            _lastStarted = started;
            _freshUntil = started + _maxAge;
        }
    }

    private async Task ReadInBackgroundAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _backgroundFailed?.Invoke(e);
        }
    }
}
