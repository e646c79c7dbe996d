using System.Text.RegularExpressions;

namespace TwoZones.Storage.Evidence;

/// <summary>
/// How a history entry cites an evidence file: its <c>evidenceUrl</c> is <c>sha256:</c> and the file's hash, so the file's hash is part of
/// the entry's hash and the chain covers the file.
/// </summary>
public static partial class EvidenceReference
{
    /// <summary>The prefix.</summary>
    public const string Prefix = "sha256:";

    /// <summary>The reference of a file.</summary>
    /// <param name="sha256">The file's hash, lowercase hex.</param>
    /// <returns><c>sha256:…</c>.</returns>
    public static string Of(string sha256) => Prefix + sha256;

    /// <summary>The hash a reference names.</summary>
    /// <param name="evidenceUrl">An entry's evidence URL.</param>
    /// <param name="sha256">The hash, lowercase hex.</param>
    /// <returns>Whether the URL is a reference.</returns>
    public static bool TryParse(string? evidenceUrl, out string sha256)
    {
        if (evidenceUrl is not null && evidenceUrl.StartsWith(Prefix, StringComparison.Ordinal) && IsHash(evidenceUrl[Prefix.Length..]))
        {
            sha256 = evidenceUrl[Prefix.Length..];
            return true;
        }

        sha256 = string.Empty;
        return false;
    }

    /// <summary>Whether text is a SHA-256 in lowercase hex.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when it is 64 lowercase hex digits.</returns>
    public static bool IsHash(string? text) => text is not null && HashPattern().IsMatch(text);

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HashPattern();
}
