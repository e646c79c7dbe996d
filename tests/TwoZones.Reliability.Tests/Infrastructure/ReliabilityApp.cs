using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TwoZones.Testing;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>
/// The function app as a user runs it: <c>tools/start-app</c> (what <c>./run.sh</c> runs), with the settings of
/// <c>local.settings.sample.json</c> (its log levels included, so what the logs would leak is what they leak), on a private
/// Azurite with every service, on free ports. Everything the tests do goes through real HTTP.
/// </summary>
public sealed class ReliabilityApp : IAsyncDisposable
{
    /// <summary>Keys every instance accepts: the demo keys plus an official of BMSTC.</summary>
    public const string ScienceKey = "reliability-science-key";

    private readonly List<ChildHost> _hosts = [];

    private ReliabilityApp(AzuriteInstance azurite, IDictionary<string, string> settings)
    {
        Azurite = azurite;
        Settings = settings;
    }

    /// <summary>The storage every instance shares.</summary>
    public AzuriteInstance Azurite { get; }

    /// <summary>The settings (environment) every instance gets.</summary>
    public IDictionary<string, string> Settings { get; }

    /// <summary>The first instance.</summary>
    public ChildHost Host => _hosts[0];

    /// <summary>Every instance started, in order.</summary>
    public IReadOnlyList<ChildHost> Hosts => _hosts;

    /// <summary>Every API key the suite sends, which no log may contain.</summary>
    public static IReadOnlyList<string> AllKeys { get; } = [DemoKeys.Viewer, DemoKeys.Commerce, DemoKeys.Coordinator, ScienceKey];

    /// <summary>Starts Azurite and one instance of the app, and imports <paramref name="catalogueJson"/> when given.</summary>
    /// <param name="catalogueJson">A catalogue to import before returning, or null for an empty store.</param>
    /// <param name="settings">Settings on top of the sample's.</param>
    public static async Task<ReliabilityApp> StartAsync(string? catalogueJson, IDictionary<string, string>? settings = null)
    {
        var azurite = await AzuriteInstance.StartNewAsync(inMemory: false, allServices: true);
        var environment = DemoKeys.Environment();
        DemoKeys.Add(environment, "reliability-science", ScienceKey, "Reliability Official (Science Commission)", "official", "BMSTC");
        environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        environment["TwoZones__SnapshotSchedule"] = AppProcess.Never;
        environment["TwoZones__DigestSchedule"] = AppProcess.Never;
        environment["TwoZones__ReconcileSchedule"] = "0 */10 * * * *";
        environment["TwoZones__SealSchedule"] = AppProcess.Never;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var app = new ReliabilityApp(azurite, environment);
        try
        {
            await app.StartInstanceAsync();
            if (catalogueJson is not null)
            {
                await app.ImportAsync(app.Host.Http, catalogueJson);
            }

            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts another instance of the app on the same storage (a scaled-out Function App) and waits until it is healthy.</summary>
    public async Task<ChildHost> StartInstanceAsync()
    {
        var root = RepositoryRoot.Find();
        for (var attempt = 1; ; attempt++)
        {
            var port = AzuriteInstance.FreePort();
            var environment = new Dictionary<string, string>(Settings) { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var host = await ChildHost.StartCommandAsync(Path.Combine(root, "tools", "start-app"), [], root, environment, port, TimeSpan.FromMinutes(5));
            _hosts.Add(host);
            try
            {
                await WaitHealthyAsync(host, TimeSpan.FromMinutes(5));
                return host;
            }
            catch (InvalidOperationException) when (attempt < 3 && host.HasExited && host.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // The port found free was taken before the host bound it (another process's port-0 listener got the same
                // number, and answered the test's first connection): new port, new instance.
            }
        }
    }

    /// <summary>Waits until <c>GET /api/health</c> answers 200; returns how long that took.</summary>
    /// <exception cref="InvalidOperationException">The host exited first (the message has its last output).</exception>
    public static async Task<TimeSpan> WaitHealthyAsync(ChildHost host, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await PollHealthAsync(host, timeout);
        }
        catch (TimeoutException e)
        {
            var output = host.Output;
            throw new TimeoutException($"{e.Message} Its last output:\n{output[Math.Max(0, output.Length - 4000)..]}", e);
        }

        return clock.Elapsed;
    }

    private static Task PollHealthAsync(ChildHost host, TimeSpan timeout) =>
        Polling.UntilAsync(
            async () =>
            {
                if (host.HasExited)
                {
                    var output = host.Output;
                    throw new InvalidOperationException(
                        $"The app exited with code {host.ExitCode} before it reported healthy. Its last output:\n{output[Math.Max(0, output.Length - 4000)..]}");
                }

                using var response = await host.Http.GetAsync("api/health");
                return response.StatusCode == HttpStatusCode.OK;
            },
            timeout,
            "the app to report healthy",
            e => e is HttpRequestException or TaskCanceledException);

    /// <summary>Imports a catalogue through <c>POST /api/catalogue</c> and waits for the import to complete.</summary>
    public async Task ImportAsync(HttpClient http, string catalogueJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/catalogue") { Content = new StringContent(catalogueJson, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", DemoKeys.Coordinator);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"import answered {(int)response.StatusCode}: {body}");
        var statusUri = JsonDocument.Parse(body).RootElement.GetProperty("statusQueryGetUri").GetString()!;
        string? state = null;
        await Polling.UntilAsync(
            async () =>
            {
                using var status = new HttpRequestMessage(HttpMethod.Get, statusUri);
                status.Headers.Add("x-functions-key", DemoKeys.Coordinator);
                using var answer = await http.SendAsync(status);
                state = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString();
                return state is "Completed" or "Failed" or "Terminated";
            },
            TimeSpan.FromMinutes(10),
            "the catalogue import to finish");
        Assert.Equal("Completed", state);
    }

    /// <summary>Everything every instance wrote to its console, across restarts.</summary>
    public string AllOutput() => string.Join('\n', _hosts.Select(h => h.Output));

    /// <summary>Fails if any log line of any instance holds an API key the suite sent.</summary>
    public void AssertNoKeyInLogs()
    {
        var output = AllOutput();
        Assert.NotEmpty(output);
        foreach (var key in AllKeys)
        {
            Assert.False(output.Contains(key, StringComparison.Ordinal), $"An API key ({key[..6]}…) appears in the app's logs.");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }
}
