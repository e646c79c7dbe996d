namespace TwoZones.Core.Seals;

/// <summary>One seal of a <see cref="HistoryExport"/> with the heads it committed to.</summary>
/// <param name="Seal">The seal.</param>
/// <param name="Heads">Its heads, in canonical order.</param>
public sealed record ExportedSeal(Seal Seal, IReadOnlyList<ChainHead> Heads);
