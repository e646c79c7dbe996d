using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Digest;
using TwoZones.Functions.Orchestration;

namespace TwoZones.Functions.Digests;

/// <summary>
/// Starts the digest of the current ISO week (Asia/Shanghai), at most once per week: a running or completed instance is left
/// alone; a failed or terminated one is started again. The timer and <c>POST /api/digests</c> both go through here.
/// </summary>
/// <param name="options">Delivery retry settings, passed into the orchestration.</param>
/// <param name="time">The clock that decides the week.</param>
public sealed class DigestStarter(DigestOptions options, TimeProvider time)
{
    /// <summary>Starts this week's digest unless it exists.</summary>
    /// <param name="client">The durable client.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The week, its instance id and whether this call started it.</returns>
    public async Task<DigestStart> StartForCurrentWeekAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var week = IsoWeekId.OfInstant(time.GetUtcNow()).ToString();
        var instanceId = WeeklyDigestOrchestrator.InstanceIdFor(week);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending
            or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Completed)
        {
            return new DigestStart(week, instanceId, false);
        }

        try
        {
            var input = new WeeklyDigestInput(week, options.DeliveryAttempts, options.DeliveryFirstRetryInterval);
            await client.ScheduleNewOrchestrationInstanceAsync(OrchestratorNames.WeeklyDigest, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return new DigestStart(week, instanceId, true);
        }
        catch (InvalidOperationException)
        {
            // Another start for the same week won the race; that one is this week's digest.
            return new DigestStart(week, instanceId, false);
        }
    }
}
