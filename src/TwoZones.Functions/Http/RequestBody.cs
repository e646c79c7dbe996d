using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TwoZones.Functions.Http;

/// <summary>Reads request bodies with a size limit (413 beyond it) and parses JSON strictly (400 with errors when malformed).</summary>
internal static class RequestBody
{
    /// <summary>The limit for ordinary requests: 64 KiB.</summary>
    public const int DefaultLimit = 64 * 1024;

    /// <summary>The limit for a catalogue upload: 16 MiB.</summary>
    public const int CatalogueLimit = 16 * 1024 * 1024;

    /// <summary>Reads the whole body, refusing more than <paramref name="limit"/> bytes whether or not a length was announced.</summary>
    /// <exception cref="ApiProblemException">413 when the body is over the limit.</exception>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            throw new ApiProblemException(ApiProblem.TooLarge(limit));
        }

        using var buffer = new MemoryStream(request.ContentLength is > 0 and var length ? (int)length : 4096);
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ApiProblemException(ApiProblem.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a JSON object body of at most 64 KiB.</summary>
    /// <returns>The parsed document; its root is an object. The caller disposes it.</returns>
    /// <exception cref="ApiProblemException">413 when too large, 400 when empty, malformed or not an object.</exception>
    public static async Task<JsonDocument> ReadJsonObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(request, DefaultLimit, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The request needs a JSON body.", Errors("$", "The body is empty.")));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            var where = $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}";
            throw new ApiProblemException(ApiProblem.BadRequest($"The body is not valid JSON ({where}).", Errors(e.Path ?? "$", $"Malformed JSON at {where}.")));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ApiProblemException(ApiProblem.BadRequest("The body must be a JSON object.", Errors("$", "Expected a JSON object.")));
        }

        return document;
    }

    /// <summary>A one-entry error map.</summary>
    public static Dictionary<string, string[]> Errors(string field, string message) =>
        new(StringComparer.Ordinal) { [field] = [message] };
}
