namespace TwoZones.Core.History;

/// <summary>Where an item's history chain ends: the last entry's seq and hash, all the next entry needs (an item's state keeps it).</summary>
/// <param name="Seq">The last entry's seq; 0 before the first.</param>
/// <param name="Hash">The last entry's hash; <see cref="HistoryChain.GenesisHash"/> before the first.</param>
public readonly record struct ChainEnd(int Seq, string Hash)
{
    /// <summary>The end of an empty history.</summary>
    public static ChainEnd Genesis { get; } = new(0, HistoryChain.GenesisHash);

    /// <summary>The end after an entry.</summary>
    /// <param name="last">The last entry, or <see langword="null"/> for an empty history.</param>
    /// <returns>Its seq and hash, or <see cref="Genesis"/>.</returns>
    public static ChainEnd After(TransitionRecord? last) => last is null ? Genesis : new(last.Seq, last.Hash);
}
