using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using TwoZones.Functions.Orchestration;

namespace TwoZones.Functions.Digests;

/// <summary>
/// Builds the digest of one ISO week (instance id <c>digest-YYYY-Www</c>): fans out one activity per programme, fans in,
/// composes and stores the digest with its renderings, then delivers it to the webhook with retries. A delivery that still
/// fails leaves the digest stored and marked undelivered; the orchestration itself completes.
/// </summary>
public static partial class WeeklyDigestOrchestrator
{
    /// <summary>The instance id of a week's digest.</summary>
    /// <param name="week">ISO week id, e.g. <c>2026-W48</c>.</param>
    /// <returns>E.g. <c>digest-2026-W48</c>.</returns>
    public static string InstanceIdFor(string week) => "digest-" + week;

    /// <summary>The orchestrator.</summary>
    /// <param name="context">The orchestration context; its input is a <see cref="WeeklyDigestInput"/>.</param>
    /// <returns>The digest's headline figures and whether it was delivered.</returns>
    [Function(OrchestratorNames.WeeklyDigest)]
    public static async Task<WeeklyDigestOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<WeeklyDigestInput>()
            ?? throw new InvalidOperationException($"Digest {context.InstanceId} was started without its input.");
        var logger = context.CreateReplaySafeLogger(typeof(WeeklyDigestOrchestrator));
        var asOf = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
        var runId = context.NewGuid().ToString("N");

        context.SetCustomStatus(WeeklyDigestPhase.Collecting);
        var programmes = await context.CallActivityAsync<List<string>>(ActivityNames.ListDigestProgrammes, input.Week, DurableRetry.Storage);
        await Task.WhenAll(programmes.Select(p =>
            context.CallActivityAsync<int>(ActivityNames.CollectProgrammeSection, new ProgrammeSectionRequest(input.Week, runId, p, asOf), DurableRetry.Storage)));

        context.SetCustomStatus(WeeklyDigestPhase.Composing);
        var outcome = await context.CallActivityAsync<WeeklyDigestOutcome>(
            ActivityNames.ComposeWeeklyDigest, new ComposeDigestRequest(input.Week, runId, context.InstanceId, asOf, programmes), DurableRetry.Storage);

        context.SetCustomStatus(WeeklyDigestPhase.Delivering);
        var delivery = DurableRetry.Delivery(input.DeliveryAttempts, input.DeliveryFirstRetryInterval);
        try
        {
            var result = await context.CallActivityAsync<DigestDeliveryResult>(
                ActivityNames.DeliverWeeklyDigest, new DigestDeliveryRequest(input.Week, context.InstanceId), delivery);
            outcome = outcome with { Delivered = result.Delivered };
        }
        catch (TaskFailedException e)
        {
            // The digest stays stored and marked undelivered with the last error; that is the documented end state.
            LogUndelivered(logger, input.Week, input.DeliveryAttempts, e.FailureDetails.ErrorMessage);
            outcome = outcome with { Delivered = false };
        }

        context.SetCustomStatus(outcome.Delivered ? WeeklyDigestPhase.Delivered : WeeklyDigestPhase.Stored);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest of {Week} is stored but was not delivered after {Attempts} attempts: {Error}")]
    private static partial void LogUndelivered(ILogger logger, string week, int attempts, string error);
}
