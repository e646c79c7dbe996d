using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

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
        while ((read = await ReadChunkAsync(request.Body, chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ApiProblemException(ApiProblem.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// One read of the body. A body that breaks off or stalls is the client's fault, not an outage: the server reports it as
    /// an <see cref="IOException"/>, which would otherwise read as unreachable storage.
    /// </summary>
    private static async Task<int> ReadChunkAsync(Stream body, byte[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(chunk, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            throw new ApiProblemException(ApiProblem.Create(
                StatusCodes.Status408RequestTimeout, "request-timeout", "The request body did not arrive in time.", "The client stopped sending the request body."));
        }
        catch (IOException)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The request body ended before it was complete.", Errors("$", "Incomplete request body.")));
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Refuses a body that is not declared as JSON (<c>application/json</c> or <c>+json</c>, UTF-8 if a charset is named): a
    /// form post or a text upload that happens to parse is not what the caller meant to send. A request without a body passes.
    /// </summary>
    /// <exception cref="ApiProblemException">415 naming the media types accepted.</exception>
    public static void RequireJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hasBody = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!hasBody)
        {
            return;
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        throw new ApiProblemException(ApiProblem.Create(
            StatusCodes.Status415UnsupportedMediaType,
            "unsupported-media-type",
            "The request body's media type is not accepted.",
            "Send the body as application/json (UTF-8)."));
    }

    /// <summary>The body as text, refusing bytes that are not UTF-8 (a lenient decoder would store replacement characters).</summary>
    /// <exception cref="ApiProblemException">400 when the bytes are not valid UTF-8.</exception>
    public static string DecodeUtf8(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The body is not valid UTF-8.", Errors("$", "Invalid UTF-8.")));
        }
    }

    /// <summary>Reads a JSON object body of at most 64 KiB.</summary>
    /// <returns>The parsed document; its root is an object. The caller disposes it.</returns>
    /// <exception cref="ApiProblemException">415 when not JSON, 413 when too large, 400 when empty, malformed or not an object.</exception>
    public static async Task<JsonDocument> ReadJsonObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        RequireJson(request);
        var bytes = await ReadBytesAsync(request, DefaultLimit, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The request needs a JSON body.", Errors("$", "The body is empty.")));
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The body is not valid UTF-8.", Errors("$", "Invalid UTF-8.")));
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
