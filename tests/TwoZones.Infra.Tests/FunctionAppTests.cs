using TwoZones.Infra.Tests.Infrastructure;

namespace TwoZones.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class FunctionAppTests(InfraFixture infra)
{
    [Fact]
    public void Function_app_is_a_linux_dotnet_isolated_10_app_on_elastic_premium()
    {
        var site = infra.Single("Microsoft.Web/sites");
        var plan = infra.Single("Microsoft.Web/serverfarms");

        Assert.Equal("functionapp,linux", site["kind"]!.GetValue<string>());
        Assert.Equal("DOTNET-ISOLATED|10.0", site["properties"]!["siteConfig"]!["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("ElasticPremium", plan["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>(), "a Linux plan is 'reserved'");
        Assert.Equal(plan["id"]!.GetValue<string>(), site["properties"]!["serverFarmId"]!.GetValue<string>());
    }

    [Fact]
    public void Function_app_serves_https_only_with_tls_1_2_and_no_ftp()
    {
        var properties = infra.Single("Microsoft.Web/sites")["properties"]!;
        var siteConfig = properties["siteConfig"]!;

        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", siteConfig["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("1.2", siteConfig["scmMinTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", siteConfig["ftpsState"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void Basic_publishing_credentials_are_off(string policy)
    {
        var resource = infra.Single("Microsoft.Web/sites/basicPublishingCredentialsPolicies", "/" + policy);
        Assert.False(resource["properties"]!["allow"]!.GetValue<bool>());
    }

    [Fact]
    public void Function_app_runs_as_the_user_assigned_identity()
    {
        var identity = infra.Single("Microsoft.ManagedIdentity/userAssignedIdentities");
        var site = infra.Single("Microsoft.Web/sites");

        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        var assigned = Assert.Single(site["identity"]!["userAssignedIdentities"]!.AsObject());
        Assert.Equal(identity["id"]!.GetValue<string>(), assigned.Key);
    }

    [Fact]
    public void Host_storage_is_identity_based()
    {
        var settings = AppSettings.Of(infra.Single("Microsoft.Web/sites"));
        var storage = infra.Single("Microsoft.Storage/storageAccounts");
        var identity = infra.Single("Microsoft.ManagedIdentity/userAssignedIdentities");

        Assert.Equal(storage["name"]!.GetValue<string>(), settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains(identity["id"]!.GetValue<string>(), settings["AzureWebJobsStorage__clientId"], StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith(".clientId]", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("WEBSITE_CONTENTSHARE", settings.Keys);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__blobServiceUri", "primaryEndpoints.blob]")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", "primaryEndpoints.queue]")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", "primaryEndpoints.table]")]
    public void Host_storage_endpoints_come_from_the_storage_account_so_they_fit_any_cloud(string setting, string expressionEnd)
    {
        var settings = AppSettings.Of(infra.Single("Microsoft.Web/sites"));
        var storageId = infra.Single("Microsoft.Storage/storageAccounts")["id"]!.GetValue<string>();

        Assert.StartsWith($"[reference('{storageId}'", settings[setting], StringComparison.Ordinal);
        Assert.EndsWith(expressionEnd, settings[setting], StringComparison.Ordinal);
    }

    [Fact]
    public void App_runs_from_a_package_it_reads_with_its_identity()
    {
        var settings = AppSettings.Of(infra.Single("Microsoft.Web/sites"));
        var identity = infra.Single("Microsoft.ManagedIdentity/userAssignedIdentities");

        Assert.Contains("primaryEndpoints.blob, 'app-package', 'twozones.zip'", settings["WEBSITE_RUN_FROM_PACKAGE"], StringComparison.Ordinal);
        Assert.Equal(identity["id"]!.GetValue<string>(), settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);
    }

    [Theory]
    [InlineData("FUNCTIONS_EXTENSION_VERSION", "~4")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated")]
    [InlineData("TwoZones__DigestSchedule", "0 0 1 * * Mon")]
    [InlineData("TwoZones__SnapshotSchedule", "0 0 * * * *")]
    [InlineData("TwoZones__SealSchedule", "0 0 16 * * *")]
    [InlineData("TwoZones__Identity__UseClientPrincipal", "true")]
    [InlineData("TwoZones__Identity__RoleClaim", "roles")]
    [InlineData("TwoZones__Identity__AgencyClaim", "extn.agency")]
    public void App_setting_has_its_value(string name, string expected)
    {
        var settings = AppSettings.Of(infra.Single("Microsoft.Web/sites"));
        Assert.Equal(expected, settings[name]);
    }

    [Fact]
    public void Digest_webhook_url_is_passed_as_a_secure_parameter()
    {
        var settings = AppSettings.Of(infra.Single("Microsoft.Web/sites"));

        // A secure value is never inlined into the snapshot, so seeing the parameter reference proves it stayed secure.
        Assert.Equal("[parameters('digestWebhookUrl')]", settings["TwoZones__DigestWebhookUrl"]);
        Assert.Equal("securestring", infra.Template["parameters"]!["digestWebhookUrl"]!["type"]!.GetValue<string>(), ignoreCase: true);
        Assert.DoesNotContain(SampleDeployment.DigestWebhookUrl, infra.SnapshotText, StringComparison.Ordinal);
    }

    [Fact]
    public void App_setting_names_are_valid_on_linux()
    {
        var settings = AppSettings.Of(infra.Single("Microsoft.Web/sites"));
        Assert.All(settings.Keys, name => Assert.Matches("^[A-Za-z0-9_]+$", name));
    }

    [Fact]
    public void Health_check_probes_the_anonymous_health_endpoint()
    {
        var siteConfig = infra.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!;
        Assert.Equal("/api/health", siteConfig["healthCheckPath"]!.GetValue<string>());
    }
}
