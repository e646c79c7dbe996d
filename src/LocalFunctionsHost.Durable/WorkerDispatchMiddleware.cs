using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;
using Google.Protobuf;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Logging;
using P = Microsoft.DurableTask.Protobuf;

namespace LocalFunctionsHost.Durable;

/// <summary>
/// The DurableTask.Core dispatcher middleware that runs orchestrator episodes and activities in the language worker instead of
/// in this process. It never calls the next middleware: the engine's own executor would look for in-process task objects.
/// </summary>
internal sealed class WorkerDispatchMiddleware(
    IWorkerFunctionInvoker invoker,
    IReadOnlyDictionary<string, string> orchestrators,
    IReadOnlyDictionary<string, string> activities,
    CancellationToken stopping,
    ILogger logger)
{
    public async Task RunOrchestratorAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        var state = context.GetProperty<OrchestrationRuntimeState>()
                    ?? throw new InvalidOperationException("The engine gave an orchestration work item without runtime state.");
        var instance = context.GetProperty<OrchestrationInstance>() ?? state.OrchestrationInstance
                       ?? throw new InvalidOperationException("The engine gave an orchestration work item without an instance.");

        if (!orchestrators.TryGetValue(state.Name, out var functionName))
        {
            // Permanent: retrying cannot make a function appear, and Durable fails the instance the same way.
            context.SetProperty(OrchestratorExecutionResult.ForFailure(
                $"The function '{state.Name}' doesn't exist, is disabled, or is not an orchestrator function.", details: null));
            return;
        }

        var request = new P.OrchestratorRequest
        {
            InstanceId = instance.InstanceId,
            ExecutionId = instance.ExecutionId,
            PastEvents = { state.PastEvents.Select(ProtobufUtils.ToHistoryEventProto) },
            NewEvents = { state.NewEvents.Select(ProtobufUtils.ToHistoryEventProto) },
        };

        var result = await InvokeOrAbortAsync(functionName, new WorkerTriggerValue(ProtobufUtils.Base64Encode(request), IsJson: false), instance.InstanceId);
        if (!result.Succeeded)
        {
            // The worker runs orchestrator code inside the SDK, which reports the orchestrator's own failures as a completion
            // action; a failed invocation means the function itself broke, so the instance fails as Durable would fail it.
            context.SetProperty(OrchestratorExecutionResult.ForFailure(
                $"Function '{functionName}' failed with an unhandled exception. {result.ErrorType}: {result.ErrorMessage}", result.ErrorDetails));
            return;
        }

        var encoded = result.ReturnValue;
        if (result.ReturnValueIsJson && encoded is { Length: > 0 } && encoded[0] == '"')
        {
            encoded = JsonSerializer.Deserialize<string>(encoded);
        }

        if (string.IsNullOrEmpty(encoded))
        {
            throw new SessionAbortedException($"The orchestrator function '{functionName}' returned nothing; the episode is retried.");
        }

        var response = P.OrchestratorResponse.Parser.ParseFrom(ByteString.FromBase64(encoded));
        context.SetProperty(new OrchestratorExecutionResult
        {
            Actions = response.Actions.Select(ProtobufUtils.ToOrchestratorAction).ToList(),
            CustomStatus = response.CustomStatus,
        });
    }

    public async Task RunActivityAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        var scheduled = context.GetProperty<TaskScheduledEvent>()
                        ?? throw new InvalidOperationException("The engine gave an activity work item without its scheduled event.");
        var instance = context.GetProperty<OrchestrationInstance>();

        if (scheduled.Name is null || !activities.TryGetValue(scheduled.Name, out var functionName))
        {
            context.SetProperty(new ActivityExecutionResult
            {
                ResponseEvent = new TaskFailedEvent(-1, scheduled.EventId, "Activity function not found", details: null,
                    new FailureDetails("ActivityFunctionNotFound", $"The function '{scheduled.Name}' doesn't exist, is disabled, or is not an activity function.",
                        stackTrace: null, innerFailure: null, isNonRetriable: true)),
            });
            return;
        }

        var result = await InvokeOrAbortAsync(functionName, new WorkerTriggerValue(UnwrapInput(scheduled.Input), IsJson: true), instance?.InstanceId);
        HistoryEvent response;
        if (result.Succeeded)
        {
            var output = result.ReturnValue is null ? null
                : result.ReturnValueIsJson ? result.ReturnValue
                : JsonSerializer.Serialize(result.ReturnValue);
            response = new TaskCompletedEvent(-1, scheduled.EventId, output);
        }
        else
        {
            // A task failure (not an abandoned work item): the orchestrator sees TaskFailedException and its retry policy applies.
            var message = result.ErrorMessage ?? "The activity function failed.";
            response = new TaskFailedEvent(-1, scheduled.EventId, message, result.ErrorDetails,
                new FailureDetails(result.ErrorType ?? "Exception", message, result.ErrorDetails, innerFailure: null, isNonRetriable: false));
        }

        context.SetProperty(new ActivityExecutionResult { ResponseEvent = response });
    }

    // Durable schedules a .NET isolated activity's input as a one-element JSON array (the parameter list); the worker expects the element.
    internal static string? UnwrapInput(string? input)
    {
        if (string.IsNullOrEmpty(input) || input[0] != '[')
        {
            return input;
        }

        using var document = JsonDocument.Parse(input);
        return document.RootElement.GetArrayLength() switch
        {
            0 => null,
            1 => document.RootElement[0].GetRawText(),
            _ => input,
        };
    }

    private async Task<WorkerInvocationResult> InvokeOrAbortAsync(string functionName, WorkerTriggerValue trigger, string? instanceId)
    {
        try
        {
            return await invoker.InvokeAsync(functionName, trigger, stopping);
        }
        catch (Exception e) when (e is not SessionAbortedException)
        {
            // No answer from the worker (it stopped, or the host is stopping): the work item goes back to the queue and runs again,
            // which is what Durable does when a worker process exits mid-invocation.
            logger.LogWarning(e, "Invoking {Function} for instance {InstanceId} failed; the work item is abandoned and retried.", functionName, instanceId);
            throw new SessionAbortedException($"The invocation of '{functionName}' did not complete: {e.Message}");
        }
    }
}
