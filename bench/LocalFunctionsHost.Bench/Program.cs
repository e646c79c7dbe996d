using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TwoZones.Bench.Api;
using TwoZones.Testing;

// Durable Functions through the real worker: tests/Samples/DurableFunctionsSample under tools/func on a private Azurite.
// 1. Raise event (the management API's sendEventPostUri) -> orchestration completed (status endpoint polled every 5 ms), warm,
//    one instance at a time.
// 2. Idle CPU of host and worker with orchestrations waiting for an event and nobody calling.
// Usage: LocalFunctionsHost.Bench [--instances 50] [--waiting 100] [--idle-seconds 10] [--idle-windows 3]
var instances = Option("--instances", 50);
var waiting = Option("--waiting", 100);
var idleSeconds = Option("--idle-seconds", 10);
var idleWindows = Option("--idle-windows", 3);

await using var azurite = await AzuriteInstance.StartNewAsync(inMemory: true, allServices: true);
var scriptRoot = Path.GetDirectoryName(ChildHost.FindBuiltApp("DurableFunctionsSample"))!;
var settings = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["AzureWebJobsStorage"] = azurite.ConnectionString,
    ["SAMPLE_HUB"] = "bench" + Guid.NewGuid().ToString("N")[..10],
};
await using var host = await FuncStart.StartReadyAsync(scriptRoot, settings, AzuriteInstance.FreePort());

Console.WriteLine($"DurableFunctionsSample under tools/func ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC): {instances} instances, {waiting} waiting, {idleWindows} idle windows of {idleSeconds} s");

// Five warm-up instances (JIT, leases, the first queue polls) are not counted.
var latencies = new Latencies();
for (var i = 0; i < instances + 5; i++)
{
    var (id, raiseUri) = await StartApprovalAsync();
    await Polling.UntilAsync(async () => await CustomStageAsync(id) == "waiting-for-approval", TimeSpan.FromSeconds(60), id + " to wait");
    var clock = Stopwatch.StartNew();
    using (var raised = await host.Http.PostAsync(raiseUri, Json("\"bench\"")))
    {
        await Expect(raised, HttpStatusCode.Accepted);
    }

    await Polling.UntilAsync(async () => await StatusCodeAsync(id) == HttpStatusCode.OK, TimeSpan.FromSeconds(60), id + " to complete", every: TimeSpan.FromMilliseconds(5));
    if (i >= 5)
    {
        latencies.Add(clock.Elapsed);
    }
}

Console.WriteLine($"raise -> completed, {latencies.Count} warm instances one at a time: p50 {latencies.Format(50)} ms, p99 {latencies.Format(99)} ms, max {latencies.Format(100)} ms");

var waitingIds = new List<string>();
for (var i = 0; i < waiting; i++)
{
    waitingIds.Add((await StartApprovalAsync()).Id);
}

foreach (var id in waitingIds)
{
    await Polling.UntilAsync(async () => await CustomStageAsync(id) == "waiting-for-approval", TimeSpan.FromSeconds(120), id + " to wait");
}

var worker = host.ChildPid() ?? throw new InvalidOperationException("The host has no worker process.");
// Consecutive windows: the first may still see the starts settle; the later ones are the idle figure.
for (var w = 1; w <= idleWindows; w++)
{
    var (hostBefore, workerBefore) = (ChildCpu.ProcessSeconds(host.Pid), ChildCpu.ProcessSeconds(worker));
    var window = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
    var seconds = window.Elapsed.TotalSeconds;
    var hostShare = (ChildCpu.ProcessSeconds(host.Pid) - hostBefore) / seconds * 100;
    var workerShare = (ChildCpu.ProcessSeconds(worker) - workerBefore) / seconds * 100;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"idle window {w} of {idleWindows}, {waiting} orchestrations waiting, over {seconds:0.0} s: host {hostShare:0.0}%, worker {workerShare:0.0}%, together {hostShare + workerShare:0.0}% of a core"));
}

return 0;

async Task<(string Id, string RaiseUri)> StartApprovalAsync()
{
    using var response = await host.Http.PostAsync("api/orchestrators/Approval", Json("0"));
    var body = await Expect(response, HttpStatusCode.Accepted);
    var payload = JsonSerializer.Deserialize<CheckStatus>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    return (payload.Id, payload.SendEventPostUri.Replace("{eventName}", "Approval", StringComparison.Ordinal));
}

async Task<HttpStatusCode> StatusCodeAsync(string id)
{
    using var response = await host.Http.GetAsync("runtime/webhooks/durabletask/instances/" + Uri.EscapeDataString(id));
    return response.StatusCode;
}

async Task<string?> CustomStageAsync(string id)
{
    using var response = await host.Http.GetAsync("runtime/webhooks/durabletask/instances/" + Uri.EscapeDataString(id));
    var body = await response.Content.ReadAsStringAsync();
    if (body.Length == 0)
    {
        return null;
    }

    using var status = JsonDocument.Parse(body);
    return status.RootElement.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object
        ? custom.GetProperty("stage").GetString()
        : null;
}

static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

static async Task<string> Expect(HttpResponseMessage response, HttpStatusCode expected)
{
    var body = await response.Content.ReadAsStringAsync();
    return response.StatusCode == expected ? body : throw new InvalidOperationException($"{(int)response.StatusCode} instead of {(int)expected}: {body}");
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>The part of the starter's check-status payload this benchmark follows.</summary>
internal sealed record CheckStatus(string Id, string SendEventPostUri);
