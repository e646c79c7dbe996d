using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>Small helpers for the requests the suite sends.</summary>
public static class Api
{
    /// <summary>A status change request as an official would send it.</summary>
    public static HttpRequestMessage StatusChange(ItemRef item, string key, string status, string? idempotencyKey, string? note = null)
    {
        var body = JsonSerializer.Serialize(new { status, note = note ?? $"{status} {item.Id}" });
        var request = new HttpRequestMessage(HttpMethod.Post, item.Path + "/status") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", key);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    /// <summary>A GET with a key.</summary>
    public static HttpRequestMessage Get(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", key);
        return request;
    }

    /// <summary>GETs JSON with a key; fails on any status but 200.</summary>
    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, string key)
    {
        using var request = Get(path, key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Whether a response is a problem document.</summary>
    public static bool IsProblem(HttpContentHeaders headers) => headers.ContentType?.MediaType == "application/problem+json";
}
