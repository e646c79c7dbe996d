using System.Net;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>One host running the sample for all HTTP tests of this class.</summary>
public sealed class HttpHostFixture : IAsyncLifetime
{
    private readonly AzuriteWithBlobs _azurite = new();

    public ChildHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Host = await FuncStart.StartReadyAsync(FuncHost.SampleRoot("FunctionsSample"), SampleSettings.For(_azurite.ConnectionString), AzuriteInstance.FreePort());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

public sealed class HttpTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task Routes_bind_parameters_constraints_and_optional_values()
    {
        Assert.Equal("Hello, bob!", await Http.GetStringAsync("api/hello/bob?suffix=!"));
        Assert.Equal("Hello, world", await Http.GetStringAsync("api/hello"));
        Assert.Equal("Hello, ann", await (await Http.PostAsync("api/hello/ann", null)).Content.ReadAsStringAsync());
        Assert.Equal("""{"id":42,"kind":"number"}""", await Http.GetStringAsync("api/items/42"));
        Assert.Equal("""{"slug":"abc","kind":"slug"}""", await Http.GetStringAsync("api/items/abc"));
        Assert.Equal("no route", await Http.GetStringAsync("api/NoRoute"));

        // Neither {id:int} nor {slug:alpha}; and a value outside range(200,599).
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/items/4x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/status/700")).StatusCode);
    }

    [Fact]
    public async Task Unmatched_route_is_404_and_wrong_method_405_with_allow_both_problem_json()
    {
        var missing = await Http.GetAsync("api/no/such/function");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var wrong = await Http.DeleteAsync("api/echo");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["POST", "PUT"], wrong.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Contains("\"status\":405", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Outside the route prefix nothing matches either.
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("hello/bob")).StatusCode);
    }

    [Fact]
    public async Task A_one_mebibyte_body_streams_to_the_function_and_back_with_its_headers()
    {
        var body = new byte[1024 * 1024];
        new Random(7).NextBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/echo") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-sample");
        request.Headers.Add("X-Sample", "from-the-client");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/x-sample", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1048576", Assert.Single(response.Headers.GetValues("X-Received-Length")));
        Assert.Equal("from-the-client", Assert.Single(response.Headers.GetValues("X-Request-Header")));
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Status_code_and_headers_set_by_the_function_reach_the_client()
    {
        using var response = await Http.GetAsync("api/status/418");
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("custom-418", Assert.Single(response.Headers.GetValues("X-Custom")));
        Assert.Equal("status 418", await response.Content.ReadAsStringAsync());

        using var accepted = await Http.GetAsync("api/status/202");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task An_exception_is_a_500_without_stack_trace_and_a_failed_execution_in_the_log()
    {
        using var response = await Http.GetAsync("api/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("failed on purpose", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.True(await fixture.Host.WaitForOutputAsync("Executed 'Functions.Boom' (Failed, Id=", TimeSpan.FromSeconds(10)), fixture.Host.Output);
    }

    [Fact]
    public async Task The_start_lists_functions_with_urls_and_each_request_logs_executing_and_executed()
    {
        var port = fixture.Host.Port;
        var output = fixture.Host.Output;
        Assert.Contains($"  Hello: [GET,POST] http://127.0.0.1:{port}/api/hello/{{name?}}", output, StringComparison.Ordinal);
        Assert.Contains($"  Item: [GET] http://127.0.0.1:{port}/api/items/{{id:int}}", output, StringComparison.Ordinal);
        Assert.Contains("  Tick: timerTrigger", output, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("api/items/7")).StatusCode);
        Assert.True(await fixture.Host.WaitForOutputAsync("Executed 'Functions.Item' (Succeeded, Id=", TimeSpan.FromSeconds(10)));
        Assert.Matches(@"Executing 'Functions\.Item' \(Reason='[^']+', Id=[0-9a-f-]{36}\)", fixture.Host.Output);
        Assert.Matches(@"Executed 'Functions\.Item' \(Succeeded, Id=[0-9a-f-]{36}, Duration=\d+ms\)", fixture.Host.Output);
    }

    [Fact]
    public async Task A_client_that_disconnects_cancels_the_invocation()
    {
        using var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.GetAsync("api/slow/20000"));
        Assert.True(await fixture.Host.WaitForOutputAsync("Executed 'Functions.Slow' (Cancelled", TimeSpan.FromSeconds(10)), fixture.Host.Output);
    }

    [Fact]
    public async Task Concurrent_requests_each_get_their_own_answer()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Http.GetStringAsync($"api/hello/n{i}")));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"Hello, n{i}"), answers);
    }
}
