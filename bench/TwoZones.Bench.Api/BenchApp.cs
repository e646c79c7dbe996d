using TwoZones.Testing;

namespace TwoZones.Bench.Api;

/// <summary>
/// The app under measurement: a private in-memory Azurite and the Release build of the function app as a child process with the
/// demo keys, no seed and its timers moved out of the way, healthy before it is handed over.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private BenchApp(AzuriteInstance azurite, ChildHost host)
    {
        Azurite = azurite;
        Host = host;
        Api = new ApiClient(host.Port);
    }

    public AzuriteInstance Azurite { get; }

    public ChildHost Host { get; }

    public ApiClient Api { get; }

    /// <param name="appDll">The app's Release build.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="settings">More settings for the app (environment variables).</param>
    public static async Task<BenchApp> StartAsync(string appDll, Action<string> log, IDictionary<string, string>? settings = null)
    {
        var azurite = await AzuriteInstance.StartNewAsync(inMemory: true, allServices: true);
        log($"Azurite (in memory) on table port {azurite.TablePort}");
        var env = AppProcess.Settings(azurite.ConnectionString);
        env["TWOZONES_SEED"] = "none";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        var host = await AppProcess.StartHealthyAsync(appDll, env, TimeSpan.FromSeconds(180));
        log($"app healthy on port {host.Port}");
        return new BenchApp(azurite, host);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
