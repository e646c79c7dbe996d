using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using TwoZones.Testing;

namespace TwoZones.Bench.Api;

/// <summary>The app's HTTP API as the benchmark uses it, with the local demo keys.</summary>
public sealed class ApiClient(int port) : IDisposable
{
    public const string ViewerKey = DemoKeys.Viewer;
    public const string CoordinatorKey = DemoKeys.Coordinator;

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        Timeout = TimeSpan.FromMinutes(5),
    };

    /// <summary>POST /api/catalogue, then polls the status URI until Completed; returns the time from POST to the Completed answer.</summary>
    public async Task<(TimeSpan Elapsed, JsonElement Status)> ImportAsync(string catalogueJson, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/catalogue") { Content = new StringContent(catalogueJson, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", CoordinatorKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/catalogue answered {(int)response.StatusCode}: {text}");
        }

        var statusUri = JsonDocument.Parse(text).RootElement.GetProperty("statusQueryGetUri").GetString()!;
        while (clock.Elapsed < timeout)
        {
            var status = await GetJsonAsync(statusUri, ViewerKey);
            var runtime = status.GetProperty("runtimeStatus").GetString();
            if (runtime == "Completed")
            {
                return (clock.Elapsed, status);
            }

            if (runtime is "Failed" or "Terminated")
            {
                throw new InvalidOperationException($"The import ended {runtime}: {status}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The import did not complete within {timeout.TotalSeconds:0} s.");
    }

    public async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", key);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>GET /api/progress, reading the whole body; returns the elapsed time and the reported total.</summary>
    public async Task<(TimeSpan Elapsed, int Total)> GetProgressAsync()
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/progress");
        request.Headers.Add("x-functions-key", ViewerKey);
        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /api/progress answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        }

        using var document = JsonDocument.Parse(bytes);
        return (clock.Elapsed, document.RootElement.GetProperty("total").GetInt32());
    }

    /// <summary>POST /api/measures/{id}/status (coordinator); throws unless 200.</summary>
    public async Task<TimeSpan> PostStatusAsync(string kindPath, string id, string status, string effectiveDate)
    {
        var body = $$"""{"status":"{{status}}","effectiveDate":"{{effectiveDate}}","note":"bench"}""";
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/{kindPath}/{id}/status") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", CoordinatorKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        clock.Stop();
        return response.StatusCode == HttpStatusCode.OK
            ? clock.Elapsed
            : throw new InvalidOperationException($"POST {kindPath}/{id}/status answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>GET /api/digests/{week} (viewer); null when that week has no digest yet (404).</summary>
    public async Task<JsonElement?> GetDigestAsync(string week)
    {
        var (status, text) = await SendAsync(HttpMethod.Get, $"api/digests/{week}", ViewerKey);
        return status switch
        {
            HttpStatusCode.OK => JsonDocument.Parse(text).RootElement.Clone(),
            HttpStatusCode.NotFound => null,
            _ => throw new InvalidOperationException($"GET api/digests/{week} answered {(int)status}: {text}"),
        };
    }

    /// <summary>POST /api/digests (coordinator): builds the current week's digest; returns the 202 body (id, week, started).</summary>
    public async Task<JsonElement> StartDigestAsync()
    {
        var (status, text) = await SendAsync(HttpMethod.Post, "api/digests", CoordinatorKey);
        return status == HttpStatusCode.Accepted
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"POST api/digests answered {(int)status}: {text}");
    }

    /// <summary>
    /// GET /runtime/webhooks/durabletask/instances/{id}: the HTTP status (200 completed, 202 running or pending, 400 failed or
    /// terminated, 404 unknown) and the body, null for 404.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonElement? Body)> GetInstanceAsync(string instanceId)
    {
        var (status, text) = await SendAsync(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}", CoordinatorKey);
        return status switch
        {
            HttpStatusCode.NotFound => (status, null),
            HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.BadRequest => (status, JsonDocument.Parse(text).RootElement.Clone()),
            _ => throw new InvalidOperationException($"GET instance {instanceId} answered {(int)status}: {text}"),
        };
    }

    /// <summary>DELETE /runtime/webhooks/durabletask/instances/{id}: purges a finished instance; false when there was none to purge (404).</summary>
    public async Task<bool> PurgeInstanceAsync(string instanceId)
    {
        var (status, text) = await SendAsync(HttpMethod.Delete, $"runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}", CoordinatorKey);
        return status switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw new InvalidOperationException($"DELETE instance {instanceId} answered {(int)status}: {text}"),
        };
    }

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpMethod method, string path, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", key);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
