using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>The sample on a host started with <c>--verbose</c>, the mode that logs the most.</summary>
public sealed class VerboseHostFixture : IAsyncLifetime
{
    private readonly AzuriteWithBlobs _azurite = new();

    public ChildHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Host = await FuncStart.StartReadyAsync(FuncHost.SampleRoot("FunctionsSample"), SampleSettings.For(_azurite.ConnectionString), AzuriteInstance.FreePort(), verbose: true);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

/// <summary>What the host answers and logs itself: problem bodies with nosniff, Kestrel's rejections included, and no keys in its log.</summary>
public sealed class HardeningTests(VerboseHostFixture fixture) : IClassFixture<VerboseHostFixture>
{
    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task The_hosts_own_404_405_and_500_are_problem_json_with_nosniff()
    {
        foreach (var (method, path, status) in new[] { ("GET", "api/no-such-function", 404), ("DELETE", "api/hello/x", 405), ("GET", "api/boom", 500) })
        {
            using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(status, body.RootElement.GetProperty("status").GetInt32());
        }
    }

    [Theory]
    [InlineData("encoded NUL in the path", "GET /api/hello/a%00b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400)]
    [InlineData("no Host header", "GET /api/hello HTTP/1.1\r\n\r\n", 400)]
    [InlineData("request line over 8 KiB", "LONG_TARGET", 414)]
    [InlineData("headers over 32 KiB", "BIG_HEADERS", 431)]
    public async Task Kestrels_own_rejections_get_a_problem_json_body_with_nosniff(string what, string request, int status)
    {
        request = request switch
        {
            "LONG_TARGET" => $"GET /api/hello?x={new string('a', 9000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "BIG_HEADERS" => $"GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n{string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Filler-{i}: {new string('b', 1000)}\r\n"))}\r\n",
            _ => request,
        };

        var (statusCode, headers, body) = await RawAsync(request);

        Assert.True(statusCode == status, $"{what}: {statusCode}");
        Assert.Contains("content-type: application/problem+json", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("x-content-type-options: nosniff", headers, StringComparison.OrdinalIgnoreCase);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Function_keys_in_the_query_or_the_header_never_reach_the_hosts_console_even_verbose()
    {
        const string QueryKey = "QueryKey7f3a9c";
        const string HeaderKey = "HeaderKey2b8d41";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/items/11?code={QueryKey}");
        request.Headers.Add("x-functions-key", HeaderKey);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var missing = await Http.GetAsync($"api/nothing-here?code={QueryKey}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        Assert.True(await fixture.Host.WaitForOutputAsync("Executed 'Functions.Item' (Succeeded", TimeSpan.FromSeconds(10)), fixture.Host.Output);
        // The request did get logged (verbose shows the worker's request lines), only without the keys.
        Assert.Contains("api/items/11", fixture.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(QueryKey, fixture.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(HeaderKey, fixture.Host.Output, StringComparison.Ordinal);
    }

    private async Task<(int Status, string Headers, string Body)> RawAsync(string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, fixture.Host.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            // Kestrel closes the connection after a rejection; read until it does.
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the response was written.
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, "no response: " + text);
        var head = text[..split];
        return (int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), head, text[(split + 4)..]);
    }
}
