namespace TwoZones.Core.Seals;

/// <summary>The outcome of checking a <see cref="HistoryExport"/> offline.</summary>
/// <param name="Items">Items in the export.</param>
/// <param name="Entries">History entries in the export.</param>
/// <param name="BrokenChains">Items whose chain fails its own check.</param>
/// <param name="SealChainProblem">The first problem of the chain of seals; <see langword="null"/> when it links up.</param>
/// <param name="Seals">Each seal checked against the exported histories, oldest first.</param>
/// <param name="ExpectedSealProblem">When a seal hash was given (one published elsewhere, e.g. in a digest): why the export does not contain it; otherwise <see langword="null"/>.</param>
public sealed record ExportVerification(
    int Items,
    int Entries,
    IReadOnlyList<BrokenChain> BrokenChains,
    string? SealChainProblem,
    IReadOnlyList<SealReport> Seals,
    string? ExpectedSealProblem)
{
    /// <summary>Whether everything checks.</summary>
    public bool IsValid => BrokenChains.Count == 0 && SealChainProblem is null && ExpectedSealProblem is null && Seals.All(s => s.Consistent);
}
