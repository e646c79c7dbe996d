namespace TwoZones.Core.Seals;

/// <summary>An item whose stored history fails its own hash-chain check.</summary>
/// <param name="ItemId">Item id.</param>
/// <param name="FirstBrokenSeq">The first entry that fails.</param>
/// <param name="Reason">What failed.</param>
public sealed record BrokenChain(string ItemId, int? FirstBrokenSeq, string Reason);
