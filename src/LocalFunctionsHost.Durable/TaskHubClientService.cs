using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace LocalFunctionsHost.Durable;

/// <summary>
/// The client half of the Durable gRPC protocol (TaskHubSidecarService) that the worker's <c>[DurableClient]</c> calls, served
/// straight from the Azure Storage provider. Work-item streaming is not offered: this host pushes work to the worker itself.
/// </summary>
internal sealed class TaskHubClientService(AzureStorageOrchestrationService service, TimeSpan completionPollInterval, bool startReplacesActiveInstances)
    : P.TaskHubSidecarService.TaskHubSidecarServiceBase
{
    private static readonly OrchestrationStatus[] AllStatuses = System.Enum.GetValues<OrchestrationStatus>();

    // What Durable Functions refuses to replace when a start names no reuse policy (its NonRunningStates default).
    private static readonly OrchestrationStatus[] ActiveStatuses =
        [OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Pending, OrchestrationStatus.Suspended];

    // The provider checks the instance's status, queues the start message and only then writes the row under the ETag it read,
    // ignoring a lost race: two concurrent starts of one instance queue two executions and leave the row naming one while the
    // history holds the other, an instance that then ignores every message. Starts of one instance through this host therefore
    // go one at a time (striped, so the locks stay few); the second sees the first's Pending row and is refused.
    private readonly SemaphoreSlim[] _startLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public override Task<Empty> Hello(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public override async Task<P.CreateInstanceResponse> StartInstance(P.CreateInstanceRequest request, ServerCallContext context)
    {
        var instance = new OrchestrationInstance
        {
            InstanceId = string.IsNullOrEmpty(request.InstanceId) ? Guid.NewGuid().ToString("N") : request.InstanceId,
            ExecutionId = string.IsNullOrEmpty(request.ExecutionId) ? Guid.NewGuid().ToString("N") : request.ExecutionId,
        };
        var started = new ExecutionStartedEvent(-1, request.Input)
        {
            Name = request.Name,
            Version = request.Version ?? string.Empty,
            OrchestrationInstance = instance,
            Tags = request.Tags.Count > 0 ? new Dictionary<string, string>(request.Tags) : null,
            ScheduledStartTime = request.ScheduledStartTimestamp?.ToDateTime(),
        };

        // A reuse policy names the states that may be replaced; the provider wants the opposite, the states that block a start.
        OrchestrationStatus[]? dedupe = request.OrchestrationIdReusePolicy is { } policy
            ? AllStatuses.Except(policy.ReplaceableStatus.Select(s => (OrchestrationStatus)s)).ToArray()
            : startReplacesActiveInstances ? null : ActiveStatuses;
        var startLock = _startLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(instance.InstanceId) % (uint)_startLocks.Length)];
        await startLock.WaitAsync(context.CancellationToken);
        try
        {
            await service.CreateTaskOrchestrationAsync(new TaskMessage { Event = started, OrchestrationInstance = instance }, dedupe);
        }
        catch (OrchestrationAlreadyExistsException e)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, e.Message));
        }
        finally
        {
            startLock.Release();
        }

        return new P.CreateInstanceResponse { InstanceId = instance.InstanceId };
    }

    /// <summary>
    /// As Durable Functions does on the Azure Storage provider: an event for an unknown instance is dropped, and one for an
    /// instance that has finished fails (the worker's client sees an <see cref="RpcException"/> with status Unknown), so the
    /// caller learns the instance is no longer there to take it.
    /// </summary>
    public override async Task<P.RaiseEventResponse> RaiseEvent(P.RaiseEventRequest request, ServerCallContext context)
    {
        var state = await Management.GetStateAsync(service, request.InstanceId, withPayloads: false);
        if (state is null)
        {
            return new P.RaiseEventResponse();
        }

        if (Management.IsTerminal(state.OrchestrationStatus))
        {
            throw new RpcException(new Status(
                StatusCode.Unknown,
                $"Cannot raise event {request.Name} for orchestration instance {request.InstanceId} because instance is in {state.OrchestrationStatus} state"));
        }

        await Management.RaiseEventAsync(service, request.InstanceId, request.Name, request.Input);
        return new P.RaiseEventResponse();
    }

    public override async Task<P.TerminateResponse> TerminateInstance(P.TerminateRequest request, ServerCallContext context)
    {
        await service.ForceTerminateTaskOrchestrationAsync(request.InstanceId, request.Output);
        return new P.TerminateResponse();
    }

    public override async Task<P.SuspendResponse> SuspendInstance(P.SuspendRequest request, ServerCallContext context)
    {
        await Management.SendAsync(service, request.InstanceId, new ExecutionSuspendedEvent(-1, request.Reason));
        return new P.SuspendResponse();
    }

    public override async Task<P.ResumeResponse> ResumeInstance(P.ResumeRequest request, ServerCallContext context)
    {
        await Management.SendAsync(service, request.InstanceId, new ExecutionResumedEvent(-1, request.Reason));
        return new P.ResumeResponse();
    }

    public override async Task<P.GetInstanceResponse> GetInstance(P.GetInstanceRequest request, ServerCallContext context)
    {
        var state = await Management.GetStateAsync(service, request.InstanceId, request.GetInputsAndOutputs);
        return state is null ? new P.GetInstanceResponse { Exists = false } : Found(state, request.GetInputsAndOutputs);
    }

    public override async Task<P.GetInstanceResponse> WaitForInstanceStart(P.GetInstanceRequest request, ServerCallContext context)
    {
        while (true)
        {
            var state = await Management.GetStateAsync(service, request.InstanceId, request.GetInputsAndOutputs);
            if (state is not null && state.OrchestrationStatus != OrchestrationStatus.Pending)
            {
                return Found(state, request.GetInputsAndOutputs);
            }

            await Task.Delay(completionPollInterval, context.CancellationToken);
        }
    }

    public override async Task<P.GetInstanceResponse> WaitForInstanceCompletion(P.GetInstanceRequest request, ServerCallContext context)
    {
        // The provider's own wait polls every 2 s; a local store answers a read in a few milliseconds, so a shorter poll
        // lets a waiting client see completion promptly. The call ends when the client gives up (its deadline or cancellation).
        while (true)
        {
            var state = await Management.GetStateAsync(service, request.InstanceId, request.GetInputsAndOutputs);
            if (state is null)
            {
                return new P.GetInstanceResponse { Exists = false };
            }

            if (Management.IsTerminal(state.OrchestrationStatus))
            {
                return Found(state, request.GetInputsAndOutputs);
            }

            await Task.Delay(completionPollInterval, context.CancellationToken);
        }
    }

    public override async Task<P.QueryInstancesResponse> QueryInstances(P.QueryInstancesRequest request, ServerCallContext context)
    {
        var q = request.Query ?? new P.InstanceQuery();
        var query = new OrchestrationQuery
        {
            RuntimeStatus = q.RuntimeStatus.Count > 0 ? q.RuntimeStatus.Select(s => (OrchestrationStatus)s).ToList() : null,
            CreatedTimeFrom = q.CreatedTimeFrom?.ToDateTime(),
            CreatedTimeTo = q.CreatedTimeTo?.ToDateTime(),
            TaskHubNames = q.TaskHubNames.Count > 0 ? q.TaskHubNames.ToList() : null,
            PageSize = q.MaxInstanceCount > 0 ? q.MaxInstanceCount : 100,
            ContinuationToken = q.ContinuationToken,
            InstanceIdPrefix = q.InstanceIdPrefix,
            FetchInputsAndOutputs = q.FetchInputsAndOutputs,
        };
        var result = await service.GetOrchestrationWithQueryAsync(query, context.CancellationToken);
        var response = new P.QueryInstancesResponse { ContinuationToken = result.ContinuationToken };
        response.OrchestrationState.AddRange(result.OrchestrationState.Select(s => ToProto(s, q.FetchInputsAndOutputs)));
        return response;
    }

    public override async Task<P.PurgeInstancesResponse> PurgeInstances(P.PurgeInstancesRequest request, ServerCallContext context)
    {
        PurgeResult result;
        switch (request.RequestCase)
        {
            case P.PurgeInstancesRequest.RequestOneofCase.InstanceId:
                result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(request.InstanceId);
                break;
            case P.PurgeInstancesRequest.RequestOneofCase.PurgeInstanceFilter:
                var f = request.PurgeInstanceFilter;
                result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(new PurgeInstanceFilter(
                    f.CreatedTimeFrom?.ToDateTime() ?? DateTime.MinValue,
                    f.CreatedTimeTo?.ToDateTime(),
                    f.RuntimeStatus.Count > 0 ? f.RuntimeStatus.Select(s => (OrchestrationStatus)s).ToList() : null));
                break;
            default:
                throw new RpcException(new Status(StatusCode.Unimplemented, $"Purging by {request.RequestCase} is not supported by this host."));
        }

        return new P.PurgeInstancesResponse { DeletedInstanceCount = result.DeletedInstanceCount, IsComplete = true };
    }

    public override async Task<P.RestartInstanceResponse> RestartInstance(P.RestartInstanceRequest request, ServerCallContext context)
    {
        var newId = await Management.RestartAsync(service, request.InstanceId, request.RestartWithNewInstanceId)
                    ?? throw new RpcException(new Status(StatusCode.NotFound, $"No orchestration instance has the id '{request.InstanceId}'."));
        return new P.RestartInstanceResponse { InstanceId = newId };
    }

    private static P.GetInstanceResponse Found(OrchestrationState state, bool withPayloads) =>
        new() { Exists = true, OrchestrationState = ToProto(state, withPayloads) };

    // Durable leaves out input, output, custom status and failure unless asked for payloads; so does this host.
    private static P.OrchestrationState ToProto(OrchestrationState state, bool withPayloads)
    {
        var proto = new P.OrchestrationState
        {
            InstanceId = state.OrchestrationInstance.InstanceId,
            ExecutionId = state.OrchestrationInstance.ExecutionId,
            Name = state.Name,
            Version = state.Version,
            OrchestrationStatus = (P.OrchestrationStatus)state.OrchestrationStatus,
            CreatedTimestamp = Utc(state.CreatedTime),
            LastUpdatedTimestamp = Utc(state.LastUpdatedTime),
            ScheduledStartTimestamp = state.ScheduledStartTime is { } start ? Utc(start) : null,
            CompletedTimestamp = Management.IsTerminal(state.OrchestrationStatus) && state.CompletedTime > DateTime.MinValue ? Utc(state.CompletedTime) : null,
            ParentInstanceId = state.ParentInstance?.OrchestrationInstance?.InstanceId,
        };
        if (state.Tags is { Count: > 0 } tags)
        {
            proto.Tags.Add(tags);
        }

        if (withPayloads)
        {
            proto.Input = state.Input;
            proto.Output = state.Output;
            proto.CustomStatus = state.Status;
            proto.FailureDetails = ToProto(state.FailureDetails);
        }

        return proto;
    }

    private static P.TaskFailureDetails? ToProto(FailureDetails? details) => details is null
        ? null
        : new P.TaskFailureDetails
        {
            ErrorType = details.ErrorType ?? string.Empty,
            ErrorMessage = details.ErrorMessage ?? string.Empty,
            StackTrace = details.StackTrace,
            InnerFailure = ToProto(details.InnerFailure),
            IsNonRetriable = details.IsNonRetriable,
        };

    private static Timestamp Utc(DateTime time) => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
