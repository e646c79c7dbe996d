using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalFunctionsHost.Cli;

namespace LocalFunctionsHost.Configuration;

/// <summary>
/// What the host reads from the script root: <c>host.json</c>, <c>local.settings.json</c> and the environment, merged the way
/// Core Tools merges them (a variable already in the environment wins over the same key in <c>Values</c>).
/// </summary>
internal sealed partial class HostSettings
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private HostSettings(string scriptRoot, Dictionary<string, string> appSettings, JsonObject hostJson, int port)
    {
        ScriptRoot = scriptRoot;
        AppSettings = appSettings;
        HostJson = hostJson;
        Port = port;
        var prefix = hostJson["extensions"]?["http"]?["routePrefix"];
        RoutePrefix = prefix is null ? "api" : prefix.GetValue<string>().Trim('/');
        if (hostJson["functionTimeout"]?.GetValue<string>() is { } timeout && TimeSpan.TryParse(timeout, System.Globalization.CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero)
        {
            FunctionTimeout = t;
        }
    }

    public string ScriptRoot { get; }

    /// <summary>The environment the worker gets: the host's environment plus <c>local.settings.json</c> Values not already set.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }

    public JsonObject HostJson { get; }

    /// <summary><c>extensions.durableTask</c> of host.json, for the Durable extension; null when absent.</summary>
    public JsonObject? DurableTask => HostJson["extensions"]?["durableTask"] as JsonObject;

    public string RoutePrefix { get; }

    /// <summary>host.json <c>functionTimeout</c>; null means no limit (as <c>-1</c> in Azure).</summary>
    public TimeSpan? FunctionTimeout { get; }

    public int Port { get; }

    public string? this[string name] => AppSettings.TryGetValue(name, out var v) ? v : null;

    public static HostSettings? Load(CommandLine cli, out string? error)
    {
        error = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            environment[(string)e.Key] = (string?)e.Value ?? "";
        }

        JsonObject hostJson;
        int? settingsPort = null;
        try
        {
            var hostPath = Path.Combine(cli.ScriptRoot, "host.json");
            hostJson = File.Exists(hostPath) ? JsonNode.Parse(File.ReadAllText(hostPath), documentOptions: Lenient) as JsonObject ?? [] : [];

            var settingsPath = Path.Combine(cli.ScriptRoot, "local.settings.json");
            if (File.Exists(settingsPath) && JsonNode.Parse(File.ReadAllText(settingsPath), documentOptions: Lenient) is JsonObject local)
            {
                if (local["Values"] is JsonObject values)
                {
                    var fromEnvironment = environment.Keys.Select(ConfigurationKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    foreach (var (key, value) in values)
                    {
                        // The host's own environment wins, so a CI or a shell can override a checked-in setting; in either
                        // spelling, since the worker's configuration reads A__B and A:B as one key and would pick one at random.
                        if (!fromEnvironment.Contains(ConfigurationKey(key)))
                        {
                            environment.TryAdd(key, value?.ToString() ?? "");
                        }
                    }
                }

                if (local["Host"]?["LocalHttpPort"] is JsonValue p && int.TryParse(p.ToString(), out var lp))
                {
                    settingsPort = lp;
                }
            }
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or FormatException)
        {
            error = $"Could not read host.json or local.settings.json in {cli.ScriptRoot}: {e.Message}";
            return null;
        }

        return new HostSettings(cli.ScriptRoot, environment, hostJson, cli.Port ?? settingsPort ?? 7071);
    }

    /// <summary>Replaces <c>%Name%</c> with the app setting, as binding expressions do; null when a setting is missing.</summary>
    public string? Resolve(string value, out string? missing)
    {
        string? absent = null;
        var result = Placeholder().Replace(value, m =>
        {
            var name = m.Groups[1].Value;
            var setting = this[name] ?? this[name.Replace(":", "__", StringComparison.Ordinal)];
            absent ??= setting is null ? name : null;
            return setting ?? "";
        });
        missing = absent;
        return absent is null ? result : null;
    }

    private static string ConfigurationKey(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Placeholder();
}
