namespace TwoZones.Core.Seals;

/// <summary>The outcome of checking stored histories against one seal.</summary>
/// <param name="Seal">The seal.</param>
/// <param name="Problem">What is wrong with the seal itself (its hash, its stored heads, its link to the previous seal); <see langword="null"/> when intact.</param>
/// <param name="ItemsSealed">Items the seal committed to.</param>
/// <param name="ItemsMatching">Of those, items whose stored history still contains the sealed head.</param>
/// <param name="Mismatches">The others.</param>
public sealed record SealReport(Seal Seal, string? Problem, int ItemsSealed, int ItemsMatching, IReadOnlyList<SealMismatch> Mismatches)
{
    /// <summary>Whether the seal is intact and every sealed head is still in place.</summary>
    public bool Consistent => Problem is null && Mismatches.Count == 0;
}
