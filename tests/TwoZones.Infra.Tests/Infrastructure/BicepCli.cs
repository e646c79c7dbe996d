namespace TwoZones.Infra.Tests.Infrastructure;

/// <summary>The bicep executable NuGet restored from Azure.Bicep.CommandLine.linux-x64.</summary>
public static class BicepCli
{
    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        ProcessRunner.RunAsync(Executable(), arguments, workingDirectory, environment);

    private static string Executable()
    {
        var path = BuildMetadata.BicepExecutable;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The bicep executable was not restored; check the Azure.Bicep.CommandLine.linux-x64 PackageReference.", path);
        }

        // NuGet does not promise to keep the execute bit when it extracts a package.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        return path;
    }
}
