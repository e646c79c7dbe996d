using System.Net;

namespace TwoZones.Testing;

/// <summary>The function app as a child process, as the end-to-end tests and the benchmarks run it.</summary>
public static class AppProcess
{
    /// <summary>A date no test reaches: timers moved there fire only when a test asks (the API starts digests and snapshots too).</summary>
    public const string Never = "0 0 0 1 1 *";

    /// <summary>The app's main assembly, built by the same build as the tests (a ProjectReference with ReferenceOutputAssembly=false).</summary>
    public static string BuiltApp() => ChildHost.FindBuiltApp("TwoZones.Functions");

    /// <summary>
    /// The settings most runs share: the given storage, warnings and errors only, the snapshot, digest, reconcile and seal timers moved to
    /// <see cref="Never"/>, and the demo keys (<see cref="DemoKeys"/>).
    /// </summary>
    /// <param name="storage">The <c>AzureWebJobsStorage</c> connection string.</param>
    /// <returns>A new dictionary, to which callers add or in which they override.</returns>
    public static IDictionary<string, string> Settings(string storage)
    {
        var settings = DemoKeys.Environment();
        settings["AzureWebJobsStorage"] = storage;
        settings["Logging__LogLevel__Default"] = "Warning";
        settings["TwoZones__SnapshotSchedule"] = Never;
        settings["TwoZones__DigestSchedule"] = Never;
        settings["TwoZones__ReconcileSchedule"] = Never;
        settings["TwoZones__SealSchedule"] = Never;
        return settings;
    }

    /// <summary>
    /// Starts the app's build output under the local Functions host (<c>tools/func start --script-root</c>, as <c>./run.sh</c>
    /// does) on a free port and returns once <c>GET /api/health</c> answers 200.
    /// </summary>
    /// <param name="appDll">The built app; its folder is the script root.</param>
    /// <param name="settings">Its settings (environment variables).</param>
    /// <param name="timeout">How long start-up and health may take together, at most.</param>
    /// <returns>The running host and app; the caller disposes it.</returns>
    public static async Task<ChildHost> StartHealthyAsync(string appDll, IDictionary<string, string> settings, TimeSpan timeout)
    {
        // A free port is only free when it is picked: test processes no longer take each other's (see FreePort), but any other
        // program may still bind it before the host does. The host then says so and exits, and the app starts again on another port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartHealthyOnAsync(appDll, settings, AzuriteInstance.FreePort(), timeout);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains(" is unavailable (", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<ChildHost> StartHealthyOnAsync(string appDll, IDictionary<string, string> settings, int port, TimeSpan timeout)
    {
        var host = await StartAsync(appDll, settings, port, timeout);
        try
        {
            await Polling.UntilAsync(
                async () => !host.HasExited
                    ? (await host.Http.GetAsync("api/health")).StatusCode == HttpStatusCode.OK
                    : throw new InvalidOperationException($"The app exited with code {host.ExitCode} before reporting healthy. Output:\n{await host.FinalOutputAsync()}"),
                timeout,
                "the app to report healthy",
                e => e is HttpRequestException);
            return host;
        }
        catch (TimeoutException e)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"{e.Message} Output:\n{host.Output}", e);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the app's build output under <c>tools/func</c> on <paramref name="port"/> and waits until the port listens.</summary>
    /// <param name="appDll">The built app; its folder is the script root.</param>
    /// <param name="settings">Its settings (environment variables).</param>
    /// <param name="port">The HTTP port.</param>
    /// <param name="timeout">How long to wait for the port.</param>
    public static Task<ChildHost> StartAsync(string appDll, IDictionary<string, string> settings, int port, TimeSpan timeout) =>
        FuncStart.Launch(ScriptRoot(appDll), settings, port).ListeningAsync(timeout);

    /// <summary>Starts the app's build output under <c>tools/func</c> without waiting (for runs expected to fail at start).</summary>
    /// <param name="appDll">The built app; its folder is the script root.</param>
    /// <param name="settings">Its settings (environment variables).</param>
    public static ChildHost Launch(string appDll, IDictionary<string, string> settings) =>
        FuncStart.Launch(ScriptRoot(appDll), settings, AzuriteInstance.FreePort());

    private static string ScriptRoot(string appDll) => Path.GetDirectoryName(Path.GetFullPath(appDll))!;
}
