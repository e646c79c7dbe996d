using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableFunctionsSample;

/// <summary>Fan-out/fan-in: squares 1..Count in parallel activities and adds them up.</summary>
public static class FanOutFanIn
{
    private static int _running;
    private static int _maxRunning;

    /// <summary>The most activities of this kind seen running at once in this worker process.</summary>
    public static int MaxRunning => Volatile.Read(ref _maxRunning);

    [Function(nameof(FanOutFanIn))]
    public static async Task<FanInResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<FanOutInput>() ?? new FanOutInput(100, 0);
        var tasks = Enumerable.Range(1, input.Count).Select(i => context.CallActivityAsync<long>(nameof(Square), new SquareInput(i, input.DelayMs)));
        var results = await Task.WhenAll(tasks);
        return new FanInResult(results.Length, results.Sum());
    }

    [Function(nameof(Square))]
    public static async Task<long> Square([ActivityTrigger] SquareInput input)
    {
        var now = Interlocked.Increment(ref _running);
        try
        {
            int seen;
            while ((seen = Volatile.Read(ref _maxRunning)) < now && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
            {
                // Another activity raised the maximum first; compare again.
            }

            if (input.DelayMs > 0)
            {
                await Task.Delay(input.DelayMs);
            }

            return (long)input.Value * input.Value;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public sealed record FanOutInput(int Count, int DelayMs);

    public sealed record SquareInput(int Value, int DelayMs);

    public sealed record FanInResult(int Count, long Sum);
}
