using TwoZones.Infra.Tests.Infrastructure;

namespace TwoZones.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class StorageAccountTests(InfraFixture infra)
{
    [Fact]
    public void Storage_account_refuses_shared_keys_public_blobs_and_old_tls()
    {
        var properties = infra.Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void Deployment_package_container_is_private()
    {
        var container = infra.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.EndsWith("/default/app-package", container["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("None", container["properties"]!["publicAccess"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("listKeys")]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("AccountKey")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    public void No_account_key_or_key_based_connection_anywhere(string forbidden)
    {
        Assert.DoesNotContain(forbidden, infra.TemplateText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(forbidden, infra.SnapshotText, StringComparison.OrdinalIgnoreCase);
        foreach (var file in InfraSources.BicepFiles())
        {
            Assert.DoesNotContain(forbidden, File.ReadAllText(file), StringComparison.OrdinalIgnoreCase);
        }
    }
}
