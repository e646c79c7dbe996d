using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using TwoZones.Bench.Api;

namespace TwoZones.Bench.Workflows;

/// <summary>
/// Polls the durable management API (one GET per instance; the app has no list query) until every item's tracker (instance id = item id)
/// is Running or Completed and has finished its first round, which is when it sets its custom status.
/// </summary>
public static class TrackerReadiness
{
    /// <summary>What the polling found.</summary>
    /// <param name="Elapsed">When the last tracker was seen ready, on the caller's clock: all were ready by then.</param>
    /// <param name="LastNotReady">
    /// When a GET was last sent that then found a tracker not ready: not all were ready before then. Null when every tracker was ready
    /// at its first check.
    /// </param>
    /// <param name="ReadyAtFirstRound">Trackers already ready in the first round of polling.</param>
    /// <param name="Rounds">Rounds of polling (each asks only about the trackers not yet ready).</param>
    /// <param name="Requests">GET requests made.</param>
    /// <param name="Running">Ready trackers waiting for their item to change.</param>
    /// <param name="Completed">Ready trackers that ended because their item is Completed.</param>
    public sealed record Result(TimeSpan Elapsed, TimeSpan? LastNotReady, int ReadyAtFirstRound, int Rounds, long Requests, int Running, int Completed);

    public static async Task<Result> WaitAsync(ApiClient api, IReadOnlyCollection<string> ids, Stopwatch clock, TimeSpan timeout, int parallelism, Action<string> log)
    {
        var pending = ids.ToList();
        var running = 0;
        var completed = 0;
        var rounds = 0;
        var readyAtFirstRound = 0;
        var requests = 0L;
        var lastNotReadyTicks = -1L;
        var lastReadyTicks = 0L;
        var deadline = clock.Elapsed + timeout;
        while (pending.Count > 0)
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"{pending.Count} of {ids.Count} trackers were not ready after {timeout.TotalSeconds:0} s, e.g. {string.Join(", ", pending.Take(5))}.");
            }

            var stillPending = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (id, _) =>
            {
                var sent = clock.Elapsed.Ticks;
                var (status, body) = await api.GetInstanceAsync(id);
                Interlocked.Increment(ref requests);
                var readiness = Readiness(status, body);
                switch (readiness)
                {
                    case "Running":
                        Interlocked.Increment(ref running);
                        break;
                    case "Completed":
                        Interlocked.Increment(ref completed);
                        break;
                    case "Failed":
                        throw new InvalidOperationException($"Tracker {id} failed: {body}");
                    default:
                        stillPending.Add(id);
                        Max(ref lastNotReadyTicks, sent);
                        break;
                }

                if (readiness is not null)
                {
                    Max(ref lastReadyTicks, clock.Elapsed.Ticks);
                }
            });
            rounds++;
            if (rounds == 1)
            {
                readyAtFirstRound = ids.Count - stillPending.Count;
            }

            log($"trackers: {ids.Count - stillPending.Count} of {ids.Count} ready after {clock.Elapsed.TotalSeconds:F1} s (round {rounds})");
            pending = [.. stillPending];
            if (pending.Count > 0)
            {
                await Task.Delay(250);
            }
        }

        var lastNotReady = lastNotReadyTicks < 0 ? (TimeSpan?)null : TimeSpan.FromTicks(lastNotReadyTicks);
        return new Result(TimeSpan.FromTicks(lastReadyTicks), lastNotReady, readyAtFirstRound, rounds, requests, running, completed);
    }

    private static void Max(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    // Ready = Running or Completed with a custom status; null while missing, pending or before the first round ends.
    private static string? Readiness(HttpStatusCode status, JsonElement? body)
    {
        if (body is not { } instance)
        {
            return null;
        }

        var runtime = instance.GetProperty("runtimeStatus").GetString();
        if (status == HttpStatusCode.BadRequest || runtime is "Failed" or "Terminated")
        {
            return "Failed";
        }

        var hasRound = instance.TryGetProperty("customStatus", out var custom) && custom.ValueKind != JsonValueKind.Null;
        return hasRound && runtime is "Running" or "Completed" ? runtime : null;
    }
}
