using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LocalFunctionsHost.Durable.Tests;

/// <summary>The check-status URLs, answered by the extension's HTTP management API as Durable Functions answers them.</summary>
public sealed class ManagementApiTests(DurableFixture fixture) : IClassFixture<DurableFixture>
{
    private static readonly HttpClient Http = new();

    private string Instances => new Uri(fixture.Host.HttpBase, "runtime/webhooks/durabletask/instances").ToString();

    private const string Query = "taskHub=DurableTests&connection=AzureWebJobsStorage";

    [Fact]
    public async Task Status_is_202_while_running_then_raise_event_over_HTTP_completes_it_with_200()
    {
        var id = $"http-{Guid.NewGuid():N}";
        await fixture.Host.Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "in", new StartOrchestrationOptions(id));
        await fixture.Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        using var running = await Http.GetAsync($"{Instances}/{id}?{Query}");
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal($"{Instances}/{id}?{Query}", running.Headers.Location?.ToString());
        using (var body = JsonDocument.Parse(await running.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Running", body.RootElement.GetProperty("runtimeStatus").GetString());
            Assert.Equal("WaitEvent", body.RootElement.GetProperty("name").GetString());
            Assert.Equal("in", body.RootElement.GetProperty("input").GetString());
        }

        using var raised = await Http.PostAsync($"{Instances}/{id}/raiseEvent/Approve?{Query}",
            new StringContent("\"via http\"", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);

        await fixture.Host.WaitForCompletionAsync(id);
        using var done = await Http.GetAsync($"{Instances}/{id}?{Query}");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        using var doneBody = JsonDocument.Parse(await done.Content.ReadAsStringAsync());
        Assert.Equal("Completed", doneBody.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Equal("approved:via http", doneBody.RootElement.GetProperty("output").GetString());
        Assert.Equal("approved", doneBody.RootElement.GetProperty("customStatus").GetProperty("stage").GetString());

        // Operations on a finished instance are refused with 410, as Durable does.
        using var late = await Http.PostAsync($"{Instances}/{id}/raiseEvent/Approve?{Query}", new StringContent("1", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
    }

    [Fact]
    public async Task Unknown_instance_is_404()
    {
        using var status = await Http.GetAsync($"{Instances}/nope-{Guid.NewGuid():N}?{Query}");
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        using var terminate = await Http.PostAsync($"{Instances}/nope/terminate?reason=x&{Query}", null);
        Assert.Equal(HttpStatusCode.NotFound, terminate.StatusCode);
    }

    [Fact]
    public async Task Suspend_resume_terminate_and_purge_over_HTTP()
    {
        var id = $"httpctl-{Guid.NewGuid():N}";
        await fixture.Host.Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "in", new StartOrchestrationOptions(id));
        await fixture.Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"{Instances}/{id}/suspend?reason=pause&{Query}", null)).StatusCode);
        await fixture.Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"{Instances}/{id}/resume?reason=go&{Query}", null)).StatusCode);
        await fixture.Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"{Instances}/{id}/terminate?reason=enough&{Query}", null)).StatusCode);
        await fixture.Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);

        using var purge = await Http.DeleteAsync($"{Instances}/{id}?{Query}");
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        using var purged = JsonDocument.Parse(await purge.Content.ReadAsStringAsync());
        Assert.Equal(1, purged.RootElement.GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync($"{Instances}/{id}?{Query}")).StatusCode);
    }

    [Fact]
    public async Task List_pages_with_the_continuation_token_header()
    {
        var prefix = $"httplist-{Guid.NewGuid():N}-";
        for (var i = 0; i < 5; i++)
        {
            await fixture.Host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 3, new StartOrchestrationOptions(prefix + i));
        }

        for (var i = 0; i < 5; i++)
        {
            await fixture.Host.WaitForCompletionAsync(prefix + i);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Instances}?instanceIdPrefix={prefix}&top=2&runtimeStatus=Completed&{Query}");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.InRange(page.RootElement.GetArrayLength(), 0, 2);
            seen.AddRange(page.RootElement.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.First() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => prefix + i).Order(), seen.Order());
        Assert.True(pages >= 3, $"{pages} pages");
    }
}
