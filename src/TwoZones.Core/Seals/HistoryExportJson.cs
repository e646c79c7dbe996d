using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwoZones.Core.Seals;

/// <summary>The JSON form of a <see cref="HistoryExport"/>: camelCase, statuses by name.</summary>
public static class HistoryExportJson
{
    /// <summary>The serializer options the app writes exports with and the verifier reads them with.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    /// <summary>Reads an export.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <returns>The export.</returns>
    /// <exception cref="JsonException">Not an export of this format.</exception>
    public static HistoryExport Read(ReadOnlySpan<byte> json)
    {
        var export = JsonSerializer.Deserialize<HistoryExport>(json, Options) ?? throw new JsonException("The file is empty.");
        if (export.Format != HistoryExport.FormatName || export.Items is null || export.Seals is null)
        {
            throw new JsonException($"Not a history export of format {HistoryExport.FormatName}.");
        }

        return export;
    }
}
