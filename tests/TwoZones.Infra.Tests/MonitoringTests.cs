using TwoZones.Infra.Tests.Infrastructure;

namespace TwoZones.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class MonitoringTests(InfraFixture infra)
{
    [Fact]
    public void Application_insights_is_backed_by_the_log_analytics_workspace()
    {
        var workspace = infra.Single("Microsoft.OperationalInsights/workspaces");
        var appInsights = infra.Single("Microsoft.Insights/components");

        Assert.Equal(workspace["id"]!.GetValue<string>(), appInsights["properties"]!["WorkspaceResourceId"]!.GetValue<string>());
        Assert.Equal("web", appInsights["properties"]!["Application_Type"]!.GetValue<string>());
    }

    [Fact]
    public void Telemetry_is_sent_with_the_apps_identity()
    {
        var appInsights = infra.Single("Microsoft.Insights/components");
        var settings = AppSettings.Of(infra.Single("Microsoft.Web/sites"));

        Assert.True(appInsights["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.Equal($"[reference('{appInsights["id"]!.GetValue<string>()}', '2020-02-02').ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.StartsWith("[format('ClientId={0};Authorization=AAD'", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }
}
