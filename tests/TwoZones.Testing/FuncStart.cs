using System.Globalization;

namespace TwoZones.Testing;

/// <summary><c>tools/func start --script-root DIR</c>, the local Functions host, as a <see cref="ChildHost"/>.</summary>
public static class FuncStart
{
    /// <summary>The port the host listens on when neither <c>--port</c> nor local.settings.json says otherwise.</summary>
    public const int DefaultPort = 7071;

    /// <summary>Starts the host on an app's build output without waiting for it.</summary>
    /// <param name="scriptRoot">The app's build output.</param>
    /// <param name="environment">Variables on top of this process's.</param>
    /// <param name="port">Passed as <c>--port</c>; without it the host picks its port from local.settings.json or <see cref="DefaultPort"/>.</param>
    /// <param name="expectedPort">The port the host is expected to choose itself, when <paramref name="port"/> is null.</param>
    /// <param name="verbose">Passes <c>--verbose</c>.</param>
    public static ChildHost Launch(string scriptRoot, IDictionary<string, string> environment, int? port = null, int? expectedPort = null, bool verbose = false)
    {
        var root = RepositoryRoot.Find();
        List<string> arguments = ["start", "--script-root", Path.GetFullPath(scriptRoot)];
        if (port is { } p)
        {
            arguments.AddRange(["--port", p.ToString(CultureInfo.InvariantCulture)]);
        }

        if (verbose)
        {
            arguments.Add("--verbose");
        }

        return ChildHost.LaunchCommand(Path.Combine(root, "tools", "func"), arguments, root, environment, port ?? expectedPort ?? DefaultPort);
    }

    /// <summary>Starts the host and waits for "Host started".</summary>
    /// <inheritdoc cref="Launch" path="/param"/>
    public static async Task<ChildHost> StartReadyAsync(string scriptRoot, IDictionary<string, string> environment, int? port = null, int? expectedPort = null, bool verbose = false)
    {
        var host = Launch(scriptRoot, environment, port, expectedPort, verbose);
        if (!await host.WaitForOutputAsync("Host started", TimeSpan.FromSeconds(90)))
        {
            var output = host.Output;
            await host.DisposeAsync();
            throw new InvalidOperationException("The host did not start. Output:\n" + output);
        }

        return host;
    }
}
