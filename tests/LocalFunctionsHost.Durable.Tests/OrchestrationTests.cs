using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Testing;

namespace LocalFunctionsHost.Durable.Tests;

public sealed class OrchestrationTests(DurableFixture fixture) : IClassFixture<DurableFixture>
{
    private DurableHost Host => fixture.Host;

    private DurableTaskClient Client => fixture.Host.Client;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private async Task<string> StartAsync<T>(string name, T input, string? id = null)
    {
        id ??= NewId(name);
        await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(id));
        return id;
    }

    [Fact]
    public async Task Chaining_runs_activities_in_order()
    {
        var id = await StartAsync("Chain", "Tokyo");
        var done = await Host.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello Tokyo, Hello Seattle, Hello London", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Fan_out_of_100_activities_fans_in()
    {
        var id = await StartAsync("FanOut", 100);
        var done = await Host.WaitForCompletionAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 100).Sum(i => i * 2), done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task External_event_raised_after_the_wait_completes_it_with_custom_status()
    {
        var id = await StartAsync("WaitEvent", "x");
        await Polling.UntilAsync(async () =>
            (await Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.SerializedCustomStatus?.Contains("waiting", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30), "custom status 'waiting'");
        await Client.RaiseEventAsync(id, "Approve", "yes");
        var done = await Host.WaitForCompletionAsync(id);
        Assert.Equal("approved:yes", done.ReadOutputAs<string>());
        Assert.Contains("approved", done.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task External_event_raised_before_the_wait_is_kept_for_it()
    {
        var id = NewId("early");
        await Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "x", new StartOrchestrationOptions(id));
        await Client.RaiseEventAsync(id, "Approve", "early");
        var done = await Host.WaitForCompletionAsync(id);
        Assert.Equal("approved:early", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Durable_timer_fires_then_the_orchestration_continues()
    {
        var started = DateTime.UtcNow;
        var id = await StartAsync("Timer", 2);
        var done = await Host.WaitForCompletionAsync(id);
        var elapsed = DateTime.UtcNow - started;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.StartsWith("Hello after timer", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        // The provider hides a timer message for its delay in whole seconds (the queue's visibility timeout), so it may
        // arrive up to a second early, in Azure as here.
        Assert.InRange(elapsed.TotalSeconds, 1, 10);
    }

    [Fact]
    public async Task Sub_orchestration_result_reaches_the_parent()
    {
        var id = await StartAsync("Parent", "Paris");
        var done = await Host.WaitForCompletionAsync(id);
        Assert.Equal("Hello Paris, Hello Seattle, Hello London!", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Failed_activity_is_retried_by_the_orchestrators_retry_policy()
    {
        var key = Guid.NewGuid().ToString("N");
        var id = await StartAsync("Retry", key);
        var done = await Host.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("ok after 3", done.ReadOutputAs<string>());
        Assert.Equal(3, fixture.FlakyAttempts[key]);
    }

    [Fact]
    public async Task Activity_failure_without_retry_fails_the_orchestration_with_its_details()
    {
        var id = await StartAsync("NoRetry", "k");
        var done = await Host.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        // The Azure Storage provider keeps a failure as the instance's output text, not as structured details, and Durable's
        // own client endpoint passes on what the provider returns.
        var failure = done.FailureDetails?.ErrorMessage ?? done.SerializedOutput;
        Assert.Contains("boom", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueAsNew_restarts_with_the_new_input()
    {
        var id = await StartAsync("Counter", 0);
        var done = await Host.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task A_start_is_refused_while_the_instance_is_running_and_allowed_once_it_finished()
    {
        var id = await StartAsync("WaitEvent", "first");
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "second", new StartOrchestrationOptions(id)));
        Assert.Contains("already exists", refused.Message, StringComparison.Ordinal);

        await Client.RaiseEventAsync(id, "Approve", "one");
        Assert.Equal("approved:one", (await Host.WaitForCompletionAsync(id)).ReadOutputAs<string>());
        await Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "again", new StartOrchestrationOptions(id));
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        Assert.Equal("\"again\"", (await Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.SerializedInput);
    }

    [Fact]
    public async Task Concurrent_starts_of_a_finished_instance_make_one_execution_that_hears_its_events()
    {
        var id = await StartAsync("Chain", "first");
        await Host.WaitForCompletionAsync(id);

        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", $"restart-{i}", new StartOrchestrationOptions(id));
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));
        Assert.Equal(1, starts.Count(started => started));

        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        await Client.RaiseEventAsync(id, "Approve", "heard");
        var done = await Host.WaitForCompletionAsync(id);
        Assert.Equal("approved:heard", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_suspend_resume_and_purge()
    {
        var suspended = await StartAsync("WaitEvent", "s");
        await Host.WaitForStatusAsync(suspended, OrchestrationRuntimeStatus.Running);
        await Client.SuspendInstanceAsync(suspended, "pause");
        await Host.WaitForStatusAsync(suspended, OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(suspended, "Approve", "while suspended");
        await Client.ResumeInstanceAsync(suspended, "go on");
        var done = await Host.WaitForCompletionAsync(suspended);
        Assert.Equal("approved:while suspended", done.ReadOutputAs<string>());

        var terminated = await StartAsync("WaitEvent", "t");
        await Host.WaitForStatusAsync(terminated, OrchestrationRuntimeStatus.Running);
        await Client.TerminateInstanceAsync(terminated, "stopped by test");
        var end = await Host.WaitForCompletionAsync(terminated);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, end.RuntimeStatus);

        var purged = await Client.PurgeInstanceAsync(terminated);
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(terminated));
    }

    [Fact]
    public async Task Query_pages_through_instances_by_prefix()
    {
        var prefix = NewId("page") + "-";
        var ids = Enumerable.Range(0, 7).Select(i => prefix + i).ToList();
        foreach (var id in ids)
        {
            await StartAsync("Counter", 3, id);
        }

        foreach (var id in ids)
        {
            await Host.WaitForCompletionAsync(id);
        }

        var pages = new List<int>();
        var seen = new List<string>();
        await foreach (var page in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 3 }).AsPages())
        {
            pages.Add(page.Values.Count);
            seen.AddRange(page.Values.Select(v => v.InstanceId));
        }

        Assert.Equal(ids.Order(), seen.Order());
        Assert.True(pages.Count >= 3, $"pages: {string.Join(",", pages)}");
        Assert.All(pages, n => Assert.InRange(n, 0, 3));
    }

    [Fact]
    public void Client_binding_value_has_what_the_worker_reads()
    {
        using var json = JsonDocument.Parse(Host.BindingValue);
        var root = json.RootElement;
        Assert.Equal(DurableFixture.Hub, root.GetProperty("taskHubName").GetString());
        Assert.Equal("AzureWebJobsStorage", root.GetProperty("connectionName").GetString());
        Assert.StartsWith("http://127.0.0.1:", root.GetProperty("rpcBaseUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(new Uri(Host.HttpBase, "runtime/webhooks/durabletask").ToString(), root.GetProperty("httpBaseUrl").GetString());
        Assert.Equal("taskHub=DurableTests&connection=AzureWebJobsStorage", root.GetProperty("requiredQueryStringParameters").GetString());
        Assert.Equal(4 * 1024 * 1024, root.GetProperty("maxGrpcMessageSizeInBytes").GetInt32());
        Assert.Equal("\"00:01:40\"", root.GetProperty("grpcHttpClientTimeout").GetString());
    }

    [Fact]
    public async Task Task_hub_has_the_Azure_Storage_providers_layout()
    {
        var cs = fixture.Azurite.ConnectionString;
        var tables = new List<string>();
        await foreach (var t in new TableServiceClient(cs).QueryAsync())
        {
            tables.Add(t.Name);
        }

        var queues = new List<string>();
        await foreach (var q in new QueueServiceClient(cs).GetQueuesAsync())
        {
            queues.Add(q.Name);
        }

        var containers = new List<string>();
        await foreach (var c in new BlobServiceClient(cs).GetBlobContainersAsync())
        {
            containers.Add(c.Name);
        }

        Assert.Contains("DurableTestsInstances", tables);
        Assert.Contains("DurableTestsHistory", tables);
        Assert.Contains("DurableTestsPartitions", tables);
        Assert.Contains("durabletests-workitems", queues);
        foreach (var partition in new[] { "00", "01", "02", "03" })
        {
            Assert.Contains($"durabletests-control-{partition}", queues);
        }

        Assert.DoesNotContain("durabletests-leases", containers);
    }
}
