namespace TwoZones.Functions.Tests.Infrastructure;

/// <summary>The demo keys of local.settings.sample.json, plus an official of another agency.</summary>
public static class ApiKeys
{
    public const string Viewer = "local-viewer-key";
    public const string Commerce = "local-commerce-key";
    public const string Coordinator = "local-coordinator-key";
    public const string Science = "test-science-key";

    public static IDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["TwoZones__ApiKeys__local-viewer-key__Name"] = "Demo Viewer",
        ["TwoZones__ApiKeys__local-viewer-key__Role"] = "viewer",
        ["TwoZones__ApiKeys__local-commerce-key__Name"] = "Demo Official (Commerce Bureau)",
        ["TwoZones__ApiKeys__local-commerce-key__Role"] = "official",
        ["TwoZones__ApiKeys__local-commerce-key__Agency"] = "BMCB",
        ["TwoZones__ApiKeys__local-coordinator-key__Name"] = "Demo Coordinator",
        ["TwoZones__ApiKeys__local-coordinator-key__Role"] = "coordinator",
        ["TwoZones__ApiKeys__test-science-key__Name"] = "Test Official (Science Commission)",
        ["TwoZones__ApiKeys__test-science-key__Role"] = "official",
        ["TwoZones__ApiKeys__test-science-key__Agency"] = "BMSTC",
    };
}
