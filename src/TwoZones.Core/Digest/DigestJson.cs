using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace TwoZones.Core.Digest;

/// <summary>How a digest is written as JSON everywhere (storage, API, webhook): the web defaults (camelCase), Chinese text unescaped, markup characters escaped.</summary>
public static class DigestJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Serializes a digest.</summary>
    /// <param name="digest">The digest.</param>
    /// <returns>camelCase JSON.</returns>
    public static string Serialize(Digest digest) => JsonSerializer.Serialize(digest, Options);

    /// <summary>Reads a digest written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="JsonException">The text is not a digest.</exception>
    public static Digest Deserialize(string json) =>
        JsonSerializer.Deserialize<Digest>(json, Options) ?? throw new JsonException("The stored digest is null.");
}
