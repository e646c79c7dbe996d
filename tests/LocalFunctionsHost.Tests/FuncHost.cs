using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>
/// The sample apps built beside these tests, for <see cref="FuncStart"/>, and the worker of a host started on one.
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

    /// <summary>The host's worker: its child process running the app's dll.</summary>
    public static int? WorkerPid(this ChildHost host) => host.ChildPid();
}
