using System.Text.RegularExpressions;
using TwoZones.Infra.Tests.Infrastructure;
using static TwoZones.Infra.Tests.Infrastructure.FunctionsProjectEvaluation;

namespace TwoZones.Infra.Tests;

/// <summary>
/// The app is built only with the official Azure Functions SDK, the artifact that deploys to Azure is the one that runs
/// locally, and no code of this repository stands in for Microsoft's types.
/// </summary>
public sealed partial class OfficialSdkTests(FunctionsProjectEvaluation project) : IClassFixture<FunctionsProjectEvaluation>
{
    private static readonly string[] OfficialPackages =
    [
        "Microsoft.Azure.Functions.Worker",
        "Microsoft.Azure.Functions.Worker.Sdk",
        "Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore",
        "Microsoft.Azure.Functions.Worker.Extensions.Timer",
        "Microsoft.Azure.Functions.Worker.Extensions.DurableTask",
    ];

    [Fact]
    public void The_app_references_every_official_package_pinned_to_a_release()
    {
        var references = Identities(project.Project, "PackageReference");
        Assert.All(OfficialPackages, package => Assert.Contains(package, references));
        var versions = Items(project.Project, "PackageVersion")
            .ToDictionary(i => i["Identity"]!.GetValue<string>(), i => i["Version"]?.GetValue<string>() ?? string.Empty);
        Assert.All(OfficialPackages, package =>
        {
            Assert.True(versions.TryGetValue(package, out var version), $"{package} has no PackageVersion in Directory.Packages.props");
            Assert.Matches(@"^\d+\.\d+\.\d+$", version);
        });
        Assert.Equal("v4", project.Project["Properties"]!["AzureFunctionsVersion"]!.GetValue<string>());
    }

    [Fact]
    public void The_app_references_only_its_own_storage_project()
    {
        var projects = Identities(project.Project, "ProjectReference").Select(p => Path.GetFileNameWithoutExtension(p.Replace('\\', '/'))).ToList();
        Assert.Equal(["TwoZones.Storage"], projects);
    }

    [Fact]
    public void No_source_file_declares_a_type_in_a_Microsoft_namespace()
    {
        var source = Path.Combine(BuildMetadata.RepositoryRoot, "src");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => MicrosoftNamespace().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(source, f))
            .ToList();
        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"^\s*namespace\s+Microsoft\.", RegexOptions.Multiline)]
    private static partial Regex MicrosoftNamespace();
}
