using Microsoft.Azure.Functions.Worker;

namespace DurableSample.Functions;

/// <summary>The sample's activities.</summary>
public static class Activities
{
    private static readonly Dictionary<string, int> s_failures = [];

    [Function(nameof(SayHello))]
    public static string SayHello([ActivityTrigger] string name) => $"Hello {name}!";

    [Function(nameof(Square))]
    public static async Task<int> Square([ActivityTrigger] int value)
    {
        // Spreads a fan-out over time, so that a crash lands in the middle of it.
        await Task.Delay(20 + (value % 7 * 15));
        return value * value;
    }

    [Function(nameof(Stamp))]
    public static string Stamp([ActivityTrigger] string value) => $"{value}:stamped";

    /// <summary>Fails the first two attempts for each key, then succeeds.</summary>
    [Function(nameof(Flaky))]
    public static string Flaky([ActivityTrigger] string key)
    {
        lock (s_failures)
        {
            s_failures.TryGetValue(key, out var failed);
            if (failed < 2)
            {
                s_failures[key] = failed + 1;
                throw new InvalidOperationException($"Attempt {failed + 1} for {key} failed.");
            }
        }

        return $"{key} ok";
    }
}
