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

    // A history kept in the instance row is rewritten by every episode: small ones (trackers, most orchestrations) stay there,
    // larger ones move to history rows. The second bound keeps the row within the 1 MB entity limit beside input, output and status.
    private const int MaxInlineHistory = 120_000;
    private const int MaxInlineRowText = 300_000;

    // Instances whose last committed state stays in memory (about 4 KB each), so their next episode needs no reads.
    private const int MaxWarmInstances = 20_000;

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
    private readonly ConcurrentDictionary<string, Delivery> _deliveries = new(StringComparer.Ordinal);
    private readonly TimerScheduler _timers;
    private readonly List<Task> _loops = [];
    private CancellationTokenSource? _stopping;
    private long _lastArrival;
    private int _warmInstances;

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
        foreach (var (id, rows) in await _store.FindInstancesWithWorkAsync(includeUnfinished: true, cancellationToken))
        {
            Signal(id, rows, recover: true);
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
        await StoreUndeliveredAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the events handed over in memory that no episode committed before the stop as inbox rows, so the next start consumes them.
    /// An episode cut short while committing may have taken one already: the event then arrives twice, as a redelivered queue message
    /// can with the Durable Task runtime.
    /// </summary>
    private async Task StoreUndeliveredAsync(CancellationToken cancellationToken)
    {
        foreach (var delivery in _deliveries.Values)
        {
            try
            {
                await _store.PutInboxAsync(delivery.InstanceId, delivery.Message with { Stored = true }, cancellationToken);
                Settle([delivery.Message.RowKey]);
            }
#pragma warning disable CA1031 // The caller hears of the failure; the other events still get their chance.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (_deliveries.TryRemove(delivery.Message.RowKey, out var failed))
                {
                    failed.Done.TrySetException(new InvalidOperationException($"The host stopped before event {delivery.Message.Event.Name} for orchestration instance {delivery.InstanceId} was stored.", e));
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping?.Dispose();
    }

    /// <summary>Asks for an episode of <paramref name="instanceId"/>; several signals while one runs cause one more episode.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="row">The key of the inbox row just written for it, if any: episodes read the rows they were told of by key.</param>
    /// <param name="recover">Re-arm what a crash may have left outstanding (activities, timers).</param>
    public void Signal(string instanceId, string? row = null, bool recover = false) =>
        Signal(instanceId, row is null ? [] : [row], recover);

    /// <summary>Asks for an episode of <paramref name="instanceId"/>, naming the inbox and outbox rows known to wait for it.</summary>
    public void Signal(string instanceId, IEnumerable<string> rows, bool recover) =>
        Signal(instanceId, recover, slot =>
        {
            foreach (var row in rows)
            {
                slot.Rows.TryAdd(row, null);
            }
        });

    /// <summary>
    /// Asks for an episode of <paramref name="instanceId"/> to consume <paramref name="message"/>, which this process has just stored
    /// (or hands over without a row, see <see cref="DeliverAsync"/>).
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="message">The message; the episode takes it from memory instead of reading its row back.</param>
    public void Signal(string instanceId, InboxMessage message) =>
        Signal(instanceId, recover: false, slot => slot.Rows[message.RowKey] = message);

    /// <summary>
    /// Hands an external event to a running instance in memory instead of writing it to the inbox first. The task completes once an
    /// episode has committed the event (into the history, or as an inbox row when the episode could not take it yet): the event is then
    /// as durable as a written inbox row, and it cost one write and one delete fewer. Meant for instances
    /// <see cref="IsKnownActive"/> reports; events for an instance that has finished meanwhile are dropped, as stored ones are.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="message">The event, with a key from <see cref="NewArrival"/>.</param>
    public Task DeliverAsync(string instanceId, InboxMessage message)
    {
        var unstored = message with { Stored = false };
        var delivery = new Delivery(instanceId, unstored, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _deliveries[unstored.RowKey] = delivery;
        Signal(instanceId, unstored);
        return delivery.Done.Task;
    }

    /// <summary>Completes the deliveries among <paramref name="rowKeys"/>: their messages were committed (or dropped with their instance).</summary>
    private void Settle(IEnumerable<string> rowKeys)
    {
        foreach (var rowKey in rowKeys)
        {
            if (_deliveries.TryRemove(rowKey, out var delivery))
            {
                delivery.Done.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Whether this process committed the latest state of <paramref name="instanceId"/> and it is still going, so that a caller may skip
    /// reading the instance row. Another process's commit makes this process's next episode of it fail and reload, never act on stale state.
    /// </summary>
    public bool IsKnownActive(string instanceId)
    {
        if (!_slots.TryGetValue(instanceId, out var slot))
        {
            return false;
        }

        lock (slot)
        {
            return slot.Warm?.Record is { IsTerminal: false };
        }
    }

    private void Signal(string instanceId, bool recover, Action<Slot> note)
    {
        var slot = _slots.GetOrAdd(instanceId, _ => new Slot());
        lock (slot)
        {
            note(slot);
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
                    if (await ProcessAsync(id, slot, recover, stop))
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
    private async Task<bool> ProcessAsync(string id, Slot slot, bool recover, CancellationToken stop)
    {
        Dictionary<string, InboxMessage?> hints;
        InstanceState? warm;
        lock (slot)
        {
            hints = new(slot.Rows, StringComparer.Ordinal);
            warm = TakeWarm(slot);
        }

        var state = warm is null || recover ? await LoadAsync(id, hints, stop) : await ResumeAsync(id, warm, hints, stop);
        var present = state.Inbox.Select(m => m.RowKey).Concat(state.Outbox.Select(o => o.RowKey)).ToHashSet(StringComparer.Ordinal);
        slot.Forget(hints.Keys.Where(h => !present.Contains(h)));
        foreach (var (rowKey, messages) in state.Outbox)
        {
            await CarryOutAsync(id, messages, stop);
            await _store.DeleteRowAsync(id, rowKey, stop);
            slot.Forget([rowKey]);
        }

        var record = state.Record;
        if (record is null || record.IsTerminal)
        {
            // Nothing consumes messages for a missing or finished instance; they are dropped as the Durable Task runtime does.
            var leftovers = state.Inbox.Where(m => m.Stored).Select(m => (m.RowKey, ETag.All)).Concat(record is null ? [] : state.Stale).ToList();
            await DeleteRowsAsync(id, leftovers, stop);
            slot.Forget(leftovers.Select(l => l.RowKey).Concat(state.Inbox.Select(m => m.RowKey)));
            Settle(state.Inbox.Select(m => m.RowKey));
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
            await DeleteRowsAsync(id, stale.Where(m => m.Stored).Select(m => (m.RowKey, ETag.All)), stop);
            slot.Forget(stale.Select(m => m.RowKey));
            Settle(stale.Select(m => m.RowKey));
            state.Inbox.RemoveAll(stale.Contains);
        }

        var now = _time.GetUtcNow();
        if (record.Status == OrchestrationRuntimeStatus.Pending && record.StartAt is { } startAt && startAt > now)
        {
            await StoreHandedOverAsync(id, slot, state, stop);
            _timers.Schedule(new DurableTimer(startAt.UtcDateTime, id, record.Generation, -1));
            return false;
        }

        var control = state.Inbox.Where(m => m.Event.IsControl).Take(_options.MaxMessagesPerEpisode).ToList();
        if (control.Count > 0)
        {
            return await ApplyControlAsync(record, state, slot, control, stop);
        }

        if (record.Status == OrchestrationRuntimeStatus.Suspended || (Started(state) && state.Inbox.Count == 0))
        {
            // Nothing changed: what was loaded is still the latest state.
            await StoreHandedOverAsync(id, slot, state, stop);
            KeepWarm(slot, record, record.ETag, state.History);
            return false;
        }

        return await RunEpisodeAsync(record, state, slot, stop);
    }

    /// <summary>Events handed over in memory that no episode will take soon (the instance is suspended or not started) become inbox rows.</summary>
    private async Task StoreHandedOverAsync(string id, Slot slot, InstanceState state, CancellationToken stop)
    {
        foreach (var message in state.Inbox.Where(m => !m.Stored))
        {
            var stored = message with { Stored = true };
            await _store.PutInboxAsync(id, stored, stop);
            lock (slot)
            {
                slot.Rows[message.RowKey] = stored;
            }

            Settle([message.RowKey]);
        }
    }

    /// <summary>The state of an instance as stored, plus the messages it was told of (those handed over in memory taken from memory).</summary>
    private async Task<InstanceState> LoadAsync(string id, Dictionary<string, InboxMessage?> hints, CancellationToken stop)
    {
        var state = await _store.LoadAsync(id, [.. hints.Where(h => h.Value is not { Stored: false }).Select(h => h.Key)], stop);
        var unstored = hints.Values.OfType<InboxMessage>().Where(m => !m.Stored).ToList();
        if (unstored.Count > 0)
        {
            state.Inbox.AddRange(unstored);
            state.Inbox.Sort(DurableStore.InboxOrder);
        }

        return state;
    }

    /// <summary>The state of an instance from what this process last committed, plus the messages it was told of.</summary>
    private async Task<InstanceState> ResumeAsync(string id, InstanceState warm, Dictionary<string, InboxMessage?> hints, CancellationToken stop)
    {
        var state = new InstanceState { Record = warm.Record, HistoryInline = true };
        state.History.AddRange(warm.History);
        state.Inbox.AddRange(hints.Values.OfType<InboxMessage>());
        await _store.ReadMessageRowsAsync(state, id, hints.Where(h => h.Value is null).Select(h => h.Key), stop);
        return state;
    }

    private InstanceState? TakeWarm(Slot slot)
    {
        var warm = slot.Warm;
        if (warm is not null)
        {
            slot.Warm = null;
            Interlocked.Decrement(ref _warmInstances);
        }

        return warm;
    }

    /// <summary>Keeps a committed state in memory for the instance's next episode (inline histories of running instances only).</summary>
    private void KeepWarm(Slot slot, InstanceRecord record, ETag? committed, IEnumerable<HistoryEvent> history)
    {
        if (committed is not { } etag || etag == default || record.InlineHistory is null || record.IsTerminal
            || Volatile.Read(ref _warmInstances) >= MaxWarmInstances)
        {
            return;
        }

        record.ETag = etag;
        var warm = new InstanceState { Record = record, HistoryInline = true };
        warm.History.AddRange(history);
        lock (slot)
        {
            TakeWarm(slot);
            slot.Warm = warm;
            Interlocked.Increment(ref _warmInstances);
        }
    }

    private async Task<bool> ApplyControlAsync(InstanceRecord record, InstanceState state, Slot slot, List<InboxMessage> control, CancellationToken stop)
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
        var actions = new List<TableTransactionAction>();
        PlaceHistory(record, state, record.Generation, [.. control.Select(m => m.Event with { Timestamp = now.UtcDateTime })], actions);
        actions.Insert(0, new TableTransactionAction(TableTransactionActionType.UpdateReplace, record.ToEntity(), record.ETag));
        actions.AddRange(consumed.Where(m => m.Stored).Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(record.InstanceId, m.RowKey), ETag.All)));
        string? outboxKey = null;
        if (outbox.Count > 0)
        {
            outboxKey = DurableStore.OutboxKey(record.InstanceId, record.Generation, record.Episodes);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, DurableStore.OutboxEntity(record.InstanceId, outboxKey, outbox)));
        }

        if (!await _store.CommitAsync(actions, stop))
        {
            return true;
        }

        slot.Forget(consumed.Select(m => m.RowKey));
        Settle(consumed.Select(m => m.RowKey));
        LogControl(_logger, record.InstanceId, record.Status);
        await AfterCommitAsync(record.InstanceId, slot, outboxKey, outbox, stop);
        return true;
    }

    private async Task<bool> RunEpisodeAsync(InstanceRecord record, InstanceState state, Slot slot, CancellationToken stop)
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

        // A ContinueAsNew whose history is inline goes straight on with the new generation's first episode, in memory, and both
        // commit together: a generation costs one write instead of two writes and a read (the trackers restart every round).
        var stored = state.Inbox.Where(m => m.Stored).Select(m => m.RowKey).ToHashSet(StringComparer.Ordinal);
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        var live = new Dictionary<string, InboxMessage>(StringComparer.Ordinal);
        var outbox = new List<OutboxMessage>();
        var activities = new List<ActivityWorkItem>();
        var timers = new List<DurableTimer>();
        var taken = messages.Count;
        IReadOnlyList<HistoryEvent> history = state.History;
        var continueInMemory = state.HistoryInline || state.HistoryRows == 0;
        OrchestrationEpisode episode;
        for (var round = 0; ; round++)
        {
            episode = RunOne(record, history, messages, now);
            if (stop.IsCancellationRequested)
            {
                return false;
            }

            activities.Clear();
            timers.Clear();
            CollectActions(record, episode, now, activities, timers, outbox);
            foreach (var message in episode.Consumed)
            {
                consumed.Add(message.RowKey);
                live.Remove(message.RowKey);
            }

            record.CustomStatus = episode.CustomStatus;
            if (!ApplyOutcome(record, episode, outbox))
            {
                break;
            }

            // Events the old generation received but did not consume move to the new one (keeping their rows when they have one).
            activities.Clear();
            timers.Clear();
            var pending = messages.Concat(state.Inbox).ToList();
            var carried = new List<InboxMessage>();
            foreach (var e in episode.CarriedEvents)
            {
                var original = pending.FirstOrDefault(m => m.Event == e);
                var (rowKey, arrived) = original is null ? NewArrival("e") : (original.RowKey, original.Arrived);
                consumed.Remove(rowKey);
                live[rowKey] = new InboxMessage(rowKey, e, arrived);
                carried.Add(live[rowKey]);
            }

            if (!continueInMemory || round >= 4)
            {
                break;
            }

            history = [];
            messages = carried;
        }

        if (episode.Outcome is EpisodeOutcome.Completed or EpisodeOutcome.Failed)
        {
            // A finished instance runs nothing more, and events it never consumed are dropped, as the Durable Task runtime does.
            activities.Clear();
            timers.Clear();
            live.Clear();
        }

        record.LastUpdatedAt = now;
        record.Episodes++;
        var actions = new List<TableTransactionAction>();
        if (episode.Outcome != EpisodeOutcome.ContinuedAsNew)
        {
            var placed = ReferenceEquals(history, state.History) ? state : new InstanceState { HistoryInline = true };
            PlaceHistory(record, placed, record.Generation, episode.NewEvents, actions);
        }
        else
        {
            // The new generation starts with an empty history; rows of the old one are deleted by the next load, which then sees them.
            record.InlineHistory = continueInMemory ? "[]" : null;
        }

        actions.Insert(0, new TableTransactionAction(TableTransactionActionType.UpdateReplace, record.ToEntity(), record.ETag));

        // Only rows that exist can be deleted: a message handed over in memory, or carried and consumed in memory, never had one.
        var consumedAll = consumed.ToList();
        consumed.IntersectWith(stored);
        actions.AddRange(consumed.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(record.InstanceId, k), ETag.All)));
        actions.AddRange(live.Values.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, DurableStore.InboxEntity(record.InstanceId, m))));
        string? outboxKey = null;
        if (outbox.Count > 0)
        {
            outboxKey = DurableStore.OutboxKey(record.InstanceId, record.Generation, record.Episodes);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, DurableStore.OutboxEntity(record.InstanceId, outboxKey, outbox)));
        }

        var committed = await _store.CommitEpisodeAsync(actions, stop);
        if (committed is null)
        {
            return true;
        }

        KeepWarm(slot, record, committed, episode.Outcome == EpisodeOutcome.ContinuedAsNew ? [] : [.. history, .. episode.NewEvents]);
        slot.Forget(consumedAll);
        lock (slot)
        {
            foreach (var message in live.Values)
            {
                slot.Rows[message.RowKey] = message;
            }
        }

        Settle(consumedAll.Concat(live.Keys));
        if (episode.Outcome is EpisodeOutcome.Completed or EpisodeOutcome.Failed)
        {
            // Events handed over that the finished instance never took are dropped, as its inbox rows are: their senders go on.
            var dropped = state.Inbox.Where(m => !m.Stored).Select(m => m.RowKey).ToList();
            slot.Forget(dropped);
            Settle(dropped);
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

        await AfterCommitAsync(record.InstanceId, slot, outboxKey, outbox, stop);
        return episode.Outcome == EpisodeOutcome.ContinuedAsNew || (episode.Outcome == EpisodeOutcome.Running && (live.Count > 0 || state.Inbox.Count > taken));
    }

    private OrchestrationEpisode RunOne(InstanceRecord record, IReadOnlyList<HistoryEvent> history, List<InboxMessage> messages, DateTimeOffset now)
    {
        var episode = new OrchestrationEpisode(record, history, now.UtcDateTime, _loggers);
        if (_orchestrators.TryGetValue(record.Name, out var function))
        {
            var invoker = _invoker();
            episode.Run(context => invoker.InvokeAsync(function, context, NoBindingData, _stopping?.Token ?? CancellationToken.None), messages);
        }
        else
        {
            episode.Run(_ => throw new InvalidOperationException($"The orchestrator function '{record.Name}' does not exist."), messages);
        }

        return episode;
    }

    /// <summary>Turns the actions an episode took first into work: activities to run, timers to arm, messages to send.</summary>
    private static void CollectActions(InstanceRecord record, OrchestrationEpisode episode, DateTimeOffset now, List<ActivityWorkItem> activities, List<DurableTimer> timers, List<OutboxMessage> outbox)
    {
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
    }

    /// <summary>Records an episode's outcome on the instance.</summary>
    /// <returns>True when the orchestration continued as new (the record now describes the new generation).</returns>
    private static bool ApplyOutcome(InstanceRecord record, OrchestrationEpisode episode, List<OutboxMessage> outbox)
    {
        switch (episode.Outcome)
        {
            case EpisodeOutcome.Completed:
                record.Status = OrchestrationRuntimeStatus.Completed;
                record.Output = episode.Output;
                AddParentNotification(record, outbox);
                return false;
            case EpisodeOutcome.Failed:
                record.Status = OrchestrationRuntimeStatus.Failed;
                record.Failure = episode.Failure;
                AddParentNotification(record, outbox);
                return false;
            case EpisodeOutcome.ContinuedAsNew:
                record.Status = OrchestrationRuntimeStatus.Running;
                record.Input = episode.ContinueAsNewInput;
                record.Generation++;
                return true;
            default:
                record.Status = OrchestrationRuntimeStatus.Running;
                return false;
        }
    }

    /// <summary>
    /// Puts the history of an episode where it belongs: in the instance row while the generation's whole history is small and
    /// has never been in rows, otherwise in history rows added to <paramref name="actions"/> (all of it when it leaves the row).
    /// </summary>
    private static void PlaceHistory(InstanceRecord record, InstanceState state, int generation, IReadOnlyList<HistoryEvent> newEvents, List<TableTransactionAction> actions)
    {
        IReadOnlyList<HistoryEvent> toRows = newEvents;
        if (state.HistoryInline || state.HistoryRows == 0)
        {
            List<HistoryEvent> all = [.. state.History, .. newEvents];
            var json = DurableJson.Serialize(all)!;
            if (json.Length <= MaxInlineHistory && json.Length + record.TextLength <= MaxInlineRowText)
            {
                record.InlineHistory = json;
                return;
            }

            toRows = all;
        }

        record.InlineHistory = null;
        actions.AddRange(DurableStore.HistoryEntities(record.InstanceId, generation, record.Episodes, toRows)
            .Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
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
            InboxRowKey = InboxMessage.ResultKey(parent, record.ParentGeneration, record.ParentTaskId),
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

    private async Task AfterCommitAsync(string instanceId, Slot slot, string? outboxKey, List<OutboxMessage> outbox, CancellationToken stop)
    {
        NotifyChanged(instanceId);
        if (outboxKey is not null)
        {
            // Named first, so that a retry after a failed carry-out finds the row.
            lock (slot)
            {
                slot.Rows.TryAdd(outboxKey, null);
            }

            await CarryOutAsync(instanceId, outbox, stop);
            await _store.DeleteRowAsync(instanceId, outboxKey, stop);
            slot.Forget([outboxKey]);
        }
    }

    private async Task CarryOutAsync(string sourceId, IReadOnlyList<OutboxMessage> messages, CancellationToken stop)
    {
        foreach (var message in messages)
        {
            if (message.Event is { } e)
            {
                var arrived = NewArrival("x").Arrived;
                var delivered = new InboxMessage(message.InboxRowKey!, e, arrived);
                await _store.PutInboxAsync(message.TargetInstanceId, delivered, stop);
                Signal(message.TargetInstanceId, delivered);
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
            var result = new InboxMessage(InboxMessage.ResultKey(parentId, message.ParentGeneration, message.ParentTaskId), failure, NewArrival("r").Arrived);
            await _store.PutInboxAsync(parentId, result, stop);
            Signal(parentId, result);
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
            InlineHistory = existing is null || existing.InlineHistory is not null ? "[]" : null,
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
                var message = new InboxMessage(InboxMessage.ResultKey(item.InstanceId, item.Generation, item.TaskId), result, NewArrival("r").Arrived);
                await Retry(() => _store.PutInboxAsync(item.InstanceId, message, stop), stop);
                _activitiesInFlight.TryRemove(item.Key, out _);
                Signal(item.InstanceId, message);
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
            var message = new InboxMessage(InboxMessage.ResultKey(timer.InstanceId, timer.Generation, timer.TaskId), fired, NewArrival("r").Arrived);
            await _store.PutInboxAsync(timer.InstanceId, message, stop);
            Signal(timer.InstanceId, message);
            return;
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
                foreach (var (id, rows) in await _store.FindInstancesWithWorkAsync(includeUnfinished: false, stop))
                {
                    Signal(id, rows, recover: false);
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

    /// <summary>An event handed over in memory, and what its sender waits on.</summary>
    private sealed record Delivery(string InstanceId, InboxMessage Message, TaskCompletionSource Done);

    private sealed class Slot
    {
        /// <summary>
        /// Inbox and outbox rows known to wait for the instance, with their content when this process wrote them (else read by key);
        /// forgotten once consumed or found gone.
        /// </summary>
        public Dictionary<string, InboxMessage?> Rows { get; } = new(StringComparer.Ordinal);

        /// <summary>The state this process last committed, while nothing else is known to have changed it.</summary>
        public InstanceState? Warm { get; set; }

        public bool Queued { get; set; }

        public bool Dirty { get; set; }

        public bool Recover { get; set; }

        public void Forget(IEnumerable<string> rows)
        {
            lock (this)
            {
                foreach (var row in rows)
                {
                    Rows.Remove(row);
                }
            }
        }
    }
}
