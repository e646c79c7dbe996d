using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Durable;

/// <summary>The Durable Functions patterns on the engine, hosted in process against a private Azurite.</summary>
public sealed class OrchestrationPatternTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Task<EngineHarness> StartAsync() => EngineHarness.StartAsync(azurite.ConnectionString, typeof(EngineFunctions));

    [Fact]
    public async Task Chaining_runs_activities_in_order_and_returns_the_output()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(EngineFunctions.Chaining));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello Tokyo! Hello Seattle! Hello London!", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Fan_out_of_100_activities_fans_in_every_result()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(EngineFunctions.FanOut), 100);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 100).Sum(i => (long)i * i), result.ReadOutputAs<long>());

        var state = await host.Store.LoadAsync(result.InstanceId, CancellationToken.None);
        var scheduled = state.History.Where(e => e.Kind == TwoZones.Functions.Local.Durable.HistoryEventKind.TaskScheduled).Select(e => e.TaskId).ToList();
        var completed = state.History.Where(e => e.Kind == TwoZones.Functions.Local.Durable.HistoryEventKind.TaskCompleted).Select(e => e.TaskId).ToList();
        Assert.Equal(100, scheduled.Distinct().Count());
        Assert.Equal(100, scheduled.Count);
        Assert.Equal(100, completed.Count);
        Assert.Equal(100, completed.Distinct().Count());
    }

    [Fact]
    public async Task Payloads_larger_than_a_table_property_round_trip()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.LargePayloads));
        await host.Client.RaiseEventAsync(id, "big", new string('y', 150_000));
        var result = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(650_000, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task A_small_history_lives_in_the_instance_row_and_a_large_one_in_history_rows_until_continue_as_new()
    {
        await using var host = await StartAsync();
        var small = await host.RunAsync(nameof(EngineFunctions.Chaining));
        var smallState = await host.Store.LoadAsync(small.InstanceId, CancellationToken.None);
        Assert.True(smallState.HistoryInline);
        Assert.Equal(0, smallState.HistoryRows);
        Assert.Contains(smallState.History, e => e.Kind == TwoZones.Functions.Local.Durable.HistoryEventKind.TaskCompleted);

        // Generation 1 outgrows the row and moves to history rows; generation 2 is small again and returns to the row,
        // and the rows of generation 1 are deleted on the way.
        var large = await host.RunAsync(nameof(EngineFunctions.LargeThenSmall), 0);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, large.RuntimeStatus);
        Assert.Equal(200_010, large.ReadOutputAs<int>());
        var largeState = await host.Store.LoadAsync(large.InstanceId, CancellationToken.None);
        Assert.True(largeState.HistoryInline);
        Assert.Empty(largeState.Stale);
        Assert.Equal(2, largeState.Record!.Generation);
    }

    [Fact]
    public async Task An_activity_result_too_large_to_store_fails_the_call_instead_of_stalling_the_instance()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.OversizedResult));
        var result = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var output = result.ReadOutputAs<string>()!;
        Assert.StartsWith("failed: ", output, StringComparison.Ordinal);
        Assert.Contains("BigText", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_raised_before_the_orchestrator_waits_are_buffered_and_delivered_in_order()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.ThreeEvents));
        await host.Client.RaiseEventAsync(id, "step", "one");
        await host.Client.RaiseEventAsync(id, "step", "two");
        await host.Client.RaiseEventAsync(id, "step", "three");
        var result = await host.CompletionAsync(id);
        Assert.Equal("one,two,three", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Event_with_timeout_returns_the_event_when_it_comes_in_time()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.EventWithTimeout), 120);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.RaiseEventAsync(id, "approval", "Ms Li");
        var result = await host.CompletionAsync(id);
        Assert.Equal("approved by Ms Li", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Event_with_timeout_times_out_when_no_event_comes()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(EngineFunctions.EventWithTimeout), 1);
        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Durable_timer_fires_no_earlier_than_its_time()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(EngineFunctions.Timer));
        Assert.Equal("fired", result.ReadOutputAs<string>());
        Assert.True(result.LastUpdatedAt - result.CreatedAt >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Sub_orchestrations_return_outputs_and_failures_to_the_parent()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(EngineFunctions.Parent), instanceId: "parent-1");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello Tokyo! Hello Seattle! Hello London!|5|the child failed", result.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync("parent-1-a", getInputsAndOutputs: true);
        Assert.NotNull(child);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
    }

    [Fact]
    public async Task Retry_policy_retries_a_failing_activity_until_it_succeeds()
    {
        await using var host = await StartAsync();
        var id = "retry-" + Guid.NewGuid().ToString("N");
        var result = await host.RunAsync(nameof(EngineFunctions.Retrying), instanceId: id);
        Assert.Equal($"{id} succeeded on attempt 3", result.ReadOutputAs<string>());
        Assert.Equal(3, EngineFunctions.Attempts(id));
    }

    [Fact]
    public async Task Retry_policy_gives_up_after_max_attempts_with_the_failure_details()
    {
        await using var host = await StartAsync();
        var id = "giveup-" + Guid.NewGuid().ToString("N");
        var result = await host.RunAsync(nameof(EngineFunctions.RetriesExhausted), instanceId: id);
        Assert.Equal("gave up: this activity always fails", result.ReadOutputAs<string>());
        Assert.Equal(2, EngineFunctions.Attempts(id));
    }

    [Fact]
    public async Task ContinueAsNew_restarts_with_new_input_and_trims_history()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(EngineFunctions.Counter), 0);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(10, result.ReadOutputAs<int>());
        Assert.Equal(10, result.ReadInputAs<int>());
        var state = await host.Store.LoadAsync(result.InstanceId, CancellationToken.None);
        Assert.DoesNotContain(state.History, e => e.Kind == TwoZones.Functions.Local.Durable.HistoryEventKind.TaskScheduled);
        Assert.True(state.Stale.Count == 0 || state.Record!.IsTerminal);
    }

    [Fact]
    public async Task ContinueAsNew_carries_unprocessed_events_into_the_new_generation_in_order()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.CollectItems));
        await host.Client.RaiseEventAsync(id, "item", "a");
        await host.Client.RaiseEventAsync(id, "item", "b");
        await host.Client.RaiseEventAsync(id, "item", "c");
        var result = await host.CompletionAsync(id);
        Assert.Equal("a,b,c", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Custom_status_is_visible_while_running_and_after_completion()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Stages));
        var waiting = await host.WaitUntilAsync(id, m => m.SerializedCustomStatus is not null);
        Assert.Equal(new EngineFunctions.StageStatus("waiting", 1), waiting.ReadCustomStatusAs<EngineFunctions.StageStatus>());
        Assert.Contains("\"stage\":\"waiting\"", waiting.SerializedCustomStatus, StringComparison.Ordinal);
        await host.Client.RaiseEventAsync(id, "go", "went");
        var done = await host.CompletionAsync(id);
        Assert.Equal(new EngineFunctions.StageStatus("done", 2), done.ReadCustomStatusAs<EngineFunctions.StageStatus>());
        Assert.Equal("went", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Non_deterministic_orchestrator_fails_naming_expected_and_actual_actions()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(EngineFunctions.NonDeterministic));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.NotNull(result.FailureDetails);
        Assert.Contains("Non-deterministic", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Hello'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Echo'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewGuid_is_replay_safe_and_IsReplaying_is_false_for_new_work()
    {
        await using var host = await StartAsync();
        var result = await host.RunAsync(nameof(EngineFunctions.DeterministicGuids));
        var parts = result.ReadOutputAs<string>()!.Split('|');
        Assert.Equal("True", parts[2]);
        Assert.Equal("False", parts[3]);
        Assert.True(Guid.TryParse(parts[0], out _));
    }

    [Fact]
    public async Task Starting_an_id_that_is_still_running_is_refused_and_a_finished_id_can_restart()
    {
        await using var host = await StartAsync();
        var id = "single-" + Guid.NewGuid().ToString("N");
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Stages), new Microsoft.DurableTask.StartOrchestrationOptions(id));
        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Stages), new Microsoft.DurableTask.StartOrchestrationOptions(id)));
        Assert.Contains(id, refused.Message, StringComparison.Ordinal);

        await host.Client.RaiseEventAsync(id, "go", "first");
        Assert.Equal("first", (await host.CompletionAsync(id)).ReadOutputAs<string>());

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Stages), new Microsoft.DurableTask.StartOrchestrationOptions(id));
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.RaiseEventAsync(id, "go", "second");
        Assert.Equal("second", (await host.CompletionAsync(id)).ReadOutputAs<string>());
    }
}
