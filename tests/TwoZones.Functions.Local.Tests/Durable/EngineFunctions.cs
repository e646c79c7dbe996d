using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace TwoZones.Functions.Local.Tests.Durable;

/// <summary>Orchestrations and activities for the engine tests, written only against the official API.</summary>
public static class EngineFunctions
{
    private static readonly ConcurrentDictionary<string, int> s_attempts = new();
    private static readonly ConcurrentDictionary<string, int> s_replays = new();

    public static int Attempts(string key) => s_attempts.GetValueOrDefault(key);

    [Function(nameof(Hello))]
    public static string Hello([ActivityTrigger] string name) => $"Hello {name}!";

    [Function(nameof(Square))]
    public static int Square([ActivityTrigger] int value) => value * value;

    [Function(nameof(Echo))]
    public static string Echo([ActivityTrigger] string value) => value;

    [Function(nameof(FailTwice))]
    public static string FailTwice([ActivityTrigger] string key)
    {
        var attempt = s_attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        return attempt <= 2 ? throw new InvalidOperationException($"attempt {attempt} failed") : $"{key} succeeded on attempt {attempt}";
    }

    [Function(nameof(AlwaysFails))]
    public static string AlwaysFails([ActivityTrigger] string key)
    {
        s_attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        throw new InvalidOperationException("this activity always fails");
    }

    [Function(nameof(Chaining))]
    public static async Task<string> Chaining([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var a = await context.CallActivityAsync<string>(nameof(Hello), "Tokyo");
        var b = await context.CallActivityAsync<string>(nameof(Hello), "Seattle");
        var c = await context.CallActivityAsync<string>(nameof(Hello), "London");
        return $"{a} {b} {c}";
    }

    [Function(nameof(FanOut))]
    public static async Task<long> FanOut([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, context.GetInput<int>()).Select(i => context.CallActivityAsync<int>(nameof(Square), i)));
        return results.Sum(r => (long)r);
    }

    [Function(nameof(ThreeEvents))]
    public static async Task<string> ThreeEvents([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        // Waits only after a timer, so that events raised right after the start arrive before anyone waits.
        await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
        var first = await context.WaitForExternalEvent<string>("step");
        var second = await context.WaitForExternalEvent<string>("step");
        var third = await context.WaitForExternalEvent<string>("step");
        return $"{first},{second},{third}";
    }

    [Function(nameof(EventWithTimeout))]
    public static async Task<string> EventWithTimeout([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            var value = await context.WaitForExternalEvent<string>("approval", TimeSpan.FromSeconds(context.GetInput<int>()));
            return $"approved by {value}";
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }

    [Function(nameof(Timer))]
    public static async Task<string> Timer([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var start = context.CurrentUtcDateTime;
        await context.CreateTimer(start.AddSeconds(2), CancellationToken.None);
        return context.CurrentUtcDateTime >= start.AddSeconds(2) ? "fired" : "early";
    }

    [Function(nameof(Parent))]
    public static async Task<string> Parent([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var one = await context.CallSubOrchestratorAsync<string>(nameof(Chaining), options: new SubOrchestrationOptions { InstanceId = context.InstanceId + "-a" });
        var two = await context.CallSubOrchestratorAsync<long>(nameof(FanOut), 3);
        try
        {
            await context.CallSubOrchestratorAsync(nameof(Failing));
            return "no failure";
        }
        catch (TaskFailedException e)
        {
            return $"{one}|{two}|{e.FailureDetails.ErrorMessage}";
        }
    }

    [Function(nameof(Failing))]
    public static Task<string> Failing([OrchestrationTrigger] TaskOrchestrationContext context)
        => throw new InvalidOperationException("the child failed");

    [Function(nameof(Retrying))]
    public static Task<string> Retrying([OrchestrationTrigger] TaskOrchestrationContext context)
        => context.CallActivityAsync<string>(nameof(FailTwice), context.InstanceId, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(200), 2)));

    [Function(nameof(RetriesExhausted))]
    public static async Task<string> RetriesExhausted([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            return await context.CallActivityAsync<string>(nameof(AlwaysFails), context.InstanceId, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMilliseconds(100))));
        }
        catch (TaskFailedException e) when (e.FailureDetails.IsCausedBy<InvalidOperationException>())
        {
            return $"gave up: {e.FailureDetails.ErrorMessage}";
        }
    }

    [Function(nameof(Counter))]
    public static async Task<int> Counter([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var value = context.GetInput<int>();
        context.SetCustomStatus(value);
        if (value < 10)
        {
            await context.CallActivityAsync<string>(nameof(Echo), $"round {value}");
            context.ContinueAsNew(value + 1);
        }

        return value;
    }

    [Function(nameof(Stages))]
    public static async Task<string> Stages([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        context.SetCustomStatus(new StageStatus("waiting", 1));
        var value = await context.WaitForExternalEvent<string>("go");
        context.SetCustomStatus(new StageStatus("done", 2));
        return value;
    }

    [Function(nameof(SumEvents))]
    public static async Task<long> SumEvents([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        // Many "tick" events in a row: a lost one makes it wait forever, a duplicate makes the sum wrong.
        var sum = 0L;
        for (var i = context.GetInput<int>(); i > 0; i--)
        {
            sum += await context.WaitForExternalEvent<int>("tick");
        }

        return sum;
    }

    [Function(nameof(WaitForever))]
    public static Task<string> WaitForever([OrchestrationTrigger] TaskOrchestrationContext context)
        => context.WaitForExternalEvent<string>("never");

    [Function(nameof(NonDeterministic))]
    public static async Task<string> NonDeterministic([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        // Wrong on purpose: the first run and its replay take different branches.
        var run = s_replays.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        return run == 1
            ? await context.CallActivityAsync<string>(nameof(Hello), "first run")
            : await context.CallActivityAsync<string>(nameof(Echo), "replay");
    }

    [Function(nameof(DeterministicGuids))]
    public static async Task<string> DeterministicGuids([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var before = context.NewGuid();
        await context.CallActivityAsync<string>(nameof(Echo), "x");
        var after = context.NewGuid();
        var replayed = context.IsReplaying;
        return $"{before}|{after}|{before != after}|{replayed}";
    }

    [Function(nameof(CollectItems))]
    public static async Task<string> CollectItems([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var items = context.GetInput<List<string>>() ?? [];
        if (items.Count == 3)
        {
            return string.Join(",", items);
        }

        if (items.Count == 0)
        {
            // Lets every event arrive before the first wait, so that two of them must be carried into the next generation.
            await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
        }

        items.Add(await context.WaitForExternalEvent<string>("item"));
        context.ContinueAsNew(items);
        return "continued";
    }

    [Function(nameof(BigText))]
    public static string BigText([ActivityTrigger] int length) => new('x', length);

    [Function(nameof(LargePayloads))]
    public static async Task<int> LargePayloads([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var texts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => context.CallActivityAsync<string>(nameof(BigText), 100_000)));
        var fromEvent = await context.WaitForExternalEvent<string>("big");
        return texts.Sum(t => t.Length) + fromEvent.Length;
    }

    [Function(nameof(LargeThenSmall))]
    public static async Task<int> LargeThenSmall([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var round = context.GetInput<int>();
        if (round == 0)
        {
            // Two results of 100,000 characters: more history than the instance row keeps.
            var texts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => context.CallActivityAsync<string>(nameof(BigText), 100_000)));
            context.ContinueAsNew(texts.Sum(t => t.Length));
            return 0;
        }

        return round + (await context.CallActivityAsync<string>(nameof(BigText), 10)).Length;
    }

    [Function(nameof(OversizedResult))]
    public static async Task<string> OversizedResult([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            await context.CallActivityAsync<string>(nameof(BigText), 600_000);
            return "stored";
        }
        catch (TaskFailedException e)
        {
            return "failed: " + e.FailureDetails.ErrorMessage;
        }
    }

    public sealed record StageStatus(string Stage, int Step);
}
