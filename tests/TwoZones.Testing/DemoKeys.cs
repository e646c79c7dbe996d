using System.Security.Cryptography;
using System.Text;

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

    /// <summary>The three keys as <c>TwoZones__ApiKeys__…</c> settings (hashes, as the app reads them).</summary>
    /// <returns>A new dictionary, to which callers may add (see <see cref="Add"/>).</returns>
    public static IDictionary<string, string> Environment()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(settings, "demo-viewer", Viewer, "Demo Viewer", "viewer");
        Add(settings, "demo-commerce", Commerce, "Demo Official (Commerce Bureau)", "official", "BMCB");
        Add(settings, "demo-coordinator", Coordinator, "Demo Coordinator", "coordinator");
        return settings;
    }

    /// <summary>Adds one key's entry: its SHA-256, name, role and agency, under <paramref name="label"/>.</summary>
    /// <param name="settings">The environment to add to.</param>
    /// <param name="label">The entry's name in settings (not the key).</param>
    /// <param name="key">The key callers send.</param>
    /// <param name="name">The caller's display name.</param>
    /// <param name="role"><c>viewer</c>, <c>official</c> or <c>coordinator</c>.</param>
    /// <param name="agency">The official's agency, if any.</param>
    public static void Add(IDictionary<string, string> settings, string label, string key, string name, string role, string? agency = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings[$"TwoZones__ApiKeys__{label}__Sha256"] = Sha256(key);
        settings[$"TwoZones__ApiKeys__{label}__Name"] = name;
        settings[$"TwoZones__ApiKeys__{label}__Role"] = role;
        if (agency is not null)
        {
            settings[$"TwoZones__ApiKeys__{label}__Agency"] = agency;
        }
    }

    /// <summary>The lowercase hex SHA-256 of a key, as settings store it.</summary>
    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
