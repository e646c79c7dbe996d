using System.Text;

namespace TwoZones.Storage.Entities;

/// <summary>
/// Wraps the table service's continuation token so clients see one opaque string, and anything not issued here is refused
/// before it reaches the service.
/// </summary>
internal static class ContinuationTokens
{
    private const string Prefix = "tz1|";

    public static string? Encode(string? azureToken) =>
        azureToken is null ? null : Base64Url.Encode(Encoding.UTF8.GetBytes(Prefix + azureToken));

    public static string? Decode(string? token)
    {
        if (token is null)
        {
            return null;
        }

        var bytes = token.Length is > 0 and <= 4096 ? Base64Url.TryDecode(token) : null;
        if (bytes is null)
        {
            throw new InvalidContinuationTokenException();
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidContinuationTokenException("The continuation token is not valid.", ex);
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length == Prefix.Length || text.Any(char.IsControl))
        {
            throw new InvalidContinuationTokenException();
        }

        return text[Prefix.Length..];
    }
}
