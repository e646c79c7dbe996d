using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace LocalFunctionsHost.Tests;

/// <summary>Each Durable pattern of DurableFunctionsSample, run by the real worker through <c>tools/func</c>, with its exact output.</summary>
public sealed class DurablePatternTests(DurableSampleFixture fixture) : IClassFixture<DurableSampleFixture>
{
    private DurableApp App => fixture.App;

    [Fact]
    public async Task Chaining_returns_the_three_greetings_in_order_and_each_invocation_is_logged()
    {
        var started = await App.StartAsync("Chaining");

        Assert.Equal("""["Hello Tokyo!","Hello Seattle!","Hello London!"]""", await App.OutputAsync(started.Id));
        Assert.Matches(@"Executing 'Functions\.Chaining' \(Reason='[^']+', Id=[0-9a-f-]{36}\)", App.Host.Output);
        Assert.Matches(@"Executing 'Functions\.SayHello' \(Reason='[^']+', Id=[0-9a-f-]{36}\)", App.Host.Output);
        Assert.Matches(@"Executed 'Functions\.SayHello' \(Succeeded, Id=[0-9a-f-]{36}, Duration=\d+ms\)", App.Host.Output);
    }

    [Fact]
    public async Task Fan_out_of_100_activities_sums_exactly_within_the_activity_concurrency_limit()
    {
        var started = await App.StartAsync("FanOutFanIn", """{"count":100,"delayMs":100}""");

        Assert.Equal("""{"Count":100,"Sum":338350}""", await App.OutputAsync(started.Id));
        using var stats = JsonDocument.Parse(await App.Http.GetStringAsync("api/stats"));
        // host.json: maxConcurrentActivityFunctions 8. 100 ms activities overlap, so more than one ran at once.
        Assert.InRange(stats.RootElement.GetProperty("maxConcurrentSquares").GetInt32(), 2, 8);
    }

    [Fact]
    public async Task An_external_event_raised_after_the_wait_completes_it_and_the_custom_status_follows()
    {
        var started = await App.StartAsync("Approval", "0");
        await App.WaitForCustomStatusAsync(started.Id, "waiting-for-approval");

        await App.RaiseAsync(started, "Approval", "alice");

        Assert.Equal("\"approved by alice\"", await App.OutputAsync(started.Id));
        var (_, status) = await App.GetStatusAsync(started.Id);
        Assert.Equal("approved", status.GetProperty("customStatus").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task An_external_event_raised_before_the_wait_is_kept_until_the_orchestration_listens()
    {
        // Listens only after a 3 s timer; the event is raised at once, through the Durable client in the worker.
        var started = await App.StartAsync("Approval", "3");
        using var raised = await App.Http.PostAsync($"api/instances/{started.Id}/events/Approval", new StringContent("\"bob\""));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        var (_, early) = await App.GetStatusAsync(started.Id);
        Assert.NotEqual("Completed", early.GetProperty("runtimeStatus").GetString());

        Assert.Equal("\"approved by bob\"", await App.OutputAsync(started.Id));
    }

    [Fact]
    public async Task A_durable_timer_fires_after_its_delay()
    {
        var clock = Stopwatch.StartNew();
        var started = await App.StartAsync("DurableTimer", "3");

        Assert.Equal("\"timer of 3s fired\"", await App.OutputAsync(started.Id));
        // The provider hides a timer message for whole seconds, so it may fire up to 1 s early (in Azure too).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task A_sub_orchestration_per_name_returns_each_result_in_order()
    {
        var started = await App.StartAsync("Parent", """["ada","grace","linus"]""");

        Assert.Equal("""["ADA!","GRACE!","LINUS!"]""", await App.OutputAsync(started.Id));
    }

    [Fact]
    public async Task An_activity_that_fails_twice_succeeds_on_the_third_attempt_under_the_retry_policy()
    {
        var started = await App.StartAsync("Retry");

        Assert.Equal("\"succeeded on attempt 3\"", await App.OutputAsync(started.Id));
        Assert.Contains("attempt 2 fails on purpose", App.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continue_as_new_counts_to_the_target()
    {
        var started = await App.StartAsync("Counter", """{"Current":0,"Target":10}""");

        Assert.Equal("10", await App.OutputAsync(started.Id));
    }

    [Fact]
    public async Task The_check_status_url_answers_202_while_running_and_200_with_the_output_when_done()
    {
        var started = await App.StartAsync("Approval", "0");
        await App.WaitForCustomStatusAsync(started.Id, "waiting-for-approval");

        using (var running = await App.Http.GetAsync(started.StatusQueryGetUri))
        {
            Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
            Assert.Equal(started.StatusQueryGetUri, running.Headers.Location?.ToString());
            using var body = JsonDocument.Parse(await running.Content.ReadAsStringAsync());
            Assert.Equal("Running", body.RootElement.GetProperty("runtimeStatus").GetString());
            Assert.Equal(started.Id, body.RootElement.GetProperty("instanceId").GetString());
        }

        await App.RaiseAsync(started, "Approval", "carol");
        await App.WaitForStatusAsync(started.Id, "Completed");
        using var done = await App.Http.GetAsync(started.StatusQueryGetUri);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        using var final = JsonDocument.Parse(await done.Content.ReadAsStringAsync());
        Assert.Equal("approved by carol", final.RootElement.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Terminate_through_the_management_api_ends_a_waiting_instance()
    {
        var started = await App.StartAsync("Approval", "0");
        await App.WaitForCustomStatusAsync(started.Id, "waiting-for-approval");

        using var response = await App.Http.PostAsync(started.TerminatePostUri.Replace("{text}", "no-longer-needed", StringComparison.Ordinal), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var status = await App.WaitForStatusAsync(started.Id, "Terminated");
        Assert.Equal("no-longer-needed", status.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Suspend_holds_a_raised_event_until_resume_then_the_instance_completes()
    {
        var started = await App.StartAsync("Approval", "0");
        await App.WaitForCustomStatusAsync(started.Id, "waiting-for-approval");

        using (var suspend = await App.Http.PostAsync(started.SuspendPostUri.Replace("{text}", "hold", StringComparison.Ordinal), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        }

        await App.WaitForStatusAsync(started.Id, "Suspended");
        await App.RaiseAsync(started, "Approval", "dave");
        // The event sits in the suspended instance's history without running it.
        var (_, held) = await App.GetStatusAsync(started.Id);
        Assert.Equal("Suspended", held.GetProperty("runtimeStatus").GetString());

        using (var resume = await App.Http.PostAsync(started.ResumePostUri.Replace("{text}", "go", StringComparison.Ordinal), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        }

        Assert.Equal("\"approved by dave\"", await App.OutputAsync(started.Id));
    }

    [Fact]
    public async Task Purge_deletes_a_finished_instance_and_its_status_is_404_afterwards()
    {
        var started = await App.StartAsync("Chaining");
        await App.OutputAsync(started.Id);

        using var purge = await App.Http.DeleteAsync(started.PurgeHistoryDeleteUri);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        using var body = JsonDocument.Parse(await purge.Content.ReadAsStringAsync());
        Assert.Equal(1, body.RootElement.GetProperty("instancesDeleted").GetInt32());

        var (code, _) = await App.GetStatusAsync(started.Id);
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task The_instance_list_pages_by_continuation_token_and_returns_each_instance_once()
    {
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var ids = Enumerable.Range(0, 5).Select(i => prefix + i).ToList();
        foreach (var id in ids)
        {
            await App.StartAsync("Chaining", instanceId: id);
        }

        foreach (var id in ids)
        {
            await App.OutputAsync(id);
        }

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{DurableApp.WebhookPath}?instanceIdPrefix={prefix}&top=2&runtimeStatus=Completed");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await App.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.InRange(page.RootElement.GetArrayLength(), 0, 2);
            seen.AddRange(page.RootElement.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(ids, seen.Order(StringComparer.Ordinal));
        Assert.InRange(pages, 3, 4);
    }

    [Fact]
    public async Task The_task_hub_in_storage_has_the_durable_azure_storage_layout()
    {
        await App.OutputAsync((await App.StartAsync("Chaining")).Id);
        var hub = fixture.Hub;

        var tables = new TableServiceClient(fixture.ConnectionString).Query().Select(t => t.Name).ToList();
        Assert.Contains(hub + "Instances", tables);
        Assert.Contains(hub + "History", tables);
        // Partition leases are rows of this table, as Durable Functions 3.x keeps them.
        Assert.Contains(hub + "Partitions", tables);
        var lower = hub.ToLowerInvariant();
        var queues = new QueueServiceClient(fixture.ConnectionString).GetQueues(prefix: lower).Select(q => q.Name).Order(StringComparer.Ordinal).ToList();
        // host.json: partitionCount 2.
        Assert.Equal([lower + "-control-00", lower + "-control-01", lower + "-workitems"], queues);
        var containers = new BlobServiceClient(fixture.ConnectionString).GetBlobContainers(prefix: lower).Select(c => c.Name).ToList();
        Assert.DoesNotContain(lower + "-leases", containers);
    }
}
