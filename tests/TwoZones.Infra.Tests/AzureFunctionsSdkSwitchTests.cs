using TwoZones.Infra.Tests.Infrastructure;
using static TwoZones.Infra.Tests.Infrastructure.FunctionsProjectEvaluation;

namespace TwoZones.Infra.Tests;

/// <summary>
/// -p:AzureFunctionsSdk=true must swap the local runtime for the official SDK and nothing else. Checked by
/// evaluating the project with MSBuild (no restore: the official packages are not on this machine's feed).
/// </summary>
public sealed class AzureFunctionsSdkSwitchTests(FunctionsProjectEvaluation project) : IClassFixture<FunctionsProjectEvaluation>
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
    public void Azure_build_adds_exactly_the_official_packages_each_pinned()
    {
        // Packages the app uses in both builds (for example Azure.Identity) stay; the switch adds the official SDK and nothing else.
        var expected = OfficialPackages.Concat(Identities(project.Local, "PackageReference")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Identities(project.Azure, "PackageReference").Order(StringComparer.Ordinal));
        var versions = Items(project.Azure, "PackageVersion")
            .ToDictionary(i => i["Identity"]!.GetValue<string>(), i => i["Version"]?.GetValue<string>() ?? string.Empty);
        Assert.All(OfficialPackages, package =>
        {
            Assert.True(versions.TryGetValue(package, out var version), $"{package} has no PackageVersion in Directory.Packages.props");
            Assert.Matches(@"^\d+\.\d+\.\d+$", version);
        });
    }

    [Fact]
    public void Azure_build_targets_functions_v4()
    {
        Assert.Equal("v4", project.Azure["Properties"]!["AzureFunctionsVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Azure_build_does_not_reference_the_local_runtime()
    {
        var projects = Identities(project.Azure, "ProjectReference").Select(ProjectName).ToList();
        Assert.DoesNotContain("TwoZones.Functions.Local", projects);
        Assert.Contains("TwoZones.Storage", projects);
    }

    [Fact]
    public void Local_build_references_the_local_runtime_and_no_official_package()
    {
        var projects = Identities(project.Local, "ProjectReference").Select(ProjectName).ToList();
        Assert.Contains("TwoZones.Functions.Local", projects);
        Assert.Contains("TwoZones.Storage", projects);
        Assert.DoesNotContain(Identities(project.Local, "PackageReference"), p => OfficialPackages.Contains(p, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(string.Empty, project.Local["Properties"]!["AzureFunctionsVersion"]!.GetValue<string>());
    }

    private static string ProjectName(string projectReference) =>
        Path.GetFileNameWithoutExtension(projectReference.Replace('\\', '/'));
}
