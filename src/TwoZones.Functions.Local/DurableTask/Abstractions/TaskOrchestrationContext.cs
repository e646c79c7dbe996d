using Microsoft.Extensions.Logging;

namespace Microsoft.DurableTask;

/// <summary>
/// What an orchestrator function sees of its instance: input, deterministic time, and the durable operations
/// (activities, sub-orchestrations, timers, external events). Orchestrator code is replayed from its history,
/// so it must be deterministic and use only this context for anything that waits or varies.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestration name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The orchestration that started this one as a sub-orchestration; null for a top-level instance.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>The current time, replayed deterministically: the time the current episode started.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Whether the orchestrator is re-running code whose effects are already in its history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The orchestration version; empty when unversioned.</summary>
    public virtual string Version => string.Empty;

    /// <summary>A logger factory whose loggers write nothing while the orchestrator replays.</summary>
    public virtual ILoggerFactory ReplaySafeLoggerFactory => new ReplaySafeLoggingFactory(this);

    /// <summary>The logger factory that replay-safe loggers write through.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    /// <summary>The orchestration input, deserialized as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    public abstract T? GetInput<T>();

    /// <summary>Runs an activity and waits for it to finish.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The activity input; must be serializable.</param>
    /// <param name="options">Retry options.</param>
    /// <exception cref="TaskFailedException">The activity failed (after any retries).</exception>
    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null)
        => CallActivityAsync<object>(name, input, options);

    /// <summary>Runs an activity without input and waits for it to finish.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="options">Retry options.</param>
    public virtual Task CallActivityAsync(TaskName name, TaskOptions options)
        => CallActivityAsync(name, null, options);

    /// <summary>Runs an activity without input and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="options">Retry options.</param>
    public virtual Task<TResult> CallActivityAsync<TResult>(TaskName name, TaskOptions options)
        => CallActivityAsync<TResult>(name, null, options);

    /// <summary>Runs an activity and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The activity input; must be serializable.</param>
    /// <param name="options">Retry options.</param>
    /// <exception cref="TaskFailedException">The activity failed (after any retries).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>A durable timer that fires after <paramref name="delay"/> of orchestration time.</summary>
    /// <param name="delay">How long after <see cref="CurrentUtcDateTime"/> the timer fires.</param>
    /// <param name="cancellationToken">Cancels the timer.</param>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/>, even across restarts.</summary>
    /// <param name="fireAt">When the timer fires (UTC).</param>
    /// <param name="cancellationToken">Cancels the timer.</param>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for an external event; events raised earlier are buffered and delivered in order.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name (case-insensitive).</param>
    /// <param name="cancellationToken">Stops waiting (the task is then cancelled).</param>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event for at most <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name (case-insensitive).</param>
    /// <param name="timeout">How long to wait; a durable timer.</param>
    /// <exception cref="TaskCanceledException">The timeout passed first.</exception>
    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
        => WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    /// <summary>Waits for an external event for at most <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name (case-insensitive).</param>
    /// <param name="timeout">How long to wait; a durable timer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TaskCanceledException">The timeout passed first.</exception>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timerCancellation = new CancellationTokenSource();
        var timeoutTask = CreateTimer(timeout, timerCancellation.Token);
        using var eventCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCancellation.Token);

        // The loser is cancelled so that it neither fires later nor consumes a later event. Cancel() and not CancelAsync():
        // the callbacks must run on the orchestrator's thread, in order.
#pragma warning disable CA1849
        if (await Task.WhenAny(timeoutTask, eventTask) == eventTask)
        {
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
        }
#pragma warning restore CA1849

        return await eventTask;
    }

    /// <summary>Sends an event to another orchestration instance; dropped if that instance does not exist.</summary>
    /// <param name="instanceId">The receiving instance.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="payload">The event payload; must be serializable.</param>
    public abstract void SendEvent(string instanceId, string eventName, object payload);

    /// <summary>Sets the custom status shown by status queries; null clears it.</summary>
    /// <param name="customStatus">A serializable value or null.</param>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Runs a sub-orchestration and returns its output.</summary>
    /// <typeparam name="TResult">The output type.</typeparam>
    /// <param name="orchestratorName">The orchestration name.</param>
    /// <param name="input">The input; must be serializable.</param>
    /// <param name="options">Retry options and, with <see cref="SubOrchestrationOptions"/>, the instance id.</param>
    /// <exception cref="TaskFailedException">The sub-orchestration failed (after any retries).</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Runs a sub-orchestration without input and returns its output.</summary>
    /// <typeparam name="TResult">The output type.</typeparam>
    /// <param name="orchestratorName">The orchestration name.</param>
    /// <param name="options">Retry options and, with <see cref="SubOrchestrationOptions"/>, the instance id.</param>
    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, TaskOptions options)
        => CallSubOrchestratorAsync<TResult>(orchestratorName, null, options);

    /// <summary>Runs a sub-orchestration without input and waits for it to finish.</summary>
    /// <param name="orchestratorName">The orchestration name.</param>
    /// <param name="options">Retry options and, with <see cref="SubOrchestrationOptions"/>, the instance id.</param>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, TaskOptions options)
        => CallSubOrchestratorAsync(orchestratorName, null, options);

    /// <summary>Runs a sub-orchestration and waits for it to finish.</summary>
    /// <param name="orchestratorName">The orchestration name.</param>
    /// <param name="input">The input; must be serializable.</param>
    /// <param name="options">Retry options and, with <see cref="SubOrchestrationOptions"/>, the instance id.</param>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
        => CallSubOrchestratorAsync<object>(orchestratorName, input, options);

    /// <summary>Restarts the orchestration with new input and a fresh history once the current episode ends.</summary>
    /// <param name="newInput">The new input.</param>
    /// <param name="preserveUnprocessedEvents">Whether external events not yet handled carry over.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Restarts the orchestration as described by <paramref name="options"/>.</summary>
    /// <param name="options">The new input and whether unhandled events carry over.</param>
    public virtual void ContinueAsNew(ContinueAsNewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ContinueAsNew(options.NewInput, options.PreserveUnprocessedEvents);
    }

    /// <summary>A GUID that is the same on every replay (derived from the instance id and a sequence number).</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes nothing while the orchestrator replays.</summary>
    /// <param name="categoryName">The log category.</param>
    public virtual ILogger CreateReplaySafeLogger(string categoryName)
        => new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    /// <summary>A logger that writes nothing while the orchestrator replays.</summary>
    /// <param name="type">The type whose name is the log category.</param>
    public virtual ILogger CreateReplaySafeLogger(Type type)
        => new ReplaySafeLogger(this, LoggerFactory.CreateLogger(type));

    /// <summary>A logger that writes nothing while the orchestrator replays.</summary>
    /// <typeparam name="T">The type whose name is the log category.</typeparam>
    public virtual ILogger CreateReplaySafeLogger<T>()
        => new ReplaySafeLogger(this, LoggerFactory.CreateLogger<T>());

    private sealed class ReplaySafeLogger(TaskOrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }

    private sealed class ReplaySafeLoggingFactory(TaskOrchestrationContext context) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("Providers cannot be added to a replay-safe logger factory.");

        public void Dispose()
        {
        }
    }
}
