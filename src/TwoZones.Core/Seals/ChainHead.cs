using TwoZones.Core.History;

namespace TwoZones.Core.Seals;

/// <summary>The last entry of one item's history as a seal records it.</summary>
/// <param name="ItemId">Item id.</param>
/// <param name="Seq">Seq of the last entry; 0 for an item without history.</param>
/// <param name="Hash">Hash of the last entry; <see cref="HistoryChain.GenesisHash"/> for an item without history.</param>
public sealed record ChainHead(string ItemId, int Seq, string Hash)
{
    /// <summary>The head of an item whose history is empty.</summary>
    /// <param name="itemId">Item id.</param>
    /// <returns>Seq 0 at the genesis hash.</returns>
    public static ChainHead Empty(string itemId) => new(itemId, 0, HistoryChain.GenesisHash);

    /// <summary>The head of a history.</summary>
    /// <param name="itemId">Item id.</param>
    /// <param name="entries">The entries in seq order.</param>
    /// <returns>The last entry's seq and hash, or <see cref="Empty"/>.</returns>
    public static ChainHead Of(string itemId, IReadOnlyList<TransitionRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0 ? Empty(itemId) : new(itemId, entries[^1].Seq, entries[^1].Hash);
    }
}
