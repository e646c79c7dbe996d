using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>
/// DurableFunctionsSample as a client sees it: orchestrations started through its HTTP starter, followed and controlled
/// through the check-status URLs the starter returns (the host's Durable management API).
/// </summary>
public sealed class DurableApp(ChildHost host)
{
    public const string WebhookPath = "runtime/webhooks/durabletask/instances";

    public ChildHost Host => host;

    public HttpClient Http => host.Http;

    public static Dictionary<string, string> Settings(string storage, string hub) => new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = storage,
        ["SAMPLE_HUB"] = hub,
    };

    /// <summary>A task hub name Durable accepts (letters and digits, starting with a letter) that no other test uses.</summary>
    public static string NewHub(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Starts an orchestration; the answer is the check-status payload (checked to be a 202 with Location).</summary>
    public async Task<CheckStatus> StartAsync(string orchestrator, string? jsonInput = null, string? instanceId = null)
    {
        var path = $"api/orchestrators/{orchestrator}" + (instanceId is null ? "" : "?instanceId=" + Uri.EscapeDataString(instanceId));
        using var content = new StringContent(jsonInput ?? "", Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        var status = JsonSerializer.Deserialize<CheckStatus>(body)!;
        Assert.Equal(status.StatusQueryGetUri, response.Headers.Location?.ToString());
        return status;
    }

    public async Task<(HttpStatusCode Code, JsonElement Body)> GetStatusAsync(string instanceId)
    {
        using var response = await Http.GetAsync($"{WebhookPath}/{Uri.EscapeDataString(instanceId)}");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Polls the status until <paramref name="accept"/> holds, then returns it.</summary>
    public async Task<JsonElement> WaitForAsync(string instanceId, Func<JsonElement, bool> accept, string what, TimeSpan? timeout = null)
    {
        JsonElement last = default;
        await Polling.UntilAsync(async () =>
        {
            var (code, body) = await GetStatusAsync(instanceId);
            last = body;
            return code is HttpStatusCode.OK or HttpStatusCode.Accepted && accept(body);
        }, timeout ?? TimeSpan.FromSeconds(60), $"{instanceId} to be {what}; last: {last}\n{host.Output[^Math.Min(host.Output.Length, 3000)..]}");
        return last;
    }

    public Task<JsonElement> WaitForStatusAsync(string instanceId, string runtimeStatus, TimeSpan? timeout = null) =>
        WaitForAsync(instanceId, b => b.GetProperty("runtimeStatus").GetString() == runtimeStatus, runtimeStatus, timeout);

    public Task<JsonElement> WaitForCustomStatusAsync(string instanceId, string stage) =>
        WaitForAsync(instanceId, b => b.GetProperty("customStatus") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("stage").GetString() == stage
                                      || b.GetProperty("customStatus") is { ValueKind: JsonValueKind.String } s && s.GetString() == stage, "custom status " + stage);

    /// <summary>Waits until the instance completed and returns its output as JSON text.</summary>
    public async Task<string> OutputAsync(string instanceId, TimeSpan? timeout = null)
    {
        var status = await WaitForAsync(instanceId, b => b.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated", "finished", timeout);
        Assert.True(status.GetProperty("runtimeStatus").GetString() == "Completed", status.ToString());
        return status.GetProperty("output").GetRawText();
    }

    public async Task RaiseAsync(CheckStatus status, string eventName, object payload)
    {
        using var response = await Http.PostAsJsonAsync(status.SendEventPostUri.Replace("{eventName}", eventName, StringComparison.Ordinal), payload);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The starter's answer, as <c>CreateCheckStatusResponseAsync</c> writes it.</summary>
    public sealed record CheckStatus(
        string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string PurgeHistoryDeleteUri,
        string SuspendPostUri, string ResumePostUri, string RestartPostUri);
}
