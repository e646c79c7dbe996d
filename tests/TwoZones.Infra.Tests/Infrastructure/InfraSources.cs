namespace TwoZones.Infra.Tests.Infrastructure;

/// <summary>The Bicep sources under infra/.</summary>
public static class InfraSources
{
    public static IReadOnlyList<string> BicepFiles()
    {
        var files = Directory.EnumerateFiles(BuildMetadata.InfraDirectory, "*.bicep*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
            .ToList();
        if (!files.Any(f => Path.GetFileName(f) == "main.bicep") || !files.Any(f => f.Contains($"{Path.DirectorySeparatorChar}modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Expected infra/main.bicep and infra/modules/*.bicep under {BuildMetadata.InfraDirectory}.");
        }

        return files;
    }
}
