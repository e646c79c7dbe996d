using TwoZones.Infra.Tests.Infrastructure;

namespace TwoZones.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class RoleAssignmentTests(InfraFixture infra)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageAccountContributor = "17d1049b-9a84-46fb-8f53-869881c3d3ab";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Theory]
    [InlineData(StorageBlobDataOwner)]
    [InlineData(StorageQueueDataContributor)]
    [InlineData(StorageTableDataContributor)]
    [InlineData(StorageAccountContributor)]
    public void App_identity_holds_the_storage_role(string roleDefinitionId)
    {
        var storageId = infra.Single("Microsoft.Storage/storageAccounts")["id"]!.GetValue<string>();
        var identityId = infra.Single("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!.GetValue<string>();

        var assignment = Assert.Single(AssignmentsOf(roleDefinitionId));
        Assert.StartsWith($"{storageId}/providers/Microsoft.Authorization/roleAssignments/", assignment["id"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var properties = assignment["properties"]!;
        Assert.Equal($"[reference('{identityId}', '2023-01-31').principalId]", properties["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", properties["principalType"]!.GetValue<string>());
    }

    [Fact]
    public void Deployer_may_upload_packages_and_nothing_more()
    {
        var storageId = infra.Single("Microsoft.Storage/storageAccounts")["id"]!.GetValue<string>();

        var assignment = Assert.Single(AssignmentsOf(StorageBlobDataContributor));
        Assert.StartsWith(storageId, assignment["id"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SampleDeployment.DeployerObjectId, assignment["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal("User", assignment["properties"]!["principalType"]!.GetValue<string>());
        Assert.DoesNotContain(infra.All("Microsoft.Authorization/roleAssignments"),
            a => a["properties"]!["principalId"]!.GetValue<string>() == SampleDeployment.DeployerObjectId && a != assignment);
    }

    [Fact]
    public void App_identity_may_publish_telemetry()
    {
        var appInsightsId = infra.Single("Microsoft.Insights/components")["id"]!.GetValue<string>();

        var assignment = Assert.Single(AssignmentsOf(MonitoringMetricsPublisher));
        Assert.StartsWith(appInsightsId, assignment["id"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_other_roles_are_granted()
    {
        var expected = new[]
        {
            StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, StorageAccountContributor,
            StorageBlobDataContributor, MonitoringMetricsPublisher,
        };
        var granted = infra.All("Microsoft.Authorization/roleAssignments")
            .Select(a => a["properties"]!["roleDefinitionId"]!.GetValue<string>().Split('/')[^1])
            .Order()
            .ToList();
        Assert.Equal(expected.Order(), granted);
    }

    private IEnumerable<System.Text.Json.Nodes.JsonObject> AssignmentsOf(string roleDefinitionId) =>
        infra.All("Microsoft.Authorization/roleAssignments").Where(a =>
            a["properties"]!["roleDefinitionId"]!.GetValue<string>() ==
            $"/subscriptions/{SampleDeployment.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}");
}
