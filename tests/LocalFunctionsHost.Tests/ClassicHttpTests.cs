using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LocalFunctionsHost.Tests;

/// <summary>
/// The classic isolated HTTP model (<c>HttpRequestData</c>/<c>HttpResponseData</c>): the worker has no HTTP server of its own,
/// so the request travels inside the invocation and the response comes back in its HTTP output.
/// </summary>
public sealed class ClassicHttpTests(ClassicHttpHostFixture fixture) : IClassFixture<ClassicHttpHostFixture>
{
    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task Method_route_value_query_headers_and_body_reach_the_function()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/echo/bob?q=1&other=x") { Content = new StringContent("hi there") };
        request.Headers.Add("X-Sample", ["a", "b"]);
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^POST name=bob q=1 h=a, ?b body=hi there$", await response.Content.ReadAsStringAsync());

        // The optional route value left out, and a method without a body.
        Assert.Equal("GET name=(none) q= h= body=", await Http.GetStringAsync("api/echo"));
        Assert.Equal("PUT name=ann q=z h= body=", await (await Http.PutAsync("api/echo/ann?q=z", null)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_one_mebibyte_body_goes_to_the_function_and_back_with_its_headers()
    {
        var body = new byte[1024 * 1024];
        new Random(7).NextBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/binary") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-sample");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/x-sample", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1048576", Assert.Single(response.Headers.GetValues("X-Received-Length")));
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_one_mebibyte_response_body_arrives_whole()
    {
        using var response = await Http.GetAsync("api/large");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1024 * 1024, response.Content.Headers.ContentLength);
        // The sample's pattern: byte i is i * 31 mod 251.
        Assert.Equal(Enumerable.Range(0, 1024 * 1024).Select(i => (byte)(i * 31 % 251)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Status_code_headers_with_several_values_and_cookies_reach_the_client()
    {
        using var response = await Http.GetAsync("api/status/418");
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("custom-418", Assert.Single(response.Headers.GetValues("X-Custom")));
        Assert.Equal(["one", "two"], response.Headers.GetValues("X-Multi").SelectMany(v => v.Split(',')).Select(v => v.Trim()));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("flavour=oat", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=60", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("status 418", await response.Content.ReadAsStringAsync());

        using var accepted = await Http.GetAsync("api/status/202");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // 204 has no body, whatever the function wrote.
        using var empty = await Http.GetAsync("api/status/204");
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.Empty(await empty.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_json_body_and_route_constraints()
    {
        using var response = await Http.GetAsync("api/json/42");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"id":42,"kind":"number"}""", await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/json/4x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/status/700")).StatusCode);
    }

    [Fact]
    public async Task Unmatched_route_is_404_and_wrong_method_405_with_allow_both_problem_json_with_nosniff()
    {
        using var missing = await Http.GetAsync("api/no/such/function");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(missing.Headers.GetValues("X-Content-Type-Options")));

        using var wrong = await Http.DeleteAsync("api/echo");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["GET", "POST", "PUT"], wrong.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Contains("\"status\":405", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_is_a_500_problem_without_details_and_a_failed_execution_in_the_log()
    {
        using var response = await Http.GetAsync("api/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("failed on purpose", body, StringComparison.Ordinal);
        Assert.True(await fixture.Host.WaitForOutputAsync("Executed 'Functions.Boom' (Failed, Id=", TimeSpan.FromSeconds(10)), fixture.Host.Output);
    }

    [Fact]
    public async Task A_function_past_functionTimeout_answers_500_with_the_timeout()
    {
        // The sample's host.json sets functionTimeout to 5 s.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await Http.GetAsync("api/slow/30000");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Timeout value of 00:00:05 exceeded by function 'Functions.Slow'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_client_that_disconnects_cancels_the_invocation()
    {
        using var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.GetAsync("api/slow/4000"));
        Assert.True(await fixture.Host.WaitForOutputAsync("Executed 'Functions.Slow' (Cancelled", TimeSpan.FromSeconds(10)), fixture.Host.Output);
    }

    [Fact]
    public async Task A_body_over_100_MB_is_refused_with_413_before_the_function_runs()
    {
        var before = fixture.Host.Count("Executing 'Functions.Binary'");
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, fixture.Host.Port);
        var stream = socket.GetStream();
        // Only the head: the declared length alone is over the limit.
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /api/binary HTTP/1.1\r\nHost: localhost\r\nContent-Length: 200000000\r\n\r\n"));
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var head = Encoding.ASCII.GetString(buffer, 0, read);

        Assert.StartsWith("HTTP/1.1 413", head, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", head, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Host.Count("Executing 'Functions.Binary'"));
    }

    [Fact]
    public async Task The_start_lists_the_functions_and_concurrent_requests_each_get_their_own_answer()
    {
        Assert.Contains($"  Echo: [GET,POST,PUT] http://127.0.0.1:{fixture.Host.Port}/api/echo/{{name?}}", fixture.Host.Output, StringComparison.Ordinal);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Http.GetStringAsync($"api/echo/n{i}?q={i}")));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"GET name=n{i} q={i} h= body="), answers);
    }
}
