using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Grpc;

namespace LocalFunctionsHost.Durable.Tests;

/// <summary>
/// Plays the .NET isolated worker: orchestrators run through the official GrpcOrchestrationRunner (what the Durable worker
/// extension runs for an orchestrationTrigger), activities get the JSON the host sends and answer as the worker would.
/// </summary>
public sealed class TestWorker : IWorkerFunctionInvoker
{
    private readonly Dictionary<string, ITaskOrchestrator> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<string?, Task<object?>>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Activity invocations per function name and input JSON, to check that work runs exactly once.</summary>
    public ConcurrentDictionary<string, int> ActivityCalls { get; } = new();

    public TestWorker Orchestrator<TIn, TOut>(string name, Func<TaskOrchestrationContext, TIn?, Task<TOut>> body)
    {
        _orchestrators[name] = new DelegateOrchestrator<TIn, TOut>(body);
        return this;
    }

    public TestWorker Activity<TIn, TOut>(string name, Func<TIn?, Task<TOut>> body)
    {
        _activities[name] = async json => await body(json is null ? default : JsonSerializer.Deserialize<TIn>(json));
        return this;
    }

    public void RegisterWith(DurableExtension extension)
    {
        foreach (var name in _orchestrators.Keys)
        {
            extension.RegisterFunction(name, "orchestrationTrigger", "context");
        }

        foreach (var name in _activities.Keys)
        {
            extension.RegisterFunction(name, "activityTrigger", "input");
        }

        extension.RegisterFunction("HttpStart", "durableClient", "client");
    }

    public async Task<WorkerInvocationResult> InvokeAsync(string functionName, WorkerTriggerValue trigger, CancellationToken cancellationToken)
    {
        if (_orchestrators.TryGetValue(functionName, out var orchestrator))
        {
            Assert.False(trigger.IsJson);
            var response = GrpcOrchestrationRunner.LoadAndRun(trigger.Text!, orchestrator, services: null);
            return new WorkerInvocationResult(true, response, ReturnValueIsJson: false);
        }

        var activity = _activities[functionName];
        Assert.True(trigger.IsJson);
        ActivityCalls.AddOrUpdate(functionName + ":" + trigger.Text, 1, (_, n) => n + 1);
        try
        {
            var result = await activity(trigger.Text);
            return result is string s
                ? new WorkerInvocationResult(true, s, ReturnValueIsJson: false)
                : new WorkerInvocationResult(true, result is null ? null : JsonSerializer.Serialize(result), ReturnValueIsJson: true);
        }
        catch (Exception e)
        {
            return new WorkerInvocationResult(false, null, false, e.GetType().FullName, e.Message, e.StackTrace);
        }
    }

    private sealed class DelegateOrchestrator<TIn, TOut>(Func<TaskOrchestrationContext, TIn?, Task<TOut>> body) : TaskOrchestrator<TIn, TOut>
    {
        public override Task<TOut> RunAsync(TaskOrchestrationContext context, TIn? input) => body(context, input);
    }
}
