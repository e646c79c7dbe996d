using System.Globalization;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>
/// <c>tools/func start --script-root ...</c> as a <see cref="ChildHost"/>, for the sample apps built beside these tests.
/// </summary>
public static class FuncHost
{
    /// <summary>The build output of a sample app, in the configuration the tests were built in.</summary>
    public static string SampleRoot(string name)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        var root = Path.Combine(RepositoryRoot.Find(), "tests", "Samples", name, "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(root, "worker.config.json")) ? root : throw new FileNotFoundException("Build the test project first; missing " + root);
    }

    /// <summary>A copy of a sample's build output, for tests that write their own host.json or local.settings.json.</summary>
    public static string CopyOfSample(string name)
    {
        var source = SampleRoot(name);
        var target = Directory.CreateTempSubdirectory("lfh-app-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    /// <summary>Starts the host without waiting for it.</summary>
    /// <param name="scriptRoot">The app's build output.</param>
    /// <param name="environment">Variables on top of this process's.</param>
    /// <param name="port">Passed as <c>--port</c>; without it the host picks its port from local.settings.json or 7071.</param>
    /// <param name="expectedPort">The port the host is expected to choose itself, when <paramref name="port"/> is null.</param>
    /// <param name="verbose">Passes <c>--verbose</c>.</param>
    public static ChildHost Start(string scriptRoot, IDictionary<string, string> environment, int? port = null, int? expectedPort = null, bool verbose = false)
    {
        var root = RepositoryRoot.Find();
        List<string> arguments = ["start", "--script-root", scriptRoot];
        if (port is { } p)
        {
            arguments.AddRange(["--port", p.ToString(CultureInfo.InvariantCulture)]);
        }

        if (verbose)
        {
            arguments.Add("--verbose");
        }

        return ChildHost.LaunchCommand(Path.Combine(root, "tools", "func"), arguments, root, environment, port ?? expectedPort ?? 7071);
    }

    /// <summary>Starts the host and waits for "Host started".</summary>
    /// <inheritdoc cref="Start" path="/param"/>
    public static async Task<ChildHost> StartReadyAsync(string scriptRoot, IDictionary<string, string> environment, int? port = null, int? expectedPort = null, bool verbose = false)
    {
        var host = Start(scriptRoot, environment, port, expectedPort, verbose);
        if (!await host.WaitForOutputAsync("Host started", TimeSpan.FromSeconds(90)))
        {
            var output = host.Output;
            await host.DisposeAsync();
            throw new InvalidOperationException("The host did not start. Output:\n" + output);
        }

        return host;
    }

    /// <summary>The host's worker: its child process running the app's dll.</summary>
    public static int? WorkerPid(this ChildHost host) => host.ChildPid();
}
