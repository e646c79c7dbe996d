using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace LocalFunctionsHost.Durable.Tests;

/// <summary>The sample app's Durable functions, written as an isolated-worker app would write them.</summary>
public static class Workflows
{
    public static TestWorker Create(ConcurrentDictionary<string, int>? flakyAttempts = null)
    {
        flakyAttempts ??= new();
        return new TestWorker()
            .Orchestrator<string, string>("Chain", async (ctx, city) =>
            {
                var a = await ctx.CallActivityAsync<string>("Hello", city);
                var b = await ctx.CallActivityAsync<string>("Hello", "Seattle");
                var c = await ctx.CallActivityAsync<string>("Hello", "London");
                return $"{a}, {b}, {c}";
            })
            .Orchestrator<int, int>("FanOut", async (ctx, n) =>
            {
                var parts = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Double", i)));
                return parts.Sum();
            })
            .Orchestrator<string, string>("WaitEvent", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new { stage = "waiting" });
                var value = await ctx.WaitForExternalEvent<string>("Approve");
                ctx.SetCustomStatus(new { stage = "approved" });
                return "approved:" + value;
            })
            .Orchestrator<int, string>("Timer", async (ctx, seconds) =>
            {
                var due = ctx.CurrentUtcDateTime.AddSeconds(seconds);
                await ctx.CreateTimer(due, CancellationToken.None);
                return await ctx.CallActivityAsync<string>("Hello", "after timer " + ctx.InstanceId);
            })
            .Orchestrator<string, string>("Parent", async (ctx, city) =>
            {
                var child = await ctx.CallSubOrchestratorAsync<string>("Chain", city);
                return child + "!";
            })
            .Orchestrator<string, string>("Retry", async (ctx, key) =>
                await ctx.CallActivityAsync<string>("Flaky", key,
                    TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromMilliseconds(100)))))
            .Orchestrator<string, string>("NoRetry", async (ctx, key) => await ctx.CallActivityAsync<string>("Boom", key))
            .Orchestrator<int, int>("Counter", (ctx, n) =>
            {
                if (n < 3)
                {
                    ctx.ContinueAsNew(n + 1);
                    return Task.FromResult(-1);
                }

                return Task.FromResult(n);
            })
            .Activity<string, string>("Hello", city => Task.FromResult($"Hello {city}"))
            .Activity<int, int>("Double", i => Task.FromResult(i * 2))
            .Activity<string, string>("Flaky", key =>
            {
                var attempt = flakyAttempts.AddOrUpdate(key!, 1, (_, n) => n + 1);
                return attempt < 3 ? throw new InvalidOperationException($"attempt {attempt} failed") : Task.FromResult($"ok after {attempt}");
            })
            .Activity<string, string>("Boom", _ => throw new InvalidOperationException("boom"));
    }
}
