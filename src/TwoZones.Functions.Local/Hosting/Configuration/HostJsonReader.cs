using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>Fills <see cref="LocalHostOptions"/> from <c>host.json</c> (app folder first, then current directory) and configuration.</summary>
internal static class HostJsonReader
{
    internal const string FileName = "host.json";

    public static void Configure(LocalHostOptions options, IConfiguration configuration)
    {
        if (Find() is { } path)
        {
            ApplyHostJson(options, File.ReadAllText(path), configuration);
        }

        var port = configuration["PORT"] ?? Environment.GetEnvironmentVariable("PORT");
        if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0)
        {
            options.HttpPort = p;
        }
        else if (LocalSettings.LocalHttpPort is { } settingsPort)
        {
            options.HttpPort = settingsPort;
        }

        var hostId = configuration["AzureFunctionsWebHost:hostid"] ?? Environment.GetEnvironmentVariable("AzureFunctionsWebHost__hostid");
        options.HostId = !string.IsNullOrWhiteSpace(hostId)
            ? hostId
            : (Assembly.GetEntryAssembly()?.GetName().Name ?? "functions").ToLowerInvariant();
    }

    /// <summary>Applies the settings of a <c>host.json</c> document.</summary>
    public static void ApplyHostJson(LocalHostOptions options, string hostJson, IConfiguration configuration)
    {
        using var document = JsonDocument.Parse(hostJson, new JsonDocumentOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        });
        Apply(options, document.RootElement, configuration);
    }

    private static void Apply(LocalHostOptions options, JsonElement root, IConfiguration configuration)
    {
        if (Property(root, "functionTimeout") is { } timeout)
        {
            var text = timeout.ValueKind == JsonValueKind.String ? timeout.GetString() : timeout.GetRawText();
            options.FunctionTimeout = text is null or "-1" or "null"
                ? null
                : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        }

        var extensions = Property(root, "extensions");
        if (extensions is null)
        {
            return;
        }

        if (Property(extensions.Value, "http") is { } http && Property(http, "routePrefix") is { ValueKind: JsonValueKind.String } prefix)
        {
            options.RoutePrefix = prefix.GetString()!.Trim('/');
        }

        if (Property(extensions.Value, "durableTask") is { } durable)
        {
            if (Property(durable, "hubName") is { ValueKind: JsonValueKind.String } hub)
            {
                options.DurableHubName = SettingReference.Resolve(hub.GetString()!, configuration);
            }

            if (Property(durable, "maxConcurrentActivityFunctions") is { ValueKind: JsonValueKind.Number } activities)
            {
                options.MaxConcurrentActivityFunctions = activities.GetInt32();
            }

            if (Property(durable, "maxConcurrentOrchestratorFunctions") is { ValueKind: JsonValueKind.Number } orchestrators)
            {
                options.MaxConcurrentOrchestratorFunctions = orchestrators.GetInt32();
            }
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Find()
    {
        foreach (var folder in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var path = Path.Combine(folder, FileName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
