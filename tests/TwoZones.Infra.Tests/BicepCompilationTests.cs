using TwoZones.Infra.Tests.Infrastructure;

namespace TwoZones.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class BicepCompilationTests(InfraFixture infra)
{
    [Fact]
    public void Template_builds_without_a_single_diagnostic()
    {
        Assert.True(infra.TemplateBuild.ExitCode == 0, infra.TemplateBuild.Describe());
        Assert.True(string.IsNullOrWhiteSpace(infra.TemplateBuild.StandardError), infra.TemplateBuild.Describe());
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", infra.Template["$schema"]?.GetValue<string>());
    }

    [Fact]
    public void Template_lints_clean()
    {
        Assert.True(infra.TemplateLint.ExitCode == 0, infra.TemplateLint.Describe());
        Assert.True(string.IsNullOrWhiteSpace(infra.TemplateLint.StandardError), infra.TemplateLint.Describe());
        Assert.True(string.IsNullOrWhiteSpace(infra.TemplateLint.StandardOutput), infra.TemplateLint.Describe());
    }

    [Fact]
    public void Sample_parameters_build_without_a_single_diagnostic()
    {
        Assert.True(infra.ParametersBuild.ExitCode == 0, infra.ParametersBuild.Describe());
        Assert.True(string.IsNullOrWhiteSpace(infra.ParametersBuild.StandardError), infra.ParametersBuild.Describe());
    }

    [Fact]
    public void Sample_parameters_take_tenant_specific_values_from_the_environment()
    {
        var parameters = infra.Parameters["parameters"]!.AsObject();
        Assert.Equal(SampleDeployment.EntraClientId, parameters["entraClientId"]!["value"]!.GetValue<string>());
        Assert.Equal(SampleDeployment.DigestWebhookUrl, parameters["digestWebhookUrl"]!["value"]!.GetValue<string>());
        Assert.Matches("^[a-z0-9]{2,8}$", parameters["prefix"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Snapshot_of_the_sample_environment_succeeds_without_diagnostics()
    {
        Assert.True(infra.Snapshot.ExitCode == 0, infra.Snapshot.Describe());
        Assert.True(string.IsNullOrWhiteSpace(infra.Snapshot.StandardError), infra.Snapshot.Describe());
        Assert.Empty(infra.SnapshotDiagnostics);
        Assert.NotEmpty(infra.Resources);
    }

    [Fact]
    public void Every_resource_is_placed_in_the_requested_region()
    {
        var located = infra.Resources.Where(r => r["location"] is not null).ToList();
        Assert.NotEmpty(located);
        Assert.All(located, r => Assert.Equal(SampleDeployment.Location, r["location"]!.GetValue<string>()));
    }

    [Fact]
    public void Resource_names_come_from_the_prefix_and_a_resource_group_hash()
    {
        var site = infra.Single("Microsoft.Web/sites");
        var storage = infra.Single("Microsoft.Storage/storageAccounts");
        Assert.Matches("^tzdemo-func-[a-z0-9]{13}$", site["name"]!.GetValue<string>());
        Assert.Matches("^[a-z0-9]{3,24}$", storage["name"]!.GetValue<string>());
        Assert.StartsWith("tzdemost", storage["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
