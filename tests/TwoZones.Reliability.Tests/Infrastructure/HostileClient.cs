using System.Text.Json;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>
/// Sends hostile cases and checks what every answer to hostile input must be: the expected 4xx (or a 503 with
/// <c>Retry-After</c>), <c>application/problem+json</c> whose <c>status</c> matches, <c>X-Content-Type-Options: nosniff</c>,
/// no stack trace or exception name, and none of the probe markup reflected unescaped.
/// </summary>
public static class HostileClient
{
    /// <summary>Markup placed in reflected values; it must never come back as is.</summary>
    public const string Probe = "<x-probe onload=alert(1)>";

    /// <summary>Sends every case and returns one line per case whose answer is wrong (empty when all are right).</summary>
    public static async Task<List<string>> RunAsync(HttpClient http, IEnumerable<HostileCase> cases)
    {
        var failures = new List<string>();
        foreach (var hostile in cases)
        {
            try
            {
                var problem = await SendAndCheckAsync(http, hostile);
                if (problem is not null)
                {
                    failures.Add($"{hostile}: {problem}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{hostile}: no answer ({e.GetType().Name}: {e.Message})");
            }
        }

        return failures;
    }

    private static async Task<string?> SendAndCheckAsync(HttpClient http, HostileCase hostile)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), new Uri(http.BaseAddress!, new Uri(hostile.Path, UriKind.Relative)));
        if (hostile.Key is not null)
        {
            request.Headers.TryAddWithoutValidation("x-functions-key", hostile.Key);
        }

        foreach (var (name, value) in hostile.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (hostile.Body is not null)
        {
            request.Content = hostile.Chunked ? new StreamContent(new MemoryStream(hostile.Body)) : new ByteArrayContent(hostile.Body);
            if (hostile.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
            }

            if (hostile.Chunked)
            {
                request.Headers.TransferEncodingChunked = true;
            }
        }

        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        return Check(hostile, response, status, text);
    }

    private static string? Check(HostileCase hostile, HttpResponseMessage response, int status, string text)
    {
        var outage = status == 503 && response.Headers.RetryAfter is not null;
        if (hostile.Expected is { } expected ? status != expected && !outage : status is < 400 or > 499 && !outage)
        {
            return $"status {status}, expected {hostile.Expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "4xx"}: {Cut(text)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"status {status} with content type '{response.Content.Headers.ContentType}', not application/problem+json: {Cut(text)}";
        }

        if (!response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) || !sniff.Contains("nosniff"))
        {
            return "no X-Content-Type-Options: nosniff";
        }

        try
        {
            using var problem = JsonDocument.Parse(text);
            if (!problem.RootElement.TryGetProperty("status", out var statusMember) || statusMember.GetInt32() != status
                || !problem.RootElement.TryGetProperty("title", out _))
            {
                return $"the problem's status or title does not match: {Cut(text)}";
            }
        }
        catch (JsonException)
        {
            return $"the problem body is not JSON: {Cut(text)}";
        }

        if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal) || text.Contains(".cs:line", StringComparison.Ordinal))
        {
            return $"the body shows an exception: {Cut(text)}";
        }

        return text.Contains("<x-probe", StringComparison.OrdinalIgnoreCase) ? $"markup is reflected unescaped: {Cut(text)}" : null;
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
