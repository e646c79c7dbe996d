namespace TwoZones.Testing;

/// <summary>Finds the repository root (the folder with <c>TwoZones.Functions.sln</c>) from a test's output folder.</summary>
public static class RepositoryRoot
{
    /// <summary>The absolute path of the repository root.</summary>
    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("TWOZONES_REPO_ROOT");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TwoZones.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        // Builds with an artifacts path outside the tree still run from the repository as working directory.
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TwoZones.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TwoZones.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
