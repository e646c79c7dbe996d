using System.Collections.Concurrent;
using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TwoZones.Functions.Local.Hosting;

namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// Runs orchestrations and activities from the task hub: episodes of one instance never overlap (in process by a
/// per-instance slot, across processes by the instance row's ETag); work is woken by in-process signals, one timer for
/// the next durable timer, and a slow rescan for work written by other processes. On start every unfinished instance
/// is recovered: outstanding activities re-run, timers re-armed, undelivered outbox messages carried out.
/// Orchestrators and activities run through the host's <see cref="IFunctionInvoker"/>, so worker middleware runs for
/// every invocation (replays included) as in the official worker.
/// </summary>
internal sealed partial class DurableEngine : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, object?> NoBindingData = new Dictionary<string, object?>();

    private readonly DurableStore _store;
    private readonly DurableOptions _options;
    private readonly Func<IFunctionInvoker> _invoker;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Dictionary<string, FunctionDescriptor> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FunctionDescriptor> _activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly Channel<ActivityWorkItem> _activityQueue = Channel.CreateUnbounded<ActivityWorkItem>();
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _activitiesInFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _changeWaiters = new(StringComparer.Ordinal);
    private readonly TimerScheduler _timers;
    private readonly List<Task> _loops = [];
    private CancellationTokenSource? _stopping;
    private long _lastArrival;

    public DurableEngine(DurableStore store, DurableOptions options, Func<IFunctionInvoker> invoker, TimeProvider time, ILoggerFactory loggers)
    {
        _store = store;
        _options = options;
        _invoker = invoker;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger("Host.Triggers.DurableTask");
        _timers = new TimerScheduler(time, FireTimerAsync);
    }

    public DurableStore Store => _store;

    public DurableOptions Options => _options;

    public bool IsRunning => _stopping is { IsCancellationRequested: false };

    public void Register(IEnumerable<FunctionDescriptor> functions)
    {
        foreach (var function in functions)
        {
            switch (function.TriggerAttribute)
            {
                case Microsoft.Azure.Functions.Worker.OrchestrationTriggerAttribute:
                    _orchestrators[function.Name] = function;
                    break;
                case Microsoft.Azure.Functions.Worker.ActivityTriggerAttribute:
                    _activities[function.Name] = function;
                    break;
                default:
                    break;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.EnsureCreatedAsync(cancellationToken);
        _stopping = new CancellationTokenSource();
        var stop = _stopping.Token;
        for (var i = 0; i < Math.Max(1, _options.MaxConcurrentOrchestratorFunctions); i++)
        {
            _loops.Add(Task.Run(() => OrchestrationLoopAsync(stop), CancellationToken.None));
        }

        for (var i = 0; i < Math.Max(1, _options.MaxConcurrentActivityFunctions); i++)
        {
            _loops.Add(Task.Run(() => ActivityLoopAsync(stop), CancellationToken.None));
        }

        _loops.Add(Task.Run(() => _timers.RunAsync(stop), CancellationToken.None));
        foreach (var id in await _store.FindInstancesWithWorkAsync(includeUnfinished: true, cancellationToken))
        {
            Signal(id, recover: true);
        }

        _loops.Add(Task.Run(() => RescanLoopAsync(stop), CancellationToken.None));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        _ready.Writer.TryComplete();
        _activityQueue.Writer.TryComplete();
        await Task.WhenAny(Task.WhenAll(_loops), Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping?.Dispose();
    }

    /// <summary>Asks for an episode of <paramref name="instanceId"/>; several signals while one runs cause one more episode.</summary>
    public void Signal(string instanceId, bool recover = false)
    {
        var slot = _slots.GetOrAdd(instanceId, _ => new Slot());
        lock (slot)
        {
            slot.Recover |= recover;
            slot.Dirty = true;
            if (slot.Queued)
            {
                return;
            }

            slot.Queued = true;
        }

        if (!_ready.Writer.TryWrite(instanceId))
        {
            lock (slot)
            {
                slot.Queued = false;
            }
        }
    }

    /// <summary>Completes when <paramref name="instanceId"/> changed in this process, or after <paramref name="timeout"/>.</summary>
    public Task WaitForChangeAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = _changeWaiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return Task.WhenAny(waiter.Task, Task.Delay(timeout, _time, cancellationToken));
    }

    public void NotifyChanged(string instanceId)
    {
        if (_changeWaiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>A row key for a new inbox message that sorts after every earlier one from this process.</summary>
    public (string RowKey, long Arrived) NewArrival(string kind)
    {
        long arrived;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastArrival);
            arrived = Math.Max(last + 1, _time.GetUtcNow().UtcTicks);
        }
        while (Interlocked.CompareExchange(ref _lastArrival, arrived, last) != last);
        return ($"{InboxMessage.Prefix}{kind}-{arrived:D19}-{Guid.NewGuid():N}", arrived);
    }

    private async Task OrchestrationLoopAsync(CancellationToken stop)
    {
        await foreach (var id in _ready.Reader.ReadAllAsync(CancellationToken.None))
        {
            var slot = _slots.GetOrAdd(id, _ => new Slot());
            while (!stop.IsCancellationRequested)
            {
                bool recover;
                lock (slot)
                {
                    if (!slot.Dirty)
                    {
                        slot.Queued = false;
                        break;
                    }

                    slot.Dirty = false;
                    recover = slot.Recover;
                    slot.Recover = false;
                }

                try
                {
                    if (await ProcessAsync(id, recover, stop))
                    {
                        lock (slot)
                        {
                            slot.Dirty = true;
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // One instance's storage trouble must not stop the others: retry it later.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogEpisodeFailed(_logger, e, id);
                    _timers.Schedule(new DurableTimer(_time.GetUtcNow().UtcDateTime.AddSeconds(2), id, 0, -2));
                }
            }
        }
    }

    /// <summary>Carries out one step for an instance.</summary>
    /// <returns>True when more work is already known to be waiting.</returns>
    private async Task<bool> ProcessAsync(string id, bool recover, CancellationToken stop)
    {
        var state = await _store.LoadAsync(id, stop);
        foreach (var (rowKey, messages) in state.Outbox)
        {
            await CarryOutAsync(id, messages, stop);
            await _store.DeleteRowAsync(id, rowKey, stop);
        }

        var record = state.Record;
        if (record is null || record.IsTerminal)
        {
            // Nothing consumes messages for a missing or finished instance; they are dropped as the Durable Task runtime does.
            var leftovers = state.Inbox.Select(m => (m.RowKey, ETag.All)).Concat(record is null ? [] : state.Stale).ToList();
            await DeleteRowsAsync(id, leftovers, stop);
            return false;
        }

        if (state.Stale.Count > 0)
        {
            await DeleteRowsAsync(id, state.Stale, stop);
        }

        if (recover)
        {
            Recover(record, state);
        }

        // Results of an earlier generation (a timer cancelled before ContinueAsNew, say) need no episode: drop them.
        var stale = state.Inbox.Where(m => m.Generation is { } g && g != record.Generation).ToList();
        if (stale.Count > 0)
        {
            await DeleteRowsAsync(id, stale.Select(m => (m.RowKey, ETag.All)), stop);
            state.Inbox.RemoveAll(stale.Contains);
        }

        var now = _time.GetUtcNow();
        if (record.Status == OrchestrationRuntimeStatus.Pending && record.StartAt is { } startAt && startAt > now)
        {
            _timers.Schedule(new DurableTimer(startAt.UtcDateTime, id, record.Generation, -1));
            return false;
        }

        var control = state.Inbox.Where(m => m.Event.IsControl).Take(_options.MaxMessagesPerEpisode).ToList();
        if (control.Count > 0)
        {
            return await ApplyControlAsync(record, state, control, stop);
        }

        if (record.Status == OrchestrationRuntimeStatus.Suspended || (Started(state) && state.Inbox.Count == 0))
        {
            return false;
        }

        return await RunEpisodeAsync(record, state, stop);
    }

    private async Task<bool> ApplyControlAsync(InstanceRecord record, InstanceState state, List<InboxMessage> control, CancellationToken stop)
    {
        var now = _time.GetUtcNow();
        var terminate = control.FirstOrDefault(m => m.Event.Kind == HistoryEventKind.ExecutionTerminated);
        var consumed = terminate is null ? control : [.. state.Inbox.Take(_options.MaxMessagesPerEpisode - 5)];
        var outbox = new List<OutboxMessage>();
        if (terminate is not null)
        {
            record.Status = OrchestrationRuntimeStatus.Terminated;
            record.Output = terminate.Event.Data;
            record.Failure = null;
            AddParentNotification(record, outbox);
        }
        else
        {
            foreach (var message in control)
            {
                if (message.Event.Kind == HistoryEventKind.ExecutionSuspended && record.Status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending)
                {
                    record.Status = OrchestrationRuntimeStatus.Suspended;
                }
                else if (message.Event.Kind == HistoryEventKind.ExecutionResumed && record.Status == OrchestrationRuntimeStatus.Suspended)
                {
                    record.Status = Started(state) ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Pending;
                }
            }
        }

        record.LastUpdatedAt = now;
        record.Episodes++;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, record.ToEntity(), record.ETag),
        };
        actions.AddRange(DurableStore.HistoryEntities(record.InstanceId, record.Generation, record.Episodes, [.. control.Select(m => m.Event with { Timestamp = now.UtcDateTime })])
            .Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        actions.AddRange(consumed.Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(record.InstanceId, m.RowKey), ETag.All)));
        string? outboxKey = null;
        if (outbox.Count > 0)
        {
            outboxKey = DurableStore.OutboxKey(record.Generation, record.Episodes);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, DurableStore.OutboxEntity(record.InstanceId, outboxKey, outbox)));
        }

        if (!await _store.CommitAsync(actions, stop))
        {
            return true;
        }

        LogControl(_logger, record.InstanceId, record.Status);
        await AfterCommitAsync(record.InstanceId, outboxKey, outbox, stop);
        return true;
    }

    private async Task<bool> RunEpisodeAsync(InstanceRecord record, InstanceState state, CancellationToken stop)
    {
        var now = _time.GetUtcNow();
        var messages = new List<InboxMessage>();
        // Consumed messages become history: bounding their size keeps the commit well inside the 4 MB batch limit.
        var budget = 1_000_000;
        foreach (var message in state.Inbox)
        {
            var size = (message.Event.Data?.Length ?? 0) + 200;
            if (messages.Count >= _options.MaxMessagesPerEpisode || (messages.Count > 0 && size > budget))
            {
                break;
            }

            messages.Add(message);
            budget -= size;
        }

        var episode = new OrchestrationEpisode(record, state.History, now.UtcDateTime, _loggers);
        if (_orchestrators.TryGetValue(record.Name, out var function))
        {
            var invoker = _invoker();
            episode.Run(context => invoker.InvokeAsync(function, context, NoBindingData, _stopping?.Token ?? CancellationToken.None), messages);
        }
        else
        {
            episode.Run(_ => throw new InvalidOperationException($"The orchestrator function '{record.Name}' does not exist."), messages);
        }

        if (stop.IsCancellationRequested)
        {
            return false;
        }

        var outbox = new List<OutboxMessage>();
        var activities = new List<ActivityWorkItem>();
        var timers = new List<DurableTimer>();
        var generation = record.Generation;
        foreach (var action in episode.NewActions)
        {
            switch (action.Kind)
            {
                case HistoryEventKind.TaskScheduled:
                    activities.Add(new ActivityWorkItem(record.InstanceId, generation, action.TaskId, action.Name!, action.Data));
                    break;
                case HistoryEventKind.TimerCreated:
                    timers.Add(new DurableTimer(action.FireAt!.Value, record.InstanceId, generation, action.TaskId));
                    break;
                case HistoryEventKind.SubOrchestrationCreated:
                    outbox.Add(new OutboxMessage
                    {
                        TargetInstanceId = action.InstanceId!,
                        StartName = action.Name,
                        StartInput = action.Data,
                        ParentInstanceId = record.InstanceId,
                        ParentName = record.Name,
                        ParentGeneration = generation,
                        ParentTaskId = action.TaskId,
                    });
                    break;
                case HistoryEventKind.EventSent:
                    var messageId = $"{record.InstanceId}|{generation}|{action.TaskId}";
                    outbox.Add(new OutboxMessage
                    {
                        TargetInstanceId = action.InstanceId!,
                        InboxRowKey = $"{InboxMessage.Prefix}x-{DurableStore.Ticks(now)}-{Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(messageId))}",
                        Event = new HistoryEvent { Kind = HistoryEventKind.EventRaised, Name = action.Name, Data = action.Data, MessageId = messageId, Timestamp = now.UtcDateTime },
                    });
                    break;
                default:
                    break;
            }
        }

        var consumedKeys = episode.Consumed.Select(m => m.RowKey).ToHashSet(StringComparer.Ordinal);
        var carried = new List<InboxMessage>();
        record.CustomStatus = episode.CustomStatus;
        record.LastUpdatedAt = now;
        record.Episodes++;
        var historyGeneration = record.Generation;
        switch (episode.Outcome)
        {
            case EpisodeOutcome.Running:
                record.Status = OrchestrationRuntimeStatus.Running;
                break;
            case EpisodeOutcome.Completed:
                record.Status = OrchestrationRuntimeStatus.Completed;
                record.Output = episode.Output;
                AddParentNotification(record, outbox);
                activities.Clear();
                timers.Clear();
                break;
            case EpisodeOutcome.Failed:
                record.Status = OrchestrationRuntimeStatus.Failed;
                record.Failure = episode.Failure;
                AddParentNotification(record, outbox);
                activities.Clear();
                timers.Clear();
                break;
            case EpisodeOutcome.ContinuedAsNew:
                record.Status = OrchestrationRuntimeStatus.Running;
                record.Input = episode.ContinueAsNewInput;
                record.Generation++;
                activities.Clear();
                timers.Clear();
                foreach (var e in episode.CarriedEvents)
                {
                    var original = state.Inbox.FirstOrDefault(m => m.Event == e);
                    var (rowKey, arrived) = original is null ? NewArrival("e") : (original.RowKey, original.Arrived);
                    if (!consumedKeys.Remove(rowKey))
                    {
                        carried.Add(new InboxMessage(rowKey, e, arrived));
                    }
                }

                break;
            default:
                break;
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, record.ToEntity(), record.ETag),
        };
        if (episode.Outcome != EpisodeOutcome.ContinuedAsNew)
        {
            actions.AddRange(DurableStore.HistoryEntities(record.InstanceId, historyGeneration, record.Episodes, episode.NewEvents)
                .Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        }

        actions.AddRange(consumedKeys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(record.InstanceId, k), ETag.All)));
        actions.AddRange(carried.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, DurableStore.InboxEntity(record.InstanceId, m))));
        string? outboxKey = null;
        if (outbox.Count > 0)
        {
            outboxKey = DurableStore.OutboxKey(historyGeneration, record.Episodes);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, DurableStore.OutboxEntity(record.InstanceId, outboxKey, outbox)));
        }

        if (!await _store.CommitAsync(actions, stop))
        {
            return true;
        }

        LogEpisode(_logger, record.InstanceId, record.Name, episode.Outcome, episode.NewEvents.Count);
        foreach (var activity in activities)
        {
            Dispatch(activity);
        }

        foreach (var timer in timers)
        {
            _timers.Schedule(timer);
        }

        await AfterCommitAsync(record.InstanceId, outboxKey, outbox, stop);
        return episode.Outcome == EpisodeOutcome.ContinuedAsNew || state.Inbox.Count > episode.Consumed.Count && episode.Outcome == EpisodeOutcome.Running;
    }

    private static bool Started(InstanceState state) => state.History.Any(e => e.Kind == HistoryEventKind.ExecutionStarted);

    private static void AddParentNotification(InstanceRecord record, List<OutboxMessage> outbox)
    {
        if (record.ParentInstanceId is not { } parent)
        {
            return;
        }

        var failure = record.Status switch
        {
            OrchestrationRuntimeStatus.Failed => record.Failure,
            OrchestrationRuntimeStatus.Terminated => new TaskFailureDetails("Terminated", $"The sub-orchestration '{record.InstanceId}' was terminated.", null, null, null),
            _ => null,
        };
        outbox.Add(new OutboxMessage
        {
            TargetInstanceId = parent,
            InboxRowKey = InboxMessage.ResultKey(record.ParentGeneration, record.ParentTaskId),
            Event = new HistoryEvent
            {
                Kind = failure is null ? HistoryEventKind.SubOrchestrationCompleted : HistoryEventKind.SubOrchestrationFailed,
                TaskId = record.ParentTaskId,
                Data = failure is null ? record.Output : null,
                Failure = failure,
                Timestamp = record.LastUpdatedAt.UtcDateTime,
            },
        });
    }

    private async Task AfterCommitAsync(string instanceId, string? outboxKey, List<OutboxMessage> outbox, CancellationToken stop)
    {
        NotifyChanged(instanceId);
        if (outboxKey is not null)
        {
            await CarryOutAsync(instanceId, outbox, stop);
            await _store.DeleteRowAsync(instanceId, outboxKey, stop);
        }
    }

    private async Task CarryOutAsync(string sourceId, IReadOnlyList<OutboxMessage> messages, CancellationToken stop)
    {
        foreach (var message in messages)
        {
            if (message.Event is { } e)
            {
                var arrived = NewArrival("x").Arrived;
                await _store.PutInboxAsync(message.TargetInstanceId, new InboxMessage(message.InboxRowKey!, e, arrived), stop);
                Signal(message.TargetInstanceId);
                continue;
            }

            await StartChildAsync(sourceId, message, stop);
        }
    }

    private async Task StartChildAsync(string parentId, OutboxMessage message, CancellationToken stop)
    {
        var now = _time.GetUtcNow();
        var existing = await _store.GetInstanceAsync(message.TargetInstanceId, stop);
        if (existing is not null && existing.ParentInstanceId == parentId && existing.ParentGeneration == message.ParentGeneration && existing.ParentTaskId == message.ParentTaskId)
        {
            Signal(message.TargetInstanceId);
            return;
        }

        if (existing is not null && !existing.IsTerminal)
        {
            var failure = new HistoryEvent
            {
                Kind = HistoryEventKind.SubOrchestrationFailed,
                TaskId = message.ParentTaskId,
                Failure = new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"An orchestration with instance ID '{message.TargetInstanceId}' already exists.", null, null, null),
                Timestamp = now.UtcDateTime,
            };
            await _store.PutInboxAsync(parentId, new InboxMessage(InboxMessage.ResultKey(message.ParentGeneration, message.ParentTaskId), failure, NewArrival("r").Arrived), stop);
            Signal(parentId);
            return;
        }

        var record = new InstanceRecord
        {
            InstanceId = message.TargetInstanceId,
            Name = message.StartName!,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = message.StartInput,
            CreatedAt = now,
            LastUpdatedAt = now,
            Generation = (existing?.Generation ?? 0) + 1,
            Episodes = existing?.Episodes ?? 0,
            ParentInstanceId = parentId,
            ParentName = message.ParentName,
            ParentGeneration = message.ParentGeneration,
            ParentTaskId = message.ParentTaskId,
            ETag = existing?.ETag ?? default,
        };
        if (!await _store.SaveNewInstanceAsync(record, existing is not null, stop))
        {
            // Someone else wrote the row meanwhile: decide again from what is there now.
            await StartChildAsync(parentId, message, stop);
            return;
        }

        Signal(message.TargetInstanceId);
    }

    /// <summary>Re-arms what a crash or restart left outstanding: activities without a result and timers that have not fired.</summary>
    private void Recover(InstanceRecord record, InstanceState state)
    {
        var outcomes = state.History.Where(e => e.IsTaskOutcome).Select(e => e.TaskId).ToHashSet();
        var delivered = state.Inbox.Where(m => m.Generation == record.Generation && m.Event.IsTaskOutcome).Select(m => m.Event.TaskId).ToHashSet();
        var waiting = false;
        foreach (var action in state.History.Where(e => e.IsAction && !outcomes.Contains(e.TaskId) && !delivered.Contains(e.TaskId)))
        {
            if (action.Kind == HistoryEventKind.TaskScheduled)
            {
                Dispatch(new ActivityWorkItem(record.InstanceId, record.Generation, action.TaskId, action.Name!, action.Data));
            }
            else if (action.Kind == HistoryEventKind.TimerCreated)
            {
                _timers.Schedule(new DurableTimer(action.FireAt!.Value, record.InstanceId, record.Generation, action.TaskId));
                waiting = true;
            }
        }

        LogRecovered(_logger, record.InstanceId, record.Status, waiting);
    }

    private void Dispatch(ActivityWorkItem item)
    {
        if (_activitiesInFlight.TryAdd(item.Key, 0))
        {
            _activityQueue.Writer.TryWrite(item);
        }
    }

    private async Task ActivityLoopAsync(CancellationToken stop)
    {
        await foreach (var item in _activityQueue.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                var result = await RunActivityAsync(item, stop);
                var arrived = NewArrival("r").Arrived;
                await Retry(() => _store.PutInboxAsync(item.InstanceId, new InboxMessage(InboxMessage.ResultKey(item.Generation, item.TaskId), result, arrived), stop), stop);
                _activitiesInFlight.TryRemove(item.Key, out _);
                Signal(item.InstanceId);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The result could not be stored: recovery runs the activity again shortly (at least once).
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogEpisodeFailed(_logger, e, item.InstanceId);
                _activitiesInFlight.TryRemove(item.Key, out _);
                _timers.Schedule(new DurableTimer(_time.GetUtcNow().UtcDateTime.AddSeconds(2), item.InstanceId, 0, -2));
            }
        }
    }

    private async Task<HistoryEvent> RunActivityAsync(ActivityWorkItem item, CancellationToken stop)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (!_activities.TryGetValue(item.Name, out var function))
        {
            return new HistoryEvent
            {
                Kind = HistoryEventKind.TaskFailed,
                TaskId = item.TaskId,
                Failure = new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"The activity function '{item.Name}' does not exist.", null, null, null),
                Timestamp = now,
            };
        }

        try
        {
            var input = DurableJson.Deserialize(item.Input, function.TriggerParameter.ParameterType);
            var output = await Task.Run(() => _invoker().InvokeAsync(function, input, NoBindingData, stop), CancellationToken.None);
            var data = DurableJson.Serialize(output);
            if (data is { Length: > LargeText.MaxLength })
            {
                // Storing it would fail on every retry and stall the instance: the orchestrator gets a failure it can handle instead.
                var tooLarge = new InvalidOperationException(
                    $"The result of activity '{item.Name}' is {data.Length} characters; the local runtime stores at most {LargeText.MaxLength}. Return less, or keep large data in storage and return a key.");
                return new HistoryEvent { Kind = HistoryEventKind.TaskFailed, TaskId = item.TaskId, Failure = TaskFailureDetails.FromException(tooLarge), Timestamp = _time.GetUtcNow().UtcDateTime };
            }

            return new HistoryEvent { Kind = HistoryEventKind.TaskCompleted, TaskId = item.TaskId, Data = data, Timestamp = _time.GetUtcNow().UtcDateTime };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // An activity's exception is its outcome, handed to the orchestrator.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new HistoryEvent { Kind = HistoryEventKind.TaskFailed, TaskId = item.TaskId, Failure = TaskFailureDetails.FromException(e), Timestamp = _time.GetUtcNow().UtcDateTime };
        }
    }

    private async Task FireTimerAsync(DurableTimer timer, CancellationToken stop)
    {
        if (timer.TaskId >= 0)
        {
            var fired = new HistoryEvent { Kind = HistoryEventKind.TimerFired, TaskId = timer.TaskId, FireAt = timer.FireAt, Timestamp = timer.FireAt };
            await _store.PutInboxAsync(timer.InstanceId, new InboxMessage(InboxMessage.ResultKey(timer.Generation, timer.TaskId), fired, NewArrival("r").Arrived), stop);
        }

        Signal(timer.InstanceId, recover: timer.TaskId == -2);
    }

    private async Task RescanLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RescanInterval, _time, stop);
                foreach (var id in await _store.FindInstancesWithWorkAsync(includeUnfinished: false, stop))
                {
                    Signal(id);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed rescan is retried at the next interval.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogRescanFailed(_logger, e);
            }
        }
    }

    private async Task DeleteRowsAsync(string instanceId, IEnumerable<(string RowKey, ETag ETag)> rows, CancellationToken stop)
    {
        foreach (var batch in rows.Chunk(100))
        {
            await _store.CommitAsync([.. batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, r.RowKey), ETag.All))], stop);
        }
    }

    private async Task Retry(Func<Task> write, CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (RequestFailedException) when (attempt < 10 && !stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, stop);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Orchestration '{InstanceId}' ({Name}) episode: {Outcome}, {Events} new history events")]
    private static partial void LogEpisode(ILogger logger, string instanceId, string name, EpisodeOutcome outcome, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orchestration '{InstanceId}' is now {Status}")]
    private static partial void LogControl(ILogger logger, string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Orchestration '{InstanceId}' recovered ({Status}, timers pending: {Waiting})")]
    private static partial void LogRecovered(ILogger logger, string instanceId, OrchestrationRuntimeStatus status, bool waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orchestration '{InstanceId}' could not be processed; retrying shortly")]
    private static partial void LogEpisodeFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable rescan failed")]
    private static partial void LogRescanFailed(ILogger logger, Exception exception);

    private sealed class Slot
    {
        public bool Queued { get; set; }

        public bool Dirty { get; set; }

        public bool Recover { get; set; }
    }
}
