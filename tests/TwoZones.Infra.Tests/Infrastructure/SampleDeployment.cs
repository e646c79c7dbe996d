namespace TwoZones.Infra.Tests.Infrastructure;

/// <summary>The made-up tenant and environment the tests compile and snapshot the templates for.</summary>
public static class SampleDeployment
{
    public const string TenantId = "72f988bf-0000-4000-8000-000000000001";
    public const string SubscriptionId = "6f1c2d3e-0000-4000-8000-000000000002";
    public const string ResourceGroup = "rg-twozones-test";

    // An Azure China region: the same template must serve both clouds.
    public const string Location = "chinanorth3";

    public const string EntraClientId = "0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f";
    public const string DeployerObjectId = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    public const string DigestWebhookUrl = "https://hooks.example.test/twozones/digest?token=sample";

    /// <summary>The variables infra/main.bicepparam reads.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["TWOZONES_ENTRA_CLIENT_ID"] = EntraClientId,
        ["TWOZONES_DEPLOYER_OBJECT_ID"] = DeployerObjectId,
        ["TWOZONES_DIGEST_WEBHOOK_URL"] = DigestWebhookUrl,
    };
}
