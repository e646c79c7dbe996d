using TwoZones.Storage.Caching;

namespace TwoZones.Storage.Tests;

/// <summary>When <see cref="IncrementalRefresh"/> reads, from when, and who waits for it (pure: a hand-moved clock, no storage).</summary>
public class IncrementalRefreshTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task The_first_request_waits_for_a_full_read_and_a_fresh_copy_is_not_read_again()
    {
        var clock = new ManualClock(Start);
        var reads = new List<DateTimeOffset?>();
        var refresh = new IncrementalRefresh((since, _, _) => { reads.Add(since); return Task.CompletedTask; }, clock, MaxAge);

        Assert.Null(refresh.LastStarted);
        await refresh.EnsureFreshAsync(default);
        clock.Advance(TimeSpan.FromSeconds(1));
        await refresh.EnsureFreshAsync(default);

        Assert.Equal([null], reads);
        Assert.Equal(Start, refresh.LastStarted);
    }

    [Fact]
    public async Task An_old_copy_is_answered_at_once_while_one_background_read_catches_up_from_before_the_last_read()
    {
        var clock = new ManualClock(Start);
        var reads = new List<DateTimeOffset?>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backgroundStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refresh = new IncrementalRefresh(
            async (since, _, _) =>
            {
                lock (reads)
                {
                    reads.Add(since);
                }

                if (since is not null)
                {
                    backgroundStarted.TrySetResult();
                    await release.Task;
                }
            },
            clock,
            MaxAge);
        await refresh.EnsureFreshAsync(default);
        clock.Advance(TimeSpan.FromSeconds(3));

        // Neither request waits for the read that is held back, and the second does not start another.
        await refresh.EnsureFreshAsync(default).WaitAsync(TimeSpan.FromSeconds(10));
        await backgroundStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await refresh.EnsureFreshAsync(default).WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();

        for (var i = 0; i < 500 && refresh.LastStarted == Start; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal([null, Start - IncrementalRefresh.Overlap], reads);
        Assert.Equal(Start + TimeSpan.FromSeconds(3), refresh.LastStarted);
    }

    [Fact]
    public async Task After_an_invalidation_the_next_request_waits_for_the_read()
    {
        var clock = new ManualClock(Start);
        var reads = 0;
        var refresh = new IncrementalRefresh(
            async (_, _, _) =>
            {
                await Task.Yield();
                Interlocked.Increment(ref reads);
            },
            clock,
            MaxAge);
        await refresh.EnsureFreshAsync(default);

        refresh.Invalidate();
        await refresh.EnsureFreshAsync(default);

        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_failed_background_read_is_reported_keeps_the_last_read_and_a_later_request_reads_again()
    {
        var clock = new ManualClock(Start);
        var calls = 0;
        var failures = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var refresh = new IncrementalRefresh(
            (_, _, _) => Interlocked.Increment(ref calls) == 2 ? Task.FromException(new InvalidOperationException("storage down")) : Task.CompletedTask,
            clock,
            MaxAge,
            e => failures.TrySetResult(e));
        await refresh.EnsureFreshAsync(default);
        clock.Advance(TimeSpan.FromSeconds(3));

        await refresh.EnsureFreshAsync(default);
        var failure = await failures.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("storage down", failure.Message);
        Assert.Equal(Start, refresh.LastStarted);

        await refresh.RefreshAsync(default);
        Assert.Equal(3, calls);
        Assert.Equal(Start + TimeSpan.FromSeconds(3), refresh.LastStarted);
    }
}
