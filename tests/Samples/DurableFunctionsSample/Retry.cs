using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableFunctionsSample;

/// <summary>An activity that fails twice and then succeeds, under a retry policy of five attempts.</summary>
public static class Retry
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new(StringComparer.Ordinal);

    [Function(nameof(Retry))]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var policy = new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1));
        return await context.CallActivityAsync<string>(nameof(Flaky), context.InstanceId, TaskOptions.FromRetryPolicy(policy));
    }

    [Function(nameof(Flaky))]
    public static string Flaky([ActivityTrigger] string key)
    {
        var attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        return attempt <= 2
            ? throw new InvalidOperationException($"attempt {attempt} fails on purpose")
            : $"succeeded on attempt {attempt}";
    }
}
