using System.Globalization;
using System.Text.Json;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Storage.Entities;

/// <summary>How domain values are written into table columns, and read back.</summary>
internal static class StoredValues
{
    private const string DateFormat = "yyyy-MM-dd";

    public static string KindName(ItemKind kind) => kind == ItemKind.Task ? "task" : "measure";

    public static ItemKind? ParseKind(string? value) => value switch
    {
        "task" => ItemKind.Task,
        "measure" => ItemKind.Measure,
        _ => null,
    };

    public static string StatusName(ItemStatus status) => status.ToString();

    public static ItemStatus? ParseStatus(string? value) => value switch
    {
        nameof(ItemStatus.Proposed) => ItemStatus.Proposed,
        nameof(ItemStatus.Commenced) => ItemStatus.Commenced,
        nameof(ItemStatus.Completed) => ItemStatus.Completed,
        _ => null,
    };

    public static string? Date(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? value) =>
        value is not null && DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string List(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> ParseList(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(value) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Instants are kept to whole milliseconds so every table implementation stores them exactly (the history hash covers them).</summary>
    public static DateTimeOffset Instant(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
