using Microsoft.DurableTask;

namespace TwoZones.Functions.Orchestration;

/// <summary>The retry policies orchestrators give their activities.</summary>
public static class DurableRetry
{
    /// <summary>
    /// For activities that read or write storage, all of which are idempotent: a storage blip must not fail the workflow, so each
    /// is tried five times over about 15 seconds. One that fails anyway is repaired by the reconciler or by running it again.
    /// </summary>
    public static TaskOptions Storage { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>For the webhook delivery of a digest, whose settings travel with the orchestration's input so replays agree.</summary>
    /// <param name="attempts">Attempts in all.</param>
    /// <param name="firstRetryInterval">Delay before the first retry; each next one doubles.</param>
    /// <returns>The task options.</returns>
    public static TaskOptions Delivery(int attempts, TimeSpan firstRetryInterval) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(attempts, firstRetryInterval, backoffCoefficient: 2));
}
