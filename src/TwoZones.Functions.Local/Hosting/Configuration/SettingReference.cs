using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>Resolves <c>%SettingName%</c> references in attribute values from configuration, as the Functions host does.</summary>
internal static partial class SettingReference
{
    /// <summary>The value with every <c>%Name%</c> replaced by the setting; throws naming the setting when it is missing.</summary>
    public static string Resolve(string value, IConfiguration configuration)
        => Reference().Replace(value, match =>
        {
            var name = match.Groups[1].Value;
            return configuration[name] ?? Environment.GetEnvironmentVariable(name)
                ?? throw new InvalidOperationException($"The app setting '{name}' referenced as '%{name}%' is not set.");
        });

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Reference();
}
