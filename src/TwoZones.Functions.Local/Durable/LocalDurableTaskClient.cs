using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// The <see cref="DurableTaskClient"/> of the local runtime: reads and writes the task hub directly, so every accepted
/// request is durable when its task completes, and wakes the engine of this process.
/// </summary>
internal sealed class LocalDurableTaskClient(DurableEngine engine, TimeProvider time) : DurableTaskClient(engine.Store.HubName), IHttpManagementBase
{
    // Changes made by this process wake waiters at once; the poll only catches changes made by other processes.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // How long RaiseEventAsync waits for the episode that stores an event handed over in memory (a healthy one takes milliseconds).
    private static readonly TimeSpan HandOverPatience = TimeSpan.FromSeconds(10);

    private DurableStore Store => engine.Store;

    public string? HttpBaseUrl => engine.Options.HttpBaseUrl;

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        if (string.IsNullOrEmpty(orchestratorName.Name))
        {
            throw new ArgumentNullException(nameof(orchestratorName));
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (string.IsNullOrEmpty(instanceId) || instanceId.IndexOfAny(['/', '\\', '#', '?']) >= 0 || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException($"The instance id '{instanceId}' contains characters that table storage keys do not allow.", nameof(options));
        }

        var existing = await Store.GetInstanceAsync(instanceId, cancellation);
        if (existing is not null && !existing.IsTerminal)
        {
            throw AlreadyExists(instanceId, existing.Status);
        }

        var now = time.GetUtcNow();
        var record = new InstanceRecord
        {
            InstanceId = instanceId,
            Name = orchestratorName.Name,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = DurableJson.Serialize(input),
            CreatedAt = now,
            LastUpdatedAt = now,
            Generation = (existing?.Generation ?? 0) + 1,
            Episodes = existing?.Episodes ?? 0,
            StartAt = options?.StartAt,

            // A restarted instance whose old history is in rows keeps loading by query once, which deletes those rows.
            InlineHistory = existing is null || existing.InlineHistory is not null ? "[]" : null,
            ETag = existing?.ETag ?? default,
        };
        if (!await Store.SaveNewInstanceAsync(record, existing is not null, cancellation))
        {
            throw AlreadyExists(instanceId, OrchestrationRuntimeStatus.Pending);
        }

        engine.Signal(instanceId);
        return instanceId;
    }

    private static OrchestrationAlreadyExistsException AlreadyExists(string instanceId, OrchestrationRuntimeStatus status)
        => new($"An orchestration with instance ID '{instanceId}' and status '{status}' already exists.");

    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var known = engine.IsKnownActive(instanceId);
        if (!known)
        {
            var existing = await Store.GetInstanceAsync(instanceId, cancellation);
            if (existing is null)
            {
                // As the Functions host does: an event for an unknown instance is dropped.
                return;
            }

            if (existing.IsTerminal)
            {
                throw new InvalidOperationException($"Cannot raise event {eventName} for orchestration instance {instanceId} because instance is in {existing.Status} state");
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (rowKey, arrived) = engine.NewArrival("e");
        var e = new HistoryEvent { Kind = HistoryEventKind.EventRaised, Name = eventName, Data = DurableJson.Serialize(eventPayload), MessageId = rowKey, Timestamp = now };
        var message = new InboxMessage(rowKey, e, arrived);
        if (known && engine.IsRunning)
        {
            // This process runs the instance: it takes the event in memory and stores it with its next episode. Returning after that
            // commit keeps the promise a written inbox row gives (the event survives a crash) for two storage requests fewer.
            // If storage is failing, the caller hears so after a while instead of waiting for its recovery; the engine keeps the event
            // and commits it once storage answers again (or stores it as an inbox row when the host stops first).
            await engine.DeliverAsync(instanceId, message).WaitAsync(HandOverPatience, cancellation);
            return;
        }

        await Store.PutInboxAsync(instanceId, message, cancellation);
        engine.Signal(instanceId, message);
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
        => SendControlAsync(instanceId, HistoryEventKind.ExecutionTerminated, DurableJson.Serialize(options?.Output), cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => SendControlAsync(instanceId, HistoryEventKind.ExecutionSuspended, DurableJson.Serialize(reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => SendControlAsync(instanceId, HistoryEventKind.ExecutionResumed, DurableJson.Serialize(reason), cancellation);

    private async Task SendControlAsync(string instanceId, HistoryEventKind kind, string? data, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var existing = await Store.GetInstanceAsync(instanceId, cancellation)
            ?? throw new ArgumentException($"No instance with ID '{instanceId}' was found.", nameof(instanceId));
        if (existing.IsTerminal)
        {
            // Terminating, suspending or resuming a finished instance has no effect.
            return;
        }

        var (rowKey, arrived) = engine.NewArrival("c");
        var e = new HistoryEvent { Kind = kind, Data = data, MessageId = rowKey, Timestamp = time.GetUtcNow().UtcDateTime };
        var message = new InboxMessage(rowKey, e, arrived);
        await Store.PutInboxAsync(instanceId, message, cancellation);
        engine.Signal(instanceId, message);
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return (await Store.GetInstanceAsync(instanceId, cancellation))?.ToMetadata(getInputsAndOutputs);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        while (true)
        {
            // Subscribe before reading, so that a change between the read and the wait is not missed.
            var changed = engine.WaitForChangeAsync(instanceId, PollInterval, cancellation);
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is not null && done(metadata))
            {
                return metadata;
            }

            await changed;
            cancellation.ThrowIfCancellationRequested();
        }
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var query = filter ?? new OrchestrationQuery();
        var tableFilter = DurableStore.InstanceFilter(query.CreatedFrom, query.CreatedTo, query.Statuses?.Select(s => s.ToString()), query.InstanceIdPrefix);
        return Pageable.Create<OrchestrationMetadata>(async (continuation, pageSize, cancellation) =>
        {
            var (records, next) = await Store.QueryInstancesAsync(tableFilter, pageSize ?? query.PageSize, continuation ?? query.ContinuationToken, cancellation);
            return new Page<OrchestrationMetadata>([.. records.Select(r => r.ToMetadata(query.FetchInputsAndOutputs))], next);
        });
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var existing = await Store.GetInstanceAsync(instanceId, cancellation);
        if (existing is null || !existing.IsTerminal)
        {
            return new PurgeResult(0, isComplete: existing is null);
        }

        return new PurgeResult(await Store.PurgeAsync(existing, cancellation) ? 1 : 0, isComplete: true);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
            .Where(s => s is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
            .Select(s => s.ToString())
            .ToList();
        var tableFilter = DurableStore.InstanceFilter(filter.CreatedFrom, filter.CreatedTo, statuses, null);
        var count = 0;
        string? continuation = null;
        do
        {
            var (records, next) = await Store.QueryInstancesAsync(tableFilter, OrchestrationQuery.DefaultPageSize, continuation, cancellation);
            foreach (var record in records)
            {
                count += await Store.PurgeAsync(record, cancellation) ? 1 : 0;
            }

            continuation = next;
        }
        while (continuation is not null);
        return new PurgeResult(count, isComplete: true);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
