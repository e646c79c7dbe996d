using System.Text.Json;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Reads <c>local.settings.json</c> as Core Tools does: its <c>Values</c> become environment variables (so configuration sees
/// them) unless the variable is already set, and <c>Host.LocalHttpPort</c> is the default HTTP port.
/// </summary>
internal static class LocalSettings
{
    internal const string FileName = "local.settings.json";

    private static readonly Lock Gate = new();
    private static bool s_applied;

    /// <summary>The port from <c>Host.LocalHttpPort</c>, when the file sets one.</summary>
    public static int? LocalHttpPort { get; private set; }

    /// <summary>Loads the file once per process (current directory first, then the app folder) and applies it.</summary>
    public static void ApplyToEnvironment()
    {
        lock (Gate)
        {
            if (s_applied)
            {
                return;
            }

            s_applied = true;
            var path = Find();
            if (path is null)
            {
                return;
            }

            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            foreach (var section in document.RootElement.EnumerateObject())
            {
                if (section.NameEquals("Values") && section.Value.ValueKind == JsonValueKind.Object)
                {
                    ApplyValues(section.Value);
                }
                else if (section.NameEquals("Host") && section.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var setting in section.Value.EnumerateObject())
                    {
                        if (setting.NameEquals("LocalHttpPort") && TryReadInt(setting.Value, out var port))
                        {
                            LocalHttpPort = port;
                        }
                    }
                }
            }
        }
    }

    private static void ApplyValues(JsonElement values)
    {
        foreach (var value in values.EnumerateObject())
        {
            if (Environment.GetEnvironmentVariable(value.Name) is not null)
            {
                continue;
            }

            var text = value.Value.ValueKind switch
            {
                JsonValueKind.String => value.Value.GetString(),
                JsonValueKind.Null => null,
                _ => value.Value.GetRawText(),
            };
            Environment.SetEnvironmentVariable(value.Name, text);
        }
    }

    private static bool TryReadInt(JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out value),
            JsonValueKind.String => int.TryParse(element.GetString(), out value),
            _ => false,
        };
    }

    private static string? Find()
    {
        foreach (var folder in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
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
