using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;

namespace LocalFunctionsHost.Durable;

/// <summary>Instance operations shared by the gRPC client endpoint and the HTTP management API, so both behave the same.</summary>
internal static class Management
{
    public static bool IsTerminal(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    public static async Task<OrchestrationState?> GetStateAsync(AzureStorageOrchestrationService service, string instanceId, bool withPayloads)
    {
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: withPayloads);
        return states.FirstOrDefault();
    }

    public static Task RaiseEventAsync(AzureStorageOrchestrationService service, string instanceId, string name, string? input) =>
        SendAsync(service, instanceId, new EventRaisedEvent(-1, input) { Name = name });

    public static Task SendAsync(AzureStorageOrchestrationService service, string instanceId, HistoryEvent historyEvent) =>
        service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });

    /// <summary>Starts the instance again from its original input; returns the new instance id, or null when it doesn't exist.</summary>
    public static async Task<string?> RestartAsync(AzureStorageOrchestrationService service, string instanceId, bool newInstanceId)
    {
        var state = await GetStateAsync(service, instanceId, withPayloads: true);
        if (state is null)
        {
            return null;
        }

        var instance = new OrchestrationInstance
        {
            InstanceId = newInstanceId ? Guid.NewGuid().ToString("N") : instanceId,
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        await service.CreateTaskOrchestrationAsync(new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, state.Input) { Name = state.Name, Version = state.Version ?? string.Empty, OrchestrationInstance = instance },
        });
        return instance.InstanceId;
    }
}
