using System.Net;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Testing;

namespace LocalFunctionsHost.Durable.Tests;

/// <summary>
/// Instances rows left Running after their history completed (Azure/durabletask#1252, a process killed between the provider's
/// History and Instances writes) are set right by the next start; rows of instances that really run are left alone.
/// </summary>
public sealed class RepairTests : IAsyncLifetime
{
    private const string Hub = "RepairHub";
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync(inMemory: true, allServices: true);

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task A_start_repairs_instances_whose_history_completed_and_leaves_running_ones()
    {
        var options = new DurableExtensionOptions
        {
            ConnectionString = _azurite.ConnectionString,
            HubName = Hub,
            WorkerId = DurableExtensionOptions.StableWorkerId(AppContext.BaseDirectory, 7073),
        };
        var instances = new TableClient(_azurite.ConnectionString, Hub + "Instances");

        string chainExecution, counterExecution;
        await using (var host = await DurableHost.StartAsync(options, Workflows.Create()))
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "Oslo", new StartOrchestrationOptions("chain"));
            // 2 → ContinueAsNew(3) → a generation that completes in its first episode, the observed P02-M002 case.
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 2, new StartOrchestrationOptions("counter"));
            await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "x", new StartOrchestrationOptions("waiter"));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitForCompletionAsync("chain")).RuntimeStatus);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitForCompletionAsync("counter")).RuntimeStatus);
            await host.WaitForStatusAsync("waiter", OrchestrationRuntimeStatus.Running);
            await host.Extension.StopAsync();
        }

        chainExecution = (await instances.GetEntityAsync<TableEntity>("chain", "")).Value.GetString("ExecutionId");
        counterExecution = (await instances.GetEntityAsync<TableEntity>("counter", "")).Value.GetString("ExecutionId");
        var waiterBefore = (await instances.GetEntityAsync<TableEntity>("waiter", "")).Value;

        // The stuck state as observed: Running, an older LastUpdatedTime, no completion; for the ContinueAsNew case the row also
        // names the previous execution (its id is gone from history, any other id stands for it).
        await MakeStuckAsync(instances, "chain", chainExecution);
        await MakeStuckAsync(instances, "counter", Guid.NewGuid().ToString("N"));

        await using var again = await DurableHost.StartAsync(options, Workflows.Create());

        var chain = (await instances.GetEntityAsync<TableEntity>("chain", "")).Value;
        Assert.Equal("Completed", chain.GetString("RuntimeStatus"));
        Assert.Equal(chainExecution, chain.GetString("ExecutionId"));
        Assert.Equal("\"Hello Oslo, Hello Seattle, Hello London\"", chain.GetString("Output"));
        Assert.Equal("{\"stage\":\"kept\"}", chain.GetString("CustomStatus"));
        Assert.NotNull(chain.GetDateTimeOffset("CompletedTime"));
        Assert.True(chain.GetDateTimeOffset("LastUpdatedTime") > DateTimeOffset.UtcNow.AddMinutes(-5));

        var counter = (await instances.GetEntityAsync<TableEntity>("counter", "")).Value;
        Assert.Equal("Completed", counter.GetString("RuntimeStatus"));
        Assert.Equal(counterExecution, counter.GetString("ExecutionId"));
        Assert.Equal("3", counter.GetString("Output"));

        var waiter = (await instances.GetEntityAsync<TableEntity>("waiter", "")).Value;
        Assert.Equal(waiterBefore.ETag, waiter.ETag);
        Assert.Equal("Running", waiter.GetString("RuntimeStatus"));

        // Finished now as far as clients can tell: the management API refuses an event with 410 and the gRPC client's with
        // status Unknown, as for any finished instance (so a caller knows to start it anew); the id can start anew.
        using var http = new HttpClient { BaseAddress = again.HttpBase };
        using var gone = await http.PostAsync("runtime/webhooks/durabletask/instances/counter/raiseEvent/Approve",
            new StringContent("1", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var refused = await Assert.ThrowsAsync<RpcException>(() => again.Client.RaiseEventAsync("counter", "Approve", "late"));
        Assert.Equal(StatusCode.Unknown, refused.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await again.Client.GetInstanceAsync("counter"))!.RuntimeStatus);

        await again.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "Rome", new StartOrchestrationOptions("chain"));
        var rerun = await again.WaitForCompletionAsync("chain");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, rerun.RuntimeStatus);
        Assert.Equal("Hello Rome, Hello Seattle, Hello London", rerun.ReadOutputAs<string>());

        // The untouched instance still works: it was never mistaken for a finished one.
        await again.Client.RaiseEventAsync("waiter", "Approve", "ok");
        Assert.Equal("\"approved:ok\"", (await again.WaitForCompletionAsync("waiter")).SerializedOutput);
    }

    private static async Task MakeStuckAsync(TableClient instances, string instanceId, string executionId)
    {
        var row = (await instances.GetEntityAsync<TableEntity>(instanceId, "")).Value;
        row["RuntimeStatus"] = "Running";
        row["ExecutionId"] = executionId;
        row["LastUpdatedTime"] = DateTime.UtcNow.AddMinutes(-10);
        row["Output"] = "stale";
        row["CustomStatus"] = "{\"stage\":\"kept\"}";
        row.Remove("CompletedTime");
        await instances.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
    }
}
