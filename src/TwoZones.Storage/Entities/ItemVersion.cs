using System.Text;
using Azure;

namespace TwoZones.Storage.Entities;

/// <summary>
/// The public version of an item is its state row's ETag, base64url-encoded: the raw ETag contains quotes and
/// a <c>W/</c> prefix that do not survive being put inside an HTTP <c>ETag</c> header.
/// </summary>
internal static class ItemVersion
{
    public static string FromETag(ETag etag) => Base64Url.Encode(Encoding.UTF8.GetBytes(etag.ToString()));

    /// <summary>Whether an <c>If-Match</c> value (quoted or not, weak or not, or <c>*</c>) names <paramref name="currentVersion"/>.</summary>
    public static bool Matches(string ifMatch, string currentVersion)
    {
        foreach (var part in ifMatch.Split(','))
        {
            var candidate = part.Trim();
            if (candidate == "*")
            {
                return true;
            }

            if (candidate.StartsWith("W/", StringComparison.Ordinal))
            {
                candidate = candidate[2..];
            }

            if (candidate.Length >= 2 && candidate[0] == '"' && candidate[^1] == '"')
            {
                candidate = candidate[1..^1];
            }

            if (string.Equals(candidate, currentVersion, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
