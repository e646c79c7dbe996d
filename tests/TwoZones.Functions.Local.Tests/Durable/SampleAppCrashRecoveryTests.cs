using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using TwoZones.Functions.Local.Durable;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Durable;

/// <summary>
/// DurableSample (an app written only against the official API) in a child process over real HTTP, killed with SIGKILL
/// while instances wait for an event, fan out and wait for a timer, and restarted on the same Azurite: every instance
/// completes with the exact expected output and no history entry is duplicated.
/// </summary>
public sealed class SampleAppCrashRecoveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Hub = "DurableSample";

    private Task<ChildHost> StartAppAsync() => ChildHost.StartAsync(
        ChildHost.FindBuiltApp("DurableSample"),
        new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString },
        AzuriteInstance.FreePort());

    private DurableStore Store => new(new TableServiceClient(azurite.ConnectionString), Hub);

    [Fact]
    public async Task Instances_survive_kill_9_while_waiting_for_an_event_fanning_out_and_waiting_for_a_timer()
    {
        await using var app = await StartAppAsync();
        var approval = await StartAsync(app, "Approval", "crash-approval", "\"leave\"");
        await StartAsync(app, "Counter", "crash-counter", "0");
        await WaitForStatusAsync(app, approval.StatusQueryGetUri, s => s.GetProperty("customStatus").ValueKind == JsonValueKind.Object);

        // Kill 1: right after an event was accepted, in the middle of a fan-out, while a durable timer is pending.
        await StartAsync(app, "DurableTimer", "crash-timer", "10");
        await WaitForHistoryAsync("crash-timer", HistoryEventKind.TimerCreated);
        await StartAsync(app, "FanOutFanIn", "crash-fanout-1", "100");
        await WaitForActivityResultsAsync("crash-fanout-1", 10);
        var raised = await app.Http.PostAsJsonAsync(approval.SendEventPostUri.Replace("{eventName}", "approve", StringComparison.Ordinal), "yes");
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        await app.KillAsync();
        Assert.NotEqual(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, (await Store.GetInstanceAsync("crash-fanout-1", CancellationToken.None))!.Status);
        var timerAtKill = await Store.LoadAsync("crash-timer", CancellationToken.None);
        Assert.DoesNotContain(timerAtKill.History, e => e.Kind == HistoryEventKind.TimerFired);
        Assert.Contains(timerAtKill.History, e => e.Kind == HistoryEventKind.TimerCreated);

        // Kill 2: during a second fan-out, soon after the restart, while the first is recovering.
        await app.RestartAsync();
        await StartAsync(app, "FanOutFanIn", "crash-fanout-2", "100");
        await WaitForActivityResultsAsync("crash-fanout-2", 5);
        await app.KillAsync();
        await app.RestartAsync();

        var expected = new Dictionary<string, string>
        {
            ["crash-approval"] = "\"leave:yes:stamped\"",
            ["crash-timer"] = "\"timer:stamped\"",
            ["crash-counter"] = "5",
            ["crash-fanout-1"] = "328350",
            ["crash-fanout-2"] = "328350",
        };
        foreach (var (id, output) in expected)
        {
            var status = await WaitForStatusAsync(app, $"runtime/webhooks/durabletask/instances/{id}", s => s.GetProperty("runtimeStatus").GetString() != "Running" && s.GetProperty("runtimeStatus").GetString() != "Pending");
            Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
            Assert.Equal(output, status.GetProperty("output").GetRawText());
        }

        foreach (var id in expected.Keys)
        {
            var state = await Store.LoadAsync(id, CancellationToken.None);
            AssertNoDuplicates(id, state.History);
        }

        var approvalHistory = (await Store.LoadAsync("crash-approval", CancellationToken.None)).History;
        Assert.Single(approvalHistory, e => e.Kind == HistoryEventKind.EventRaised);
        var fanOut = (await Store.LoadAsync("crash-fanout-1", CancellationToken.None)).History;
        Assert.Equal(100, fanOut.Count(e => e.Kind == HistoryEventKind.TaskScheduled));
        Assert.Equal(100, fanOut.Count(e => e.Kind == HistoryEventKind.TaskCompleted));
    }

    [Fact]
    public async Task Instances_survive_repeated_kill_9_at_arbitrary_moments()
    {
        await using var app = await StartAppAsync();
        var random = new Random();
        await StartAsync(app, "FanOutFanIn", "random-fanout", "100");
        await StartAsync(app, "Parent", "random-parent", null);
        var approval = await StartAsync(app, "Approval", "random-approval", "\"visa\"");
        for (var round = 0; round < 3; round++)
        {
            await Task.Delay(random.Next(100, 1200));
            if (round == 1)
            {
                var raised = await app.Http.PostAsJsonAsync(approval.SendEventPostUri.Replace("{eventName}", "approve", StringComparison.Ordinal), "granted");
                Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
            }

            await app.KillAsync();
            await app.RestartAsync();
        }

        var expected = new Dictionary<string, string>
        {
            ["random-fanout"] = "328350",
            ["random-parent"] = "\"child said: Hello Tokyo! Hello Seattle! Hello London!\"",
            ["random-parent-child"] = "\"Hello Tokyo! Hello Seattle! Hello London!\"",
            ["random-approval"] = "\"visa:granted:stamped\"",
        };
        foreach (var (id, output) in expected)
        {
            var status = await WaitForStatusAsync(app, $"runtime/webhooks/durabletask/instances/{id}", s => s.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated");
            Assert.Equal(output, status.GetProperty("output").GetRawText());
            AssertNoDuplicates(id, (await Store.LoadAsync(id, CancellationToken.None)).History);
        }
    }

    [Fact]
    public async Task Http_starter_and_management_endpoints_follow_the_Durable_Functions_HTTP_API()
    {
        await using var app = await StartAppAsync();
        var chain = await StartAsync(app, "Chaining", null, null);
        Assert.Equal($"http://localhost:{app.Port}/runtime/webhooks/durabletask/instances/{chain.Id}", chain.StatusQueryGetUri);
        var done = await WaitForStatusAsync(app, chain.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal("Hello Tokyo! Hello Seattle! Hello London!", done.GetProperty("output").GetString());
        Assert.Equal("Chaining", done.GetProperty("name").GetString());

        var retry = await StartAsync(app, "Retrying", "http-retry", null);
        var retried = await WaitForStatusAsync(app, retry.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal("http-retry ok", retried.GetProperty("output").GetString());

        var parent = await StartAsync(app, "Parent", "http-parent", null);
        var parentDone = await WaitForStatusAsync(app, parent.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal("child said: Hello Tokyo! Hello Seattle! Hello London!", parentDone.GetProperty("output").GetString());

        var timeout = await StartAsync(app, "ApprovalWithTimeout", "http-timeout", "1");
        var timedOut = await WaitForStatusAsync(app, timeout.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal("timed out", timedOut.GetProperty("output").GetString());

        var nd = await StartAsync(app, "NonDeterministic", "http-nd", null);
        var failed = await WaitForStatusAsync(app, nd.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Failed", HttpStatusCode.BadRequest);
        Assert.Contains("Non-deterministic", failed.GetProperty("output").GetString(), StringComparison.Ordinal);

        var waiting = await StartAsync(app, "Approval", "http-approval", "\"trip\"");
        var refused = await app.Http.PostAsync("api/orchestrators/Approval?instanceId=http-approval", JsonContent.Create("again"));
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        var running = await app.Http.GetAsync(waiting.StatusQueryGetUri);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        var terminated = await app.Http.PostAsync(waiting.TerminatePostUri.Replace("{text}", "enough", StringComparison.Ordinal), null);
        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        await WaitForStatusAsync(app, waiting.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Terminated", HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Gone, (await app.Http.PostAsJsonAsync(waiting.SendEventPostUri.Replace("{eventName}", "approve", StringComparison.Ordinal), "late")).StatusCode);

        var purged = await app.Http.DeleteAsync(waiting.PurgeHistoryDeleteUri);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync(waiting.StatusQueryGetUri)).StatusCode);
    }

    private static void AssertNoDuplicates(string id, IReadOnlyList<HistoryEvent> history)
    {
        Assert.Single(history, e => e.Kind == HistoryEventKind.ExecutionStarted);
        var actions = history.Where(e => e.IsAction).Select(e => e.TaskId).ToList();
        Assert.True(actions.Count == actions.Distinct().Count(), $"{id}: an action was recorded twice");
        var outcomes = history.Where(e => e.IsTaskOutcome).Select(e => e.TaskId).ToList();
        Assert.True(outcomes.Count == outcomes.Distinct().Count(), $"{id}: an outcome was recorded twice");
        var messages = history.Where(e => e.MessageId is not null).Select(e => e.MessageId).ToList();
        Assert.True(messages.Count == messages.Distinct().Count(), $"{id}: an event was recorded twice");
    }

    private async Task WaitForHistoryAsync(string id, HistoryEventKind kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if ((await Store.LoadAsync(id, CancellationToken.None)).History.Any(e => e.Kind == kind))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{id} never recorded {kind}");
    }

    private async Task WaitForActivityResultsAsync(string id, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var state = await Store.LoadAsync(id, CancellationToken.None);
            if (state.History.Count(e => e.Kind == HistoryEventKind.TaskCompleted) + state.Inbox.Count(m => m.Event.Kind == HistoryEventKind.TaskCompleted) >= atLeast)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{id} produced no activity results");
    }

    private static async Task<Payload> StartAsync(ChildHost app, string name, string? instanceId, string? jsonInput)
    {
        var uri = $"api/orchestrators/{name}" + (instanceId is null ? string.Empty : $"?instanceId={instanceId}");
        using var content = jsonInput is null ? null : new StringContent(jsonInput, System.Text.Encoding.UTF8, "application/json");
        var response = await app.Http.PostAsync(uri, content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payload = (await response.Content.ReadFromJsonAsync<Payload>())!;
        Assert.Equal(payload.StatusQueryGetUri, response.Headers.Location?.ToString());
        Assert.False(string.IsNullOrEmpty(payload.Id));
        return payload;
    }

    private static async Task<JsonElement> WaitForStatusAsync(ChildHost app, string uri, Func<JsonElement, bool> condition, HttpStatusCode? finalCode = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var response = await app.Http.GetAsync(uri);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (condition(last))
                {
                    Assert.Equal(finalCode ?? (last.GetProperty("runtimeStatus").GetString() == "Completed" ? HttpStatusCode.OK : response.StatusCode), response.StatusCode);
                    return last;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{uri} did not reach the expected state; last: {last}\n{app.Output[^Math.Min(app.Output.Length, 4000)..]}");
    }

    private sealed record Payload(string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string PurgeHistoryDeleteUri, string SuspendPostUri, string ResumePostUri);
}
