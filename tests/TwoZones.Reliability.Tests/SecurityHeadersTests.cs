using TwoZones.Reliability.Tests.Infrastructure;
using TwoZones.Testing;

namespace TwoZones.Reliability.Tests;

/// <summary>What every answer carries and never carries: nosniff, a restrictive CSP on the dashboard, no CORS grant, no keys in logs.</summary>
public sealed class SecurityHeadersTests(HostileInputTests.Store store) : IClassFixture<HostileInputTests.Store>
{
    private static readonly string[] Paths =
    [
        "api/health", "api/progress", "api/programmes", "api/programmes/P01", "api/tasks", "api/tasks/T001", "api/tasks/T001/history",
        "api/measures", "api/measures/P01-M001", "api/dashboard", "api/openapi.json", "api/digests/latest", "api/nothing-here",
    ];

    [Fact]
    public async Task Every_answer_has_nosniff_and_no_CORS_grant_even_to_a_foreign_origin()
    {
        foreach (var path in Paths)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Options })
            {
                using var request = Api.Get(path, DemoKeys.Viewer);
                request.Method = method;
                request.Headers.Add("Origin", "https://evil.example");
                request.Headers.Add("Access-Control-Request-Method", "POST");
                using var response = await store.App.Host.Http.SendAsync(request);
                Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{method} {path}: no nosniff ({(int)response.StatusCode})");
                Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{method} {path} grants CORS");
                Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"), $"{method} {path} grants CORS credentials");
            }
        }
    }

    [Fact]
    public async Task The_dashboard_forbids_scripts_frames_and_foreign_content()
    {
        foreach (var lang in new[] { "en", "zh" })
        {
            using var response = await store.App.Host.Http.GetAsync($"api/dashboard?lang={lang}&code={DemoKeys.Viewer}");
            response.EnsureSuccessStatusCode();
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("*", policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_key_in_the_query_string_is_not_logged()
    {
        using var response = await store.App.Host.Http.GetAsync($"api/progress?code={DemoKeys.Viewer}");
        response.EnsureSuccessStatusCode();
        using var dashboard = await store.App.Host.Http.GetAsync($"api/dashboard?code={DemoKeys.Viewer}");
        dashboard.EnsureSuccessStatusCode();
        await Task.Delay(500);
        store.App.AssertNoKeyInLogs();
    }
}
