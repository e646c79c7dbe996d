using System.Net;
using System.Text.Json;

namespace TwoZones.Functions.Local.Tests.Hosting;

internal static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 body with the status, and no stack trace anywhere in it; returns the detail.</summary>
    public static async Task<string> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("title").GetString()));
        Assert.DoesNotMatch(@"\bat [\w.`<>+]+\.\w+\(", body);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        return json.RootElement.GetProperty("detail").GetString() ?? string.Empty;
    }
}
