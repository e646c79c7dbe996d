using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TwoZones.Functions.Local.Hosting;

namespace TwoZones.Functions.Local.Tests.Invocation;

/// <summary>
/// The invoker as the durable replayer uses it: synchronous up to the function's first real await, and every
/// continuation on the caller's SynchronizationContext.
/// </summary>
public sealed class FunctionInvokerTests
{
    [Fact]
    public async Task Invoke_runs_synchronously_to_the_first_await_and_stays_on_the_callers_context()
    {
        var (invoker, function) = Create(nameof(ContextFunctions.Record));
        using var context = new SingleThreadContext();
        Task<object?>? pending = null;
        var startedSynchronously = false;

        context.Run(() =>
        {
            ContextFunctions.Reset();
            pending = invoker.InvokeAsync(function, new Trigger("t"), new Dictionary<string, object?> { ["label"] = "x" }, CancellationToken.None);
            startedSynchronously = ContextFunctions.Before is not null;
        });
        var result = await pending!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(startedSynchronously);
        Assert.Equal("t/x", result);
        Assert.Same(context, ContextFunctions.Before);
        Assert.Same(context, ContextFunctions.After);
        Assert.Equal(context.ThreadId, ContextFunctions.AfterThread);
        Assert.Equal(["middleware-before", "function", "middleware-after"], ContextFunctions.Steps);
    }

    [Fact]
    public async Task Return_values_are_unwrapped_from_Task_and_ValueTask()
    {
        foreach (var (name, expected) in new (string, object?)[] { ("TaskOfT", 1), ("ValueTaskOfT", 2), ("PlainTask", null), ("PlainValueTask", null), ("Sync", 3), ("Void", null) })
        {
            var (invoker, function) = Create(name);
            Assert.Equal(expected, await invoker.InvokeAsync(function, new Trigger("t"), new Dictionary<string, object?>(), CancellationToken.None));
        }
    }

    [Fact]
    public async Task Exceptions_surface_unwrapped()
    {
        var (invoker, function) = Create(nameof(ContextFunctions.Throws));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => invoker.InvokeAsync(function, new Trigger("t"), new Dictionary<string, object?>(), CancellationToken.None));
        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task FunctionTimeout_cancels_the_invocation_token()
    {
        var (invoker, function) = Create(nameof(ContextFunctions.WaitsForCancellation), new LocalHostOptions { FunctionTimeout = TimeSpan.FromMilliseconds(200) });
        var result = await invoker.InvokeAsync(function, new Trigger("t"), new Dictionary<string, object?>(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", result);
    }

    private static (IFunctionInvoker Invoker, FunctionDescriptor Function) Create(string methodName, LocalHostOptions? options = null)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var middleware = new WorkerMiddlewareList();
        var worker = new WorkerApplicationBuilder(new ServiceCollection(), middleware);
        worker.Use(next => async ctx =>
        {
            ContextFunctions.Steps.Add("middleware-before");
            await next(ctx);
            ContextFunctions.Steps.Add("middleware-after");
        });
        var invoker = new FunctionInvoker(services, middleware, new ParameterBinder([]), options ?? new LocalHostOptions(), NullLoggerFactory.Instance);
        var method = typeof(ContextFunctions).GetMethod(methodName)!;
        var trigger = method.GetParameters()[0];
        return (invoker, new FunctionDescriptor(methodName, method, trigger, trigger.GetCustomAttributes(false).OfType<TestTriggerAttribute>().Single()));
    }

    public sealed record Trigger(string Value);

    public sealed class TestTriggerAttribute : TriggerBindingAttribute;

    public static class ContextFunctions
    {
        public static SynchronizationContext? Before { get; private set; }

        public static SynchronizationContext? After { get; private set; }

        public static int AfterThread { get; private set; }

        public static List<string> Steps { get; } = [];

        public static void Reset()
        {
            Before = After = null;
            Steps.Clear();
        }

        [Function("Record")]
        public static async Task<string> Record([TestTrigger] Trigger trigger, string label, FunctionContext context)
        {
            Steps.Add("function");
            Before = SynchronizationContext.Current;
            await Task.Delay(20, context.CancellationToken);
            After = SynchronizationContext.Current;
            AfterThread = Environment.CurrentManagedThreadId;
            return trigger.Value + "/" + label;
        }

        [Function("TaskOfT")]
        public static async Task<int> TaskOfT([TestTrigger] Trigger trigger)
        {
            await Task.Delay(1);
            return 1;
        }

        [Function("ValueTaskOfT")]
        public static async ValueTask<int> ValueTaskOfT([TestTrigger] Trigger trigger)
        {
            await Task.Delay(1);
            return 2;
        }

        [Function("PlainTask")]
        public static Task PlainTask([TestTrigger] Trigger trigger) => Task.Delay(1);

        [Function("PlainValueTask")]
        public static ValueTask PlainValueTask([TestTrigger] Trigger trigger) => ValueTask.CompletedTask;

        [Function("Sync")]
        public static int Sync([TestTrigger] Trigger trigger) => 3;

        [Function("Void")]
        public static void Void([TestTrigger] Trigger trigger)
        {
        }

        [Function("WaitsForCancellation")]
        public static async Task<string> WaitsForCancellation([TestTrigger] Trigger trigger, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(20), cancellationToken);
                return "not cancelled";
            }
            catch (OperationCanceledException)
            {
                return "cancelled";
            }
        }

        [Function("Throws")]
        public static async Task Throws([TestTrigger] Trigger trigger)
        {
            await Task.Delay(1);
            throw new InvalidOperationException("boom");
        }
    }

    /// <summary>A single-threaded SynchronizationContext, like the orchestration replayer's.</summary>
    private sealed class SingleThreadContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback, object?)> _queue = [];
        private readonly Thread _thread;

        public SingleThreadContext()
        {
            _thread = new Thread(Pump) { IsBackground = true };
            _thread.Start();
        }

        public int ThreadId => _thread.ManagedThreadId;

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

        public void Run(Action action)
        {
            using var done = new ManualResetEventSlim();
            Post(_ => { action(); done.Set(); }, null);
            Assert.True(done.Wait(TimeSpan.FromSeconds(10)));
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _thread.Join(TimeSpan.FromSeconds(5));
            _queue.Dispose();
        }

        private void Pump()
        {
            SetSynchronizationContext(this);
            foreach (var (callback, state) in _queue.GetConsumingEnumerable())
            {
                callback(state);
            }
        }
    }
}
