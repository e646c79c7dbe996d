using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TwoZones.Functions.Local.Tests.Hosting;

/// <summary>HostSample, started from the official Program.cs template, served over real HTTP.</summary>
public sealed class HttpTriggerTests(HostSampleFixture sample) : IClassFixture<HostSampleFixture>
{
    private HttpClient Http => sample.Http;

    [Fact]
    public async Task Official_template_app_starts_and_prints_function_urls_like_core_tools()
    {
        Assert.True(await sample.Host.WaitForOutputAsync("Functions:", TimeSpan.FromSeconds(30)), sample.Host.Output);
        Assert.Contains($"GetItem: [GET] http://127.0.0.1:{sample.Host.Port}/api/items/{{id:int}}", sample.Host.Output, StringComparison.Ordinal);
        Assert.Contains("SampleTimer: timerTrigger", sample.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_values_bind_by_name_and_constraints_select_the_route()
    {
        using var ok = await Http.GetAsync(new Uri("api/items/42", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.Equal(42, json.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("Item 42", json.RootElement.GetProperty("displayName").GetString());

        using var notInt = await Http.GetAsync(new Uri("api/items/abc", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(notInt, HttpStatusCode.NotFound);

        var token = Guid.NewGuid();
        var item = await Http.GetFromJsonAsync<JsonElement>(new Uri($"api/tokens/{token}", UriKind.Relative));
        Assert.Equal(token, item.GetProperty("token").GetGuid());
    }

    [Fact]
    public async Task Optional_route_value_and_default_route_and_DI_service_work()
    {
        Assert.Equal("Hello, Ada! (all-functions)", await Http.GetStringAsync(new Uri("api/greet/Ada", UriKind.Relative)));
        Assert.Equal("Hello, stranger! (all-functions)", await Http.GetStringAsync(new Uri("api/greet", UriKind.Relative)));

        var hello = await Http.GetFromJsonAsync<JsonElement>(new Uri("api/Hello?name=Bo", UriKind.Relative));
        Assert.Equal("Hello, Bo!", hello.GetProperty("greeting").GetString());
        using var post = await Http.PostAsync(new Uri("api/Hello", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
    }

    [Fact]
    public async Task Unconvertible_route_value_is_400_problem()
    {
        Assert.Equal(49, (await Http.GetFromJsonAsync<JsonElement>(new Uri("api/square/7", UriKind.Relative))).GetProperty("id").GetInt32());
        using var bad = await Http.GetAsync(new Uri("api/square/seven", UriKind.Relative));
        var detail = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Contains("seven", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unmatched_route_is_404_and_wrong_method_is_405_problem()
    {
        using var missing = await Http.GetAsync(new Uri("api/no/such/function", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        using var noPrefix = await Http.GetAsync(new Uri("items/1", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(noPrefix, HttpStatusCode.NotFound);
        using var wrongMethod = await Http.PostAsync(new Uri("api/items/1", UriKind.Relative), null);
        await ProblemAssert.IsProblemAsync(wrongMethod, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task FromBody_binds_camelCase_json_and_the_body_stays_readable()
    {
        const string body = """{"message":"hi","count":3}""";
        using var response = await Http.PostAsync(new Uri("api/echo", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"echoedMessage\":\"hi\"", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(3, json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(body.Length, json.RootElement.GetProperty("bodyLength").GetInt32());
    }

    [Fact]
    public async Task Malformed_json_body_is_400_problem()
    {
        using var response = await Http.PostAsync(new Uri("api/echo", UriKind.Relative), new StringContent("""{"message": """, Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Action_results_are_executed()
    {
        using var created = await Http.PostAsync(new Uri("api/created", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("n1", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        using var file = await Http.GetAsync(new Uri("api/files/report.txt", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/plain", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("report.txt", file.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("report body", await file.Content.ReadAsStringAsync());

        using var status = await Http.GetAsync(new Uri("api/status/202", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        using var conflict = await Http.GetAsync(new Uri("api/status/409", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(conflict, HttpStatusCode.Conflict);

        using var content = await Http.GetAsync(new Uri("api/greet/x", UriKind.Relative));
        Assert.Equal("text/plain", content.Content.Headers.ContentType?.MediaType);

        using var deleted = await Http.DeleteAsync(new Uri("api/things/9", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Worker_middleware_runs_for_every_function_and_UseWhen_only_for_http()
    {
        using var response = await Http.GetAsync(new Uri("api/items/1", UriKind.Relative));
        Assert.Equal("http-only", Assert.Single(response.Headers.GetValues("X-Sample-Middleware")));
        Assert.Equal("Hello, m! (all-functions)", await Http.GetStringAsync(new Uri("api/greet/m", UriKind.Relative)));
        Assert.True(await sample.Host.WaitForOutputAsync("InvocationLogMiddleware saw GetItem", TimeSpan.FromSeconds(10)));
        Assert.Contains("ResponseHeaderMiddleware saw GetItem", sample.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhandled_exception_is_500_problem_without_details()
    {
        using var response = await Http.GetAsync(new Uri("api/throws", UriKind.Relative));
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret", detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.True(await sample.Host.WaitForOutputAsync("Executed 'Functions.Throws' (Failed", TimeSpan.FromSeconds(10)), sample.Host.Output);
    }

    [Fact]
    public async Task Invocations_are_logged_like_the_functions_host()
    {
        using var response = await Http.GetAsync(new Uri("api/items/7", UriKind.Relative));
        Assert.True(await sample.Host.WaitForOutputAsync("Executed 'Functions.GetItem' (Succeeded, Id=", TimeSpan.FromSeconds(10)), sample.Host.Output);
        Assert.Contains("Executing 'Functions.GetItem' (Reason='This function was programmatically called via the host APIs.', Id=", sample.Host.Output, StringComparison.Ordinal);
        Assert.Matches(@"Executed 'Functions\.GetItem' \(Succeeded, Id=[0-9a-f-]{36}, Duration=\d+ms\)", sample.Host.Output);
    }
}
