using TwoZones.Infra.Tests.Infrastructure;

namespace TwoZones.Infra.Tests;

/// <summary>The same files deploy to Azure and to Azure China, so no cloud's host names may be written into them.</summary>
public sealed class CloudNeutralityTests
{
    public static TheoryData<string> CloudHostNames =>
    [
        "core.windows.net",
        "login.microsoftonline.com",
        "azurewebsites.net",
        "chinacloudapi.cn",
        "chinacloudsites.cn",
        "management.azure.com",
        "applicationinsights.azure.com",
        "azure.cn",
    ];

    [Theory]
    [MemberData(nameof(CloudHostNames))]
    public void Infra_sources_name_no_cloud_host(string hostName)
    {
        foreach (var file in InfraSources.BicepFiles())
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains(hostName, StringComparison.OrdinalIgnoreCase), $"{file} names {hostName}");
        }
    }
}
