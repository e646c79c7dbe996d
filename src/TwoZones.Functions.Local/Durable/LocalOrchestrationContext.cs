using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace TwoZones.Functions.Local.Durable;

/// <summary>The <see cref="TaskOrchestrationContext"/> handed to orchestrator functions; every durable operation goes through its episode.</summary>
internal sealed class LocalOrchestrationContext(OrchestrationEpisode episode) : TaskOrchestrationContext
{
    public override TaskName Name => episode.Record.Name;

    public override string InstanceId => episode.Record.InstanceId;

    public override ParentOrchestrationInstance? Parent => episode.Record.ParentInstanceId is { } parent
        ? new ParentOrchestrationInstance(episode.Record.ParentName ?? string.Empty, parent)
        : null;

    public override DateTime CurrentUtcDateTime => episode.CurrentUtcDateTime;

    public override bool IsReplaying => episode.IsReplaying;

    protected override ILoggerFactory LoggerFactory => episode.Loggers;

    public string? SerializedCustomStatus { get; private set; }

    private bool CustomStatusSet { get; set; }

    public override T? GetInput<T>()
        where T : default => (T?)DurableJson.Deserialize(episode.Record.Input, typeof(T));

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
        => WithRetry(options, () => episode.ScheduleActivity<TResult>(name.Name, input));

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        return WithRetry(options, () => episode.ScheduleSubOrchestration<TResult>(orchestratorName.Name, input, instanceId));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => episode.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
        => episode.WaitForEvent<T>(eventName, cancellationToken);

    public override void SendEvent(string instanceId, string eventName, object payload) => episode.SendEvent(instanceId, eventName, payload);

    public override void SetCustomStatus(object? customStatus)
    {
        SerializedCustomStatus = DurableJson.Serialize(customStatus);
        CustomStatusSet = true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
        => episode.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => episode.NewGuid();

    /// <summary>The custom status to store: what the orchestrator set in this replay, else what was stored.</summary>
    public string? CustomStatusToStore(string? stored) => CustomStatusSet ? SerializedCustomStatus : stored;

    // Retries are orchestration logic (a durable timer between attempts), so they replay like any other code.
    private async Task<T> WithRetry<T>(TaskOptions? options, Func<Task<T>> attempt)
    {
        if (options?.Retry is not { } retry)
        {
            return await attempt();
        }

        var firstAttemptAt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed)
            {
                if (retry.Policy is { } policy)
                {
                    if (number >= policy.MaxNumberOfAttempts || policy.FailureFilter is { } filter && !filter(failed.FailureDetails))
                    {
                        throw;
                    }

                    var delay = TimeSpan.FromTicks((long)Math.Min(
                        policy.FirstRetryInterval.Ticks * Math.Pow(policy.BackoffCoefficient, number - 1),
                        policy.MaxRetryInterval.Ticks));
                    if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime + delay - firstAttemptAt > policy.RetryTimeout)
                    {
                        throw;
                    }

                    await CreateTimer(delay, CancellationToken.None);
                }
                else if (retry.Handler is { } handler)
                {
                    var context = new RetryContext(this, number, failed.FailureDetails, CurrentUtcDateTime - firstAttemptAt, CancellationToken.None);
                    if (!await handler(context))
                    {
                        throw;
                    }
                }
                else
                {
                    throw;
                }
            }
        }
    }
}
