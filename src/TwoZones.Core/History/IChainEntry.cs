namespace TwoZones.Core.History;

/// <summary>An entry of an append-only history whose entries each carry the previous entry's hash.</summary>
public interface IChainEntry
{
    /// <summary>1 for the first entry, then consecutive.</summary>
    int Seq { get; }

    /// <summary>Hash of the previous entry, or <see cref="HistoryChain.GenesisHash"/> for the first.</summary>
    string PrevHash { get; }

    /// <summary>This entry's hash.</summary>
    string Hash { get; }
}
