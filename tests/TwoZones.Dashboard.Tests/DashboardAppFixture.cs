using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TwoZones.Core.Catalogue;
using TwoZones.Testing;

namespace TwoZones.Dashboard.Tests;

/// <summary>
/// A private Azurite, the real app as a child process (no scheduled snapshots: the trend's point is the one the import takes) with
/// <see cref="DashboardCatalogue"/> imported through <c>POST /api/catalogue</c>, the sample indicators with two actuals reported, and one
/// headless system Chromium driven by Playwright.
/// </summary>
public sealed class DashboardAppFixture : IAsyncLifetime
{
    public const string ViewerKey = DemoKeys.Viewer;
    public const string CoordinatorKey = DemoKeys.Coordinator;
    public const string ChromiumPath = "/usr/bin/chromium";

    private AzuriteInstance? _azurite;
    private ChildHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ChildHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public HttpClient Http => Host.Http;

    public string BaseUrl => $"http://127.0.0.1:{Host.Port}/";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run tools/install-system-deps.sh (as root) to install Debian's chromium.");
        }

        // The browser comes from Debian; Playwright must never try to fetch one.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var browserStart = StartBrowserAsync();

        _azurite = await AzuriteInstance.StartNewAsync(allServices: true);
        var env = AppProcess.Settings(_azurite.ConnectionString);
        _host = await AppProcess.StartHealthyAsync(AppProcess.BuiltApp(), env, TimeSpan.FromMinutes(5));
        await ImportAsync(DashboardCatalogue.Create());
        await WaitUntilAsync(async () => (await GetJsonAsync("api/progress")).GetProperty("total").GetInt32() == 20, TimeSpan.FromSeconds(30), "progress to count the seed");
        await PostAsync("api/indicators", File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "data", "indicators.sample.json")));
        await PostAsync("api/indicators/2024-INV-PROJECTS/actuals", """{"period":"2024","value":8085}""");
        await PostAsync("api/indicators/2024-FDI-PROJECTS/actuals", """{"period":"2024-06","value":400}""");
        await PostAsync("api/seals", "{}");

        // Snapshots are never scheduled here: the trend's point is the snapshot the import took when it completed.
        await WaitUntilAsync(
            async () => (await GetTextAsync($"api/dashboard?code={ViewerKey}")).Contains("series-completed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "a progress snapshot to appear in the trend");
        await browserStart;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A fresh page in its own browser context (no cookies or state shared between tests).</summary>
    /// <param name="width">Viewport width in CSS pixels.</param>
    /// <param name="bypassCsp">Lets the test inject a script (axe-core) despite the page's Content-Security-Policy; for tests only.</param>
    public async Task<IPage> NewPageAsync(int width = 1200, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            BypassCSP = bypassCsp,
        });
        var page = await context.NewPageAsync();
        // Generous: a page whose first as-of figures are computed cold took over 30 s on a 2-core machine at a load of 40, and
        // a test must not fail because the machine is busy.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        return page;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var text = await GetTextAsync(path);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", ViewerKey);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Polling.UntilAsync(condition, timeout, what, e => e is HttpRequestException or Xunit.Sdk.XunitException);

    private async Task StartBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    private async Task PostAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("x-functions-key", CoordinatorKey);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
    }

    private async Task ImportAsync(Catalogue catalogue)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/catalogue");
        request.Headers.Add("x-functions-key", CoordinatorKey);
        request.Content = new StringContent(CatalogueJson.Serialize(catalogue), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/catalogue answered {(int)response.StatusCode}: {text}");
        var statusUri = JsonDocument.Parse(text).RootElement.GetProperty("statusQueryGetUri").GetString()!;
        await WaitUntilAsync(
            async () =>
            {
                var status = await GetJsonAsync(statusUri);
                var runtime = status.GetProperty("runtimeStatus").GetString();
                Assert.True(runtime is not ("Failed" or "Terminated"), $"The import ended {runtime}: {status}");
                return runtime == "Completed";
            },
            TimeSpan.FromMinutes(10),
            "the catalogue import to complete");
    }
}
