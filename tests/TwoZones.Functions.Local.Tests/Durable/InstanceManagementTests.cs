using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Durable;

/// <summary>Terminate, suspend, resume, purge and queries through <see cref="DurableTaskClient"/>.</summary>
public sealed class InstanceManagementTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Task<EngineHarness> StartAsync() => EngineHarness.StartAsync(azurite.ConnectionString, typeof(EngineFunctions));

    [Fact]
    public async Task Terminate_stops_a_waiting_instance_with_the_given_output()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.WaitForever));
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.TerminateInstanceAsync(id, "stopped by test");
        var result = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("stopped by test", result.ReadOutputAs<string>());

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RaiseEventAsync(id, "never", "late"));
    }

    [Fact]
    public async Task Suspended_instance_keeps_events_until_resumed()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Stages));
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.SuspendInstanceAsync(id, "pause");
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        await host.Client.RaiseEventAsync(id, "go", "after resume");
        var stillSuspended = await host.Store.LoadAsync(id, CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, stillSuspended.Record!.Status);
        Assert.Contains(stillSuspended.Inbox, m => m.Event.Name == "go");

        await host.Client.ResumeInstanceAsync(id, "continue");
        var result = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("after resume", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_deletes_a_finished_instance_and_all_its_rows_but_not_a_running_one()
    {
        await using var host = await StartAsync();
        var done = await host.RunAsync(nameof(EngineFunctions.Chaining));
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.WaitForever));
        await host.WaitUntilAsync(running, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(running)).PurgedInstanceCount);
        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId));
        var rows = await host.Store.LoadAsync(done.InstanceId, CancellationToken.None);
        Assert.Null(rows.Record);
        Assert.Empty(rows.History);
        Assert.Empty(rows.Inbox);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount);
    }

    [Fact]
    public async Task GetAllInstances_pages_with_page_size_and_continuation_and_filters()
    {
        await using var host = await StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Chaining), new StartOrchestrationOptions($"page-{i:D2}")));
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.WaitForever), new StartOrchestrationOptions("other-1"));
        foreach (var id in ids)
        {
            await host.CompletionAsync(id);
        }

        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in host.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "page-", PageSize: 3)).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(ids, pages.SelectMany(p => p.Values).Select(m => m.InstanceId).ToList());
        Assert.All(pages, p => Assert.True(p.Values.Count <= 3));
        Assert.True(pages.Count >= 3);

        var first = pages[0];
        Assert.NotNull(first.ContinuationToken);
        var resumed = new List<string>();
        await foreach (var page in host.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "page-", PageSize: 3, ContinuationToken: first.ContinuationToken)).AsPages())
        {
            resumed.AddRange(page.Values.Select(m => m.InstanceId));
        }

        Assert.Equal(ids.Skip(first.Values.Count), resumed);

        var completed = new List<OrchestrationMetadata>();
        await foreach (var m in host.Client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Completed], FetchInputsAndOutputs: true)))
        {
            completed.Add(m);
        }

        Assert.Equal(7, completed.Count);
        Assert.All(completed, m => Assert.Equal("Hello Tokyo! Hello Seattle! Hello London!", m.ReadOutputAs<string>()));
    }

    [Fact]
    public async Task Status_without_inputs_and_outputs_refuses_to_read_them()
    {
        await using var host = await StartAsync();
        var done = await host.RunAsync(nameof(EngineFunctions.Chaining));
        var bare = await host.Client.GetInstanceAsync(done.InstanceId);
        Assert.NotNull(bare);
        Assert.True(bare.IsCompleted);
        Assert.Null(bare.SerializedOutput);
        Assert.Throws<InvalidOperationException>(() => bare.ReadOutputAs<string>());
    }
}
