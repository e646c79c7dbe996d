namespace Microsoft.DurableTask.Client;

/// <summary>Starts, queries and manages orchestration instances of a task hub.</summary>
public abstract class DurableTaskClient : IAsyncDisposable
{
    /// <summary>Creates a client.</summary>
    /// <param name="name">The client name.</param>
    protected DurableTaskClient(string name)
    {
        Name = name;
    }

    /// <summary>The client name.</summary>
    public string Name { get; }

    /// <summary>Starts a new instance without input.</summary>
    /// <param name="orchestratorName">The orchestration name.</param>
    /// <param name="cancellation">Cancels the request.</param>
    /// <returns>The instance id.</returns>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellation)
        => ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellation);

    /// <summary>Starts a new instance.</summary>
    /// <param name="orchestratorName">The orchestration name.</param>
    /// <param name="input">The input; must be serializable.</param>
    /// <param name="cancellation">Cancels the request.</param>
    /// <returns>The instance id.</returns>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input, CancellationToken cancellation)
        => ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, null, cancellation);

    /// <summary>Starts a new instance without input.</summary>
    /// <param name="orchestratorName">The orchestration name.</param>
    /// <param name="options">The instance id and start time.</param>
    /// <param name="cancellation">Cancels the request.</param>
    /// <returns>The instance id.</returns>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, StartOrchestrationOptions options, CancellationToken cancellation = default)
        => ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, options, cancellation);

    /// <summary>Starts a new instance. An instance id whose instance is still pending, running or suspended is refused.</summary>
    /// <param name="orchestratorName">The orchestration name.</param>
    /// <param name="input">The input; must be serializable.</param>
    /// <param name="options">The instance id and start time.</param>
    /// <param name="cancellation">Cancels the request.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException">An instance with that id has not finished.</exception>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default);

    /// <summary>Raises an event without payload to an instance.</summary>
    /// <param name="instanceId">The receiving instance.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellation)
        => RaiseEventAsync(instanceId, eventName, null, cancellation);

    /// <summary>Raises an event to an instance; the event is stored durably before the returned task completes.</summary>
    /// <param name="instanceId">The receiving instance.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="eventPayload">The payload; must be serializable.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    /// <summary>Waits until an instance has started.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellation">Stops waiting.</param>
    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, CancellationToken cancellation)
        => WaitForInstanceStartAsync(instanceId, false, cancellation);

    /// <summary>Waits until an instance has started.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether the metadata includes input, output and custom status.</param>
    /// <param name="cancellation">Stops waiting.</param>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until an instance has completed, failed or been terminated.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellation">Stops waiting.</param>
    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellation)
        => WaitForInstanceCompletionAsync(instanceId, false, cancellation);

    /// <summary>Waits until an instance has completed, failed or been terminated.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether the metadata includes input, output and custom status.</param>
    /// <param name="cancellation">Stops waiting.</param>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Terminates an instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task TerminateInstanceAsync(string instanceId, CancellationToken cancellation)
        => TerminateInstanceAsync(instanceId, (TerminateInstanceOptions?)null, cancellation);

    /// <summary>Terminates an instance, recording <paramref name="output"/> as its output.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="output">The output recorded for the terminated instance.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellation = default)
        => TerminateInstanceAsync(instanceId, output is null ? null : new TerminateInstanceOptions(output), cancellation);

    /// <summary>Terminates an instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="options">The output to record and whether sub-orchestrations are terminated too.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public abstract Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Suspends an instance: it processes nothing until resumed.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task SuspendInstanceAsync(string instanceId, CancellationToken cancellation)
        => SuspendInstanceAsync(instanceId, null, cancellation);

    /// <summary>Suspends an instance: it processes nothing until resumed.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Resumes a suspended instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task ResumeInstanceAsync(string instanceId, CancellationToken cancellation)
        => ResumeInstanceAsync(instanceId, null, cancellation);

    /// <summary>Resumes a suspended instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>The status of an instance; null if there is none.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation)
        => GetInstanceAsync(instanceId, false, cancellation);

    /// <summary>The status of an instance; null if there is none.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether the metadata includes input, output and custom status.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <summary>The status of an instance; null if there is none. Prefer <see cref="GetInstanceAsync(string, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, CancellationToken cancellation)
        => GetInstancesAsync(instanceId, false, cancellation);

    /// <summary>The status of an instance; null if there is none. Prefer <see cref="GetInstanceAsync(string, bool, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether the metadata includes input, output and custom status.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public abstract Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Lists instances page by page.</summary>
    /// <param name="filter">Which instances, and the page size; all instances when null.</param>
    public abstract AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null);

    /// <summary>Deletes a finished instance and its history.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation)
        => PurgeInstanceAsync(instanceId, null, cancellation);

    /// <summary>Deletes a finished instance and its history; an unfinished instance is left alone (count 0).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="options">Whether sub-orchestrations are purged too.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Deletes the finished instances that match <paramref name="filter"/>.</summary>
    /// <param name="filter">Which instances.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public virtual Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation)
        => PurgeAllInstancesAsync(filter, null, cancellation);

    /// <summary>Deletes the finished instances that match <paramref name="filter"/>.</summary>
    /// <param name="filter">Which instances.</param>
    /// <param name="options">Whether sub-orchestrations are purged too.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Releases the client.</summary>
    public abstract ValueTask DisposeAsync();
}
