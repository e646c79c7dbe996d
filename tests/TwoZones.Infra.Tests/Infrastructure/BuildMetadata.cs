using System.Reflection;

namespace TwoZones.Infra.Tests.Infrastructure;

/// <summary>Paths the build wrote into this assembly, with the repository root overridable by TWOZONES_REPO_ROOT.</summary>
public static class BuildMetadata
{
    public static string RepositoryRoot =>
        Environment.GetEnvironmentVariable("TWOZONES_REPO_ROOT") is { Length: > 0 } root ? Path.GetFullPath(root) : Read("RepositoryRoot");

    public static string BicepExecutable => Read("BicepExecutable");

    public static string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    private static string Read(string key) =>
        typeof(BuildMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; the test project's csproj writes it at build.");
}
