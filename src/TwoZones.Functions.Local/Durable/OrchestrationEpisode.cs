using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// One episode of an orchestration: replays the orchestrator over its history (completed work satisfied from history,
/// actions checked against it), then feeds it the new inbox messages, and records what it did. Runs synchronously on the
/// calling thread under an <see cref="EpisodeSynchronizationContext"/>.
/// </summary>
internal sealed class OrchestrationEpisode
{
    private readonly InstanceRecord _record;
    private readonly IReadOnlyList<HistoryEvent> _past;
    private readonly Dictionary<int, HistoryEvent> _pastActions = [];
    private readonly HashSet<int> _pastOutcomes = [];
    private readonly HashSet<string> _pastMessages = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Action<HistoryEvent>> _pending = [];
    private readonly Dictionary<string, Stack<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<HistoryEvent>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _bufferOrder = [];
    private readonly EpisodeSynchronizationContext _sync = new();
    private readonly DateTime _now;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private Task<object?>? _run;
    private int _nextTaskId;
    private int _guidCounter;
    private bool _touched;

    public OrchestrationEpisode(InstanceRecord record, IReadOnlyList<HistoryEvent> past, DateTime now, ILoggerFactory loggers)
    {
        _record = record;
        _past = past;
        _now = now;
        Loggers = loggers;
        foreach (var e in past)
        {
            if (e.IsAction)
            {
                _pastActions[e.TaskId] = e;
            }
            else if (e.IsTaskOutcome)
            {
                _pastOutcomes.Add(e.TaskId);
            }

            if (e.MessageId is not null)
            {
                _pastMessages.Add(e.MessageId);
            }
        }

        Context = new LocalOrchestrationContext(this);
    }

    public LocalOrchestrationContext Context { get; }

    public InstanceRecord Record => _record;

    public ILoggerFactory Loggers { get; }

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; private set; }

    /// <summary>Events this episode appended to the history.</summary>
    public List<HistoryEvent> NewEvents { get; } = [];

    /// <summary>Actions first taken in this episode (activities, timers, sub-orchestrations, sent events).</summary>
    public List<HistoryEvent> NewActions { get; } = [];

    /// <summary>Inbox messages this episode consumed (applied, or dropped as duplicates or stale).</summary>
    public List<InboxMessage> Consumed { get; } = [];

    public EpisodeOutcome Outcome { get; private set; }

    public string? Output { get; private set; }

    public TaskFailureDetails? Failure { get; private set; }

    public string? CustomStatus { get; private set; }

    public string? ContinueAsNewInput { get; private set; }

    /// <summary>With ContinueAsNew, the received events the orchestrator had not consumed, to carry into the new generation.</summary>
    public List<HistoryEvent> CarriedEvents { get; } = [];

    private bool Finished => (_run?.IsCompleted ?? false) || NonDeterminism is not null;

    private string? NonDeterminism { get; set; }

    private (string? Input, bool Preserve)? ContinueAsNewRequest { get; set; }

    /// <summary>Runs the episode. <paramref name="start"/> invokes the orchestrator function with the context.</summary>
    public void Run(Func<TaskOrchestrationContext, Task<object?>> start, IReadOnlyList<InboxMessage> inbox)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_sync);
        try
        {
            IsReplaying = true;
            CurrentUtcDateTime = _now;
            foreach (var e in _past)
            {
                if (Finished)
                {
                    break;
                }

                Apply(e, start);
            }

            IsReplaying = false;
            if (!Finished)
            {
                if (!_past.Any(e => e.Kind == HistoryEventKind.ExecutionStarted))
                {
                    Append(new HistoryEvent { Kind = HistoryEventKind.ExecutionStarted, Name = _record.Name, Data = _record.Input, Timestamp = _now });
                }

                Append(new HistoryEvent { Kind = HistoryEventKind.OrchestratorStarted, Timestamp = _now });
                Apply(NewEvents[^1], start);
                foreach (var message in inbox)
                {
                    if (Finished)
                    {
                        break;
                    }

                    Consumed.Add(message);
                    if (IsDuplicate(message))
                    {
                        continue;
                    }

                    Append(message.Event);
                    Apply(message.Event, start);
                }
            }

            Finish();
        }
        finally
        {
            _sync.Close();
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private bool IsDuplicate(InboxMessage message)
    {
        var e = message.Event;
        if (message.Generation is { } generation && generation != _record.Generation)
        {
            return true;
        }

        if (e.IsTaskOutcome)
        {
            return !_pastActions.ContainsKey(e.TaskId) && !NewActions.Any(a => a.TaskId == e.TaskId)
                || _pastOutcomes.Contains(e.TaskId)
                || NewEvents.Any(n => n.IsTaskOutcome && n.TaskId == e.TaskId);
        }

        return e.Kind != HistoryEventKind.EventRaised
            || (e.MessageId is not null && (_pastMessages.Contains(e.MessageId) || NewEvents.Any(n => n.MessageId == e.MessageId)));
    }

    private void Append(HistoryEvent e) => NewEvents.Add(e);

    private void Apply(HistoryEvent e, Func<TaskOrchestrationContext, Task<object?>> start)
    {
        switch (e.Kind)
        {
            case HistoryEventKind.OrchestratorStarted:
                CurrentUtcDateTime = DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc);
                if (_run is null)
                {
                    try
                    {
                        _run = start(Context);
                    }
#pragma warning disable CA1031 // A synchronous throw is the orchestrator failing, recorded as its outcome.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        _run = Task.FromException<object?>(ex);
                    }

                    AwaitStart();
                }

                break;
            case HistoryEventKind.EventRaised:
                Deliver(e);
                break;
            default:
                if (e.IsTaskOutcome && _pending.Remove(e.TaskId, out var complete))
                {
                    complete(e);
                }

                break;
        }

        _sync.Drain();
    }

    // Middleware may await real I/O before the orchestrator function runs: give it time to reach its first durable call.
    private void AwaitStart()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        _sync.Drain();
        while (!_touched && !_run!.IsCompleted && DateTime.UtcNow < deadline && _sync.WaitForPost(deadline - DateTime.UtcNow))
        {
            _sync.Drain();
        }
    }

    private void Finish()
    {
        CustomStatus = Context.CustomStatusToStore(_record.CustomStatus);
        if (NonDeterminism is not null)
        {
            Outcome = EpisodeOutcome.Failed;
            Failure = new TaskFailureDetails("DurableTask.Core.Exceptions.NonDeterministicOrchestrationException", NonDeterminism, null, null, null);
            return;
        }

        if (_run is null || !_run.IsCompleted)
        {
            Outcome = _sync.Unhandled is { } unhandled ? Fail(unhandled) : EpisodeOutcome.Running;
            return;
        }

        if (_run.IsFaulted || _run.IsCanceled)
        {
            Outcome = Fail(_run.IsFaulted ? _run.Exception!.InnerException ?? _run.Exception : new TaskCanceledException(_run));
            return;
        }

        if (ContinueAsNewRequest is { } request)
        {
            Outcome = EpisodeOutcome.ContinuedAsNew;
            ContinueAsNewInput = request.Input;
            if (request.Preserve)
            {
                CarriedEvents.AddRange(_bufferOrder);
            }

            return;
        }

        Outcome = EpisodeOutcome.Completed;
        Output = DurableJson.Serialize(_run.Result);
    }

    private EpisodeOutcome Fail(Exception exception)
    {
        Failure = TaskFailureDetails.FromException(exception);
        return EpisodeOutcome.Failed;
    }

    // Sequence numbers are handed out in call order; on replay each must meet the same kind and name in the history.
    private int NextAction(HistoryEventKind kind, string? name, Func<int, HistoryEvent> create)
    {
        _touched = true;
        var id = _nextTaskId++;
        if (_pastActions.TryGetValue(id, out var recorded))
        {
            if (recorded.Kind != kind || !string.Equals(recorded.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                NonDeterminism ??= $"Non-deterministic workflow detected: at sequence number {id} the history expects {Describe(recorded.Kind, recorded.Name)}"
                    + $" but the orchestrator now requested {Describe(kind, name)}. Orchestrator code must be deterministic.";
            }

            return id;
        }

        var e = create(id);
        Append(e);
        NewActions.Add(e);
        return id;
    }

    private static string Describe(HistoryEventKind kind, string? name) => kind switch
    {
        HistoryEventKind.TaskScheduled => $"activity '{name}' (CallActivityAsync)",
        HistoryEventKind.TimerCreated => "a durable timer (CreateTimer)",
        HistoryEventKind.SubOrchestrationCreated => $"sub-orchestration '{name}' (CallSubOrchestratorAsync)",
        HistoryEventKind.EventSent => $"event '{name}' sent (SendEvent)",
        _ => kind.ToString(),
    };

    internal Task<T> ScheduleActivity<T>(string name, object? input)
    {
        var tcs = new TaskCompletionSource<T>();
        var id = NextAction(HistoryEventKind.TaskScheduled, name, id => new HistoryEvent
        {
            Kind = HistoryEventKind.TaskScheduled,
            TaskId = id,
            Name = name,
            Data = DurableJson.Serialize(input),
            Timestamp = CurrentUtcDateTime,
        });
        return NonDeterminism is null ? Await(tcs, name, id) : new TaskCompletionSource<T>().Task;
    }

    internal Task<T> ScheduleSubOrchestration<T>(string name, object? input, string? instanceId)
    {
        var tcs = new TaskCompletionSource<T>();
        var childId = instanceId ?? NewGuid().ToString("N");
        var id = NextAction(HistoryEventKind.SubOrchestrationCreated, name, id => new HistoryEvent
        {
            Kind = HistoryEventKind.SubOrchestrationCreated,
            TaskId = id,
            Name = name,
            InstanceId = childId,
            Data = DurableJson.Serialize(input),
            Timestamp = CurrentUtcDateTime,
        });
        return NonDeterminism is null ? Await(tcs, name, id) : new TaskCompletionSource<T>().Task;
    }

    private Task<T> Await<T>(TaskCompletionSource<T> tcs, string name, int id)
    {
        _pending[id] = e =>
        {
            if (e.Kind is HistoryEventKind.TaskFailed or HistoryEventKind.SubOrchestrationFailed)
            {
                tcs.TrySetException(new TaskFailedException(name, id, e.Failure ?? new TaskFailureDetails("Unknown", "The task failed.", null, null, null)));
                return;
            }

            try
            {
                tcs.TrySetResult((T)DurableJson.Deserialize(e.Data, typeof(T))!);
            }
#pragma warning disable CA1031 // A result that does not deserialize to the awaited type surfaces in the orchestrator.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                tcs.TrySetException(ex);
            }
        };
        return tcs.Task;
    }

    internal Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var id = NextAction(HistoryEventKind.TimerCreated, null, id => new HistoryEvent
        {
            Kind = HistoryEventKind.TimerCreated,
            TaskId = id,
            FireAt = utc,
            Timestamp = CurrentUtcDateTime,
        });
        var tcs = new TaskCompletionSource();
        if (NonDeterminism is not null)
        {
            return tcs.Task;
        }

        _pending[id] = _ => tcs.TrySetResult();
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => tcs.TrySetCanceled(cancellationToken));
        }

        return tcs.Task;
    }

    internal void SendEvent(string instanceId, string eventName, object? payload)
    {
        NextAction(HistoryEventKind.EventSent, eventName, id => new HistoryEvent
        {
            Kind = HistoryEventKind.EventSent,
            TaskId = id,
            Name = eventName,
            InstanceId = instanceId,
            Data = DurableJson.Serialize(payload),
            Timestamp = CurrentUtcDateTime,
        });
    }

    internal Task<T> WaitForEvent<T>(string eventName, CancellationToken cancellationToken)
    {
        _touched = true;
        var tcs = new TaskCompletionSource<T>();
        var waiter = new EventWaiter(typeof(T), data =>
        {
            try
            {
                tcs.TrySetResult((T)DurableJson.Deserialize(data, typeof(T))!);
            }
#pragma warning disable CA1031 // A payload that does not deserialize to the awaited type surfaces in the orchestrator.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                tcs.TrySetException(ex);
            }
        });
        if (_buffered.TryGetValue(eventName, out var queue) && queue.TryDequeue(out var buffered))
        {
            _bufferOrder.Remove(buffered);
            waiter.Complete(buffered.Data);
            return tcs.Task;
        }

        if (!_waiters.TryGetValue(eventName, out var stack))
        {
            _waiters[eventName] = stack = new Stack<EventWaiter>();
        }

        stack.Push(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                waiter.Cancelled = true;
                tcs.TrySetCanceled(cancellationToken);
            });
        }

        return tcs.Task;
    }

    private void Deliver(HistoryEvent e)
    {
        var name = e.Name ?? string.Empty;
        if (_waiters.TryGetValue(name, out var stack))
        {
            while (stack.TryPop(out var waiter))
            {
                if (!waiter.Cancelled)
                {
                    waiter.Complete(e.Data);
                    return;
                }
            }
        }

        if (!_buffered.TryGetValue(name, out var queue))
        {
            _buffered[name] = queue = new Queue<HistoryEvent>();
        }

        queue.Enqueue(e);
        _bufferOrder.Add(e);
    }

    internal void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents)
        => ContinueAsNewRequest = (DurableJson.Serialize(newInput), preserveUnprocessedEvents);

    /// <summary>A GUID derived from the instance id, the orchestration time and a counter: the same on every replay.</summary>
    internal Guid NewGuid()
    {
        var seed = $"{_record.InstanceId}|{_record.Generation}|{CurrentUtcDateTime:o}|{_guidCounter++}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    private sealed class EventWaiter(Type type, Action<string?> complete)
    {
        public Type Type { get; } = type;

        public bool Cancelled { get; set; }

        public void Complete(string? data) => complete(data);
    }
}
