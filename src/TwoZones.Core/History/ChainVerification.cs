namespace TwoZones.Core.History;

/// <summary>The result of checking an item's history chain.</summary>
/// <param name="IsValid">Whether every entry is intact and in place.</param>
/// <param name="FirstBrokenSeq">Seq of the first entry that fails a check (as stored in that entry); <see langword="null"/> when valid.</param>
/// <param name="Reason">What failed; <see langword="null"/> when valid.</param>
public sealed record ChainVerification(bool IsValid, int? FirstBrokenSeq, string? Reason)
{
    /// <summary>The result for an intact chain.</summary>
    public static ChainVerification Valid { get; } = new(true, null, null);
}
