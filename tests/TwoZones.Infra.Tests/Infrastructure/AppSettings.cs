using System.Text.Json.Nodes;

namespace TwoZones.Infra.Tests.Infrastructure;

/// <summary>The app settings of a predicted Microsoft.Web/sites resource, by name.</summary>
public static class AppSettings
{
    public static IReadOnlyDictionary<string, string> Of(JsonObject site)
    {
        var settings = site["properties"]?["siteConfig"]?["appSettings"]?.AsArray()
            ?? throw new InvalidOperationException("The site has no siteConfig.appSettings.");
        return settings.Select(s => s!.AsObject()).ToDictionary(s => s["name"]!.GetValue<string>(), s => s["value"]?.ToString() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
    }
}
