using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using TwoZones.Functions.Catalogue;
using TwoZones.Functions.Digests;
using TwoZones.Functions.Orchestration;
using TwoZones.Functions.Tracking;
using TwoZones.Testing;

namespace TwoZones.Orchestrations.Tests;

/// <summary>
/// The official Durable Task engine in this process (in-memory backend, the SDK's gRPC worker and client) running the app's
/// orchestrators under their registered names; each test supplies the activities, which in the app do storage I/O.
/// </summary>
internal static class AppOrchestrations
{
    /// <summary>Long enough for any machine; the tests normally finish in a second or two.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> activities) =>
        DurableTaskTestHost.StartAsync(
            tasks =>
            {
                RegisterOrchestrators(tasks);
                activities(tasks);
            },
            // A port the system hands out as free: left to itself the test host picks a random one between 30000 and 40000,
            // which other processes on the machine (Azurite, app hosts) may already hold.
            new DurableTaskTestHostOptions { LoggerFactory = NullLoggerFactory.Instance, Port = AzuriteInstance.FreePort() });

    private static void RegisterOrchestrators(DurableTaskRegistry tasks)
    {
        // Each declares its input type: the engine then hands the orchestrator's GetInput<T> the input already read as T
        // (under the Functions host GetInput<T> reads it; a function registered without a type would get a JsonElement).
        tasks.AddOrchestratorFunc<TrackedItem>(OrchestratorNames.ItemTracker, (context, _) => ItemTracker.RunAsync(context));
        tasks.AddOrchestratorFunc(OrchestratorNames.StartTrackers, context => StartTrackersOrchestrator.RunAsync(context));
        tasks.AddOrchestratorFunc<WeeklyDigestInput, WeeklyDigestOutcome>(
            OrchestratorNames.WeeklyDigest, (context, _) => WeeklyDigestOrchestrator.RunAsync(context));
        tasks.AddOrchestratorFunc<CatalogueImportInput, CatalogueImportProgress>(
            OrchestratorNames.CatalogueImport, (context, _) => CatalogueImportOrchestrator.RunAsync(context));
    }

    public static async Task<OrchestrationMetadata> CompletionAsync(this DurableTaskClient client, string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Fails with the orchestration's own error when it did not complete.</summary>
    public static void AssertCompleted(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Assert.True(
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"{instance.InstanceId} is {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorType} {instance.FailureDetails?.ErrorMessage} {instance.FailureDetails?.StackTrace}");
    }

    /// <summary>Waits until the instance's metadata satisfies <paramref name="condition"/> and returns that metadata.</summary>
    public static async Task<OrchestrationMetadata> UntilAsync(this DurableTaskClient client, string instanceId, Func<OrchestrationMetadata, bool> condition, string what)
    {
        OrchestrationMetadata? seen = null;
        await Polling.UntilAsync(
            async () =>
            {
                seen = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                return seen is not null && condition(seen);
            },
            Patience,
            what);
        return seen!;
    }
}
