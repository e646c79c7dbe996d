using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableSample.Functions;

/// <summary>Orchestrations written only against the official Durable Functions API.</summary>
public static class Orchestrations
{
    private static int s_nonDeterministicRuns;

    [Function(nameof(Chaining))]
    public static async Task<string> Chaining([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var tokyo = await context.CallActivityAsync<string>(nameof(Activities.SayHello), "Tokyo");
        var seattle = await context.CallActivityAsync<string>(nameof(Activities.SayHello), "Seattle");
        var london = await context.CallActivityAsync<string>(nameof(Activities.SayHello), "London");
        return $"{tokyo} {seattle} {london}";
    }

    [Function(nameof(FanOutFanIn))]
    public static async Task<int> FanOutFanIn([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var count = context.GetInput<int>();
        var squares = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>(nameof(Activities.Square), i)));
        return squares.Sum();
    }

    [Function(nameof(Approval))]
    public static async Task<string> Approval([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var request = context.GetInput<string>();
        context.SetCustomStatus(new { stage = "waiting" });
        var decision = await context.WaitForExternalEvent<string>("approve");
        context.SetCustomStatus(new { stage = "approved" });
        return await context.CallActivityAsync<string>(nameof(Activities.Stamp), $"{request}:{decision}");
    }

    [Function(nameof(ApprovalWithTimeout))]
    public static async Task<string> ApprovalWithTimeout([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            var decision = await context.WaitForExternalEvent<string>("approve", TimeSpan.FromSeconds(context.GetInput<int>()));
            return $"approved:{decision}";
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }

    [Function(nameof(DurableTimer))]
    public static async Task<string> DurableTimer([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var seconds = context.GetInput<int>();
        var started = context.CurrentUtcDateTime;
        await context.CreateTimer(started.AddSeconds(seconds), CancellationToken.None);
        var stamped = await context.CallActivityAsync<string>(nameof(Activities.Stamp), "timer");
        return context.CurrentUtcDateTime >= started.AddSeconds(seconds) ? stamped : "too early";
    }

    [Function(nameof(Parent))]
    public static async Task<string> Parent([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var child = await context.CallSubOrchestratorAsync<string>(nameof(Chaining), options: new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" });
        return $"child said: {child}";
    }

    [Function(nameof(Retrying))]
    public static Task<string> Retrying([OrchestrationTrigger] TaskOrchestrationContext context)
        => context.CallActivityAsync<string>(nameof(Activities.Flaky), context.InstanceId, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(300))));

    [Function(nameof(Counter))]
    public static async Task<int> Counter([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var value = context.GetInput<int>();
        if (value < 5)
        {
            await context.CreateTimer(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            context.ContinueAsNew(value + 1);
        }

        return value;
    }

    [Function(nameof(NonDeterministic))]
    public static async Task<string> NonDeterministic([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        // Wrong on purpose: the branch differs between the first run and its replay.
        var first = Interlocked.Increment(ref s_nonDeterministicRuns) == 1;
        return first
            ? await context.CallActivityAsync<string>(nameof(Activities.SayHello), "first")
            : await context.CallActivityAsync<string>(nameof(Activities.Stamp), "replay");
    }
}
