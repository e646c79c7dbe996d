using TwoZones.Infra.Tests.Infrastructure;

namespace TwoZones.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class AppServiceAuthenticationTests(InfraFixture infra)
{
    private System.Text.Json.Nodes.JsonNode Auth => infra.Single("Microsoft.Web/sites/config", "/authsettingsV2")["properties"]!;

    [Fact]
    public void Authentication_is_required_and_unauthenticated_calls_get_401()
    {
        Assert.True(Auth["platform"]!["enabled"]!.GetValue<bool>());
        var validation = Auth["globalValidation"]!;
        Assert.True(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("Return401", validation["unauthenticatedClientAction"]!.GetValue<string>());
        Assert.True(Auth["httpSettings"]!["requireHttps"]!.GetValue<bool>());
    }

    [Fact]
    public void Only_the_health_endpoint_is_open()
    {
        var excluded = Auth["globalValidation"]!["excludedPaths"]!.AsArray().Select(p => p!.GetValue<string>());
        Assert.Equal(["/api/health"], excluded);
    }

    [Fact]
    public void Entra_id_provider_uses_the_registration_and_this_clouds_authority()
    {
        var aad = Auth["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True(aad["enabled"]!.GetValue<bool>());
        Assert.Equal(SampleDeployment.EntraClientId, aad["registration"]!["clientId"]!.GetValue<string>());

        // environment() is resolved by Azure Resource Manager at deployment, in whichever cloud it runs.
        var issuer = aad["registration"]!["openIdIssuer"]!.GetValue<string>();
        Assert.Contains("environment().authentication.loginEndpoint", issuer, StringComparison.Ordinal);
        Assert.Contains(SampleDeployment.TenantId, issuer, StringComparison.Ordinal);
        Assert.Contains("/v2.0", issuer, StringComparison.Ordinal);

        var audiences = aad["validation"]!["allowedAudiences"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains($"api://{SampleDeployment.EntraClientId}", audiences);
    }
}
