using System.Diagnostics;
using LocalFunctionsHost.Cli;
using LocalFunctionsHost.Durable;
using LocalFunctionsHost.Extensions;
using LocalFunctionsHost.Protos;

namespace LocalFunctionsHost.Worker;

/// <summary>
/// Runs functions in the worker for every trigger: builds the invocation (trigger value, extension-supplied inputs, a trace
/// context, without which the worker fails the invocation), applies <c>functionTimeout</c>, logs Executing/Executed as Core
/// Tools does, and counts what is in flight so a stop can drain it.
/// </summary>
internal sealed class FunctionInvoker(
    WorkerChannel channel,
    IReadOnlyDictionary<string, FunctionDescriptor> functions,
    IReadOnlyList<IBindingExtension> extensions,
    TimeSpan? functionTimeout,
    ConsoleLog log) : IWorkerFunctionInvoker
{
    private readonly Lock _lock = new();
    private int _inFlight;
    private TaskCompletionSource? _idle;

    public async Task<InvocationResponse> InvokeAsync(
        FunctionDescriptor function, string invocationId, TypedData trigger, IDictionary<string, TypedData>? triggerMetadata, string reason, CancellationToken cancellationToken)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.Id,
            TraceContext = new RpcTraceContext { TraceParent = TraceParent() },
        };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger?.Name ?? "", Data = trigger });
        foreach (var input in function.Bindings.Where(b => b.IsInput))
        {
            if (extensions.FirstOrDefault(e => e.BindingTypes.Contains(input.Type)) is { } extension)
            {
                request.InputData.Add(new ParameterBinding { Name = input.Name, Data = ToTypedData(extension.GetInputValue(function, input)) });
            }
        }

        if (triggerMetadata is not null)
        {
            request.TriggerMetadata.Add(triggerMetadata);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (functionTimeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        Enter();
        channel.InvocationNames[invocationId] = function.Name;
        log.Info($"Executing 'Functions.{function.Name}' (Reason='{reason}', Id={invocationId})");
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await channel.InvokeAsync(request, timeout.Token);
            var ok = response.Result?.Status == StatusResult.Types.Status.Success;
            if (!ok)
            {
                var ex = response.Result?.Exception;
                log.Error($"Executed 'Functions.{function.Name}' (Failed, Id={invocationId}, Duration={clock.ElapsedMilliseconds}ms)");
                log.Error($"Function 'Functions.{function.Name}' failed: {ex?.Type} {ex?.Message}".TrimEnd());
            }
            else
            {
                log.Info($"Executed 'Functions.{function.Name}' (Succeeded, Id={invocationId}, Duration={clock.ElapsedMilliseconds}ms)");
            }

            return response;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var message = $"Timeout value of {functionTimeout} exceeded by function 'Functions.{function.Name}' (Id: '{invocationId}'). Initiating cancellation.";
            log.Error(message);
            throw new TimeoutException(message);
        }
        catch (OperationCanceledException)
        {
            log.Warn($"Executed 'Functions.{function.Name}' (Cancelled, Id={invocationId}, Duration={clock.ElapsedMilliseconds}ms)");
            throw;
        }
        finally
        {
            Leave();
        }
    }

    /// <inheritdoc />
    public async Task<WorkerInvocationResult> InvokeAsync(string functionName, WorkerTriggerValue trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (!functions.TryGetValue(functionName, out var function))
        {
            return new WorkerInvocationResult(false, null, false, nameof(InvalidOperationException), $"No function named '{functionName}' was loaded.");
        }

        var response = await InvokeAsync(function, Guid.NewGuid().ToString(), ToTypedData(trigger), null, "(null)", cancellationToken);
        var (text, isJson) = response.ReturnValue?.DataCase switch
        {
            TypedData.DataOneofCase.String => (response.ReturnValue.String, false),
            TypedData.DataOneofCase.Json => (response.ReturnValue.Json, true),
            TypedData.DataOneofCase.Int => (response.ReturnValue.Int.ToString(System.Globalization.CultureInfo.InvariantCulture), true),
            TypedData.DataOneofCase.Double => (response.ReturnValue.Double.ToString("R", System.Globalization.CultureInfo.InvariantCulture), true),
            TypedData.DataOneofCase.Bytes => (response.ReturnValue.Bytes.ToStringUtf8(), false),
            _ => ((string?)null, false),
        };
        var result = response.Result;
        return result?.Status == StatusResult.Types.Status.Success
            ? new WorkerInvocationResult(true, text, isJson)
            : new WorkerInvocationResult(false, text, isJson, result?.Exception?.Type, result?.Exception?.Message ?? result?.Result, result?.Exception?.StackTrace);
    }

    /// <summary>Waits until nothing is in flight, or the timeout passes.</summary>
    public Task DrainAsync(TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Task.WhenAny(_idle.Task, Task.Delay(timeout));
        }
    }

    private static TypedData ToTypedData(WorkerTriggerValue value) =>
        value.Text is null ? new TypedData() : value.IsJson ? new TypedData { Json = value.Text } : new TypedData { String = value.Text };

    private static string TraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00";

    private void Enter()
    {
        lock (_lock)
        {
            _inFlight++;
        }
    }

    private void Leave()
    {
        lock (_lock)
        {
            if (--_inFlight == 0 && _idle is { } idle)
            {
                _idle = null;
                idle.TrySetResult();
            }
        }
    }
}
