using TwoZones.Testing;

namespace TwoZones.Functions.Tests.Infrastructure;

/// <summary>The demo keys of local.settings.sample.json, plus an official of another agency.</summary>
public static class ApiKeys
{
    public const string Viewer = DemoKeys.Viewer;
    public const string Commerce = DemoKeys.Commerce;
    public const string Coordinator = DemoKeys.Coordinator;
    public const string Science = "test-science-key";

    public static IDictionary<string, string> Environment()
    {
        var env = DemoKeys.Environment();
        DemoKeys.Add(env, "test-science", Science, "Test Official (Science Commission)", "official", "BMSTC");
        return env;
    }
}
