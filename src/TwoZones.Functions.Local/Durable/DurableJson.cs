using System.Text.Json;

namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// Serializes orchestration inputs, outputs, events and custom status as the isolated worker's default serializer does:
/// System.Text.Json with camel-case names, read case-insensitively.
/// </summary>
internal static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string? Serialize(object? value)
        => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static object? Deserialize(string? json, Type type)
        => json is null ? (type.IsValueType ? Activator.CreateInstance(type) : null) : JsonSerializer.Deserialize(json, type, Options);

    public static T? Deserialize<T>(string? json)
        => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
