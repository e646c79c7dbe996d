namespace TwoZones.Testing;

/// <summary>The demo API keys of <c>local.settings.sample.json</c>, as environment variables for an app started as a child process.</summary>
public static class DemoKeys
{
    /// <summary>Reads everything.</summary>
    public const string Viewer = "local-viewer-key";

    /// <summary>An official of the Commerce Bureau (BMCB).</summary>
    public const string Commerce = "local-commerce-key";

    /// <summary>A coordinator: may change any item, reopen and import.</summary>
    public const string Coordinator = "local-coordinator-key";

    /// <summary>The three keys as <c>TwoZones__ApiKeys__…</c> settings.</summary>
    /// <returns>A new dictionary, to which callers may add.</returns>
    public static IDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        [$"TwoZones__ApiKeys__{Viewer}__Name"] = "Demo Viewer",
        [$"TwoZones__ApiKeys__{Viewer}__Role"] = "viewer",
        [$"TwoZones__ApiKeys__{Commerce}__Name"] = "Demo Official (Commerce Bureau)",
        [$"TwoZones__ApiKeys__{Commerce}__Role"] = "official",
        [$"TwoZones__ApiKeys__{Commerce}__Agency"] = "BMCB",
        [$"TwoZones__ApiKeys__{Coordinator}__Name"] = "Demo Coordinator",
        [$"TwoZones__ApiKeys__{Coordinator}__Role"] = "coordinator",
    };
}
