namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>One hostile request and the status it must get (any 4xx when <see cref="Expected"/> is null).</summary>
/// <param name="Name">What the case tries, for failure messages.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query below the base address, sent as written (escapes kept).</param>
/// <param name="Key">The API key sent in <c>x-functions-key</c>, or null for none.</param>
/// <param name="Body">The body bytes, or null for none.</param>
/// <param name="ContentType">The body's media type, or null for none.</param>
/// <param name="Expected">The status the answer must have.</param>
public sealed record HostileCase(string Name, string Method, string Path, string? Key, byte[]? Body, string? ContentType, int? Expected)
{
    /// <summary>Extra request headers (name, value); a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Send the body without a length (chunked transfer encoding).</summary>
    public bool Chunked { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Method} {(Path.Length > 80 ? Path[..80] + "…" : Path)})";
}
