using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Identity;

/// <summary>Role names as configuration and App Service app roles spell them.</summary>
internal static class Roles
{
    /// <summary>Reads <c>viewer</c>, <c>official</c> or <c>coordinator</c> (any case), or an app role <c>TwoZones.Viewer</c>….</summary>
    public static Role? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var name = text.Trim();
        if (name.StartsWith("TwoZones.", StringComparison.OrdinalIgnoreCase))
        {
            name = name["TwoZones.".Length..];
        }

        return name.ToUpperInvariant() switch
        {
            "VIEWER" => Role.Viewer,
            "OFFICIAL" => Role.Official,
            "COORDINATOR" => Role.Coordinator,
            _ => null,
        };
    }

    /// <summary>The lower-case name used in messages and responses.</summary>
    public static string Name(Role role) => role.ToString().ToLowerInvariant();
}
