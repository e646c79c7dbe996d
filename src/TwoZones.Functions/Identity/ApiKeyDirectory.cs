using Microsoft.Extensions.Configuration;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Identity;

/// <summary>
/// API keys from configuration: <c>TwoZones:ApiKeys:{key}:Name</c>, <c>:Role</c>, optional <c>:Agency</c> and <c>:Id</c>
/// (in environment variables, <c>TwoZones__ApiKeys__{key}__Role</c>). Read on each lookup, so reloaded settings apply at once.
/// </summary>
/// <param name="configuration">The app's configuration.</param>
internal sealed class ApiKeyDirectory(IConfiguration configuration)
{
    private const string Section = "TwoZones:ApiKeys";

    /// <summary>The caller a key stands for, or <see langword="null"/> for an unknown key or one configured without a valid role.</summary>
    public Actor? Find(string? key)
    {
        // ':' would address a nested section rather than the key itself.
        if (string.IsNullOrWhiteSpace(key) || key.Contains(':', StringComparison.Ordinal) || key.Length > 256)
        {
            return null;
        }

        var entry = configuration.GetSection(Section).GetSection(key);
        if (Roles.Parse(entry["Role"]) is not { } role)
        {
            return null;
        }

        var name = string.IsNullOrWhiteSpace(entry["Name"]) ? role.ToString() : entry["Name"]!;
        var id = string.IsNullOrWhiteSpace(entry["Id"]) ? name : entry["Id"]!;
        var agency = string.IsNullOrWhiteSpace(entry["Agency"]) ? null : entry["Agency"];
        return new Actor(id, name, role, agency);
    }
}
