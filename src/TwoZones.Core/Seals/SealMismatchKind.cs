namespace TwoZones.Core.Seals;

/// <summary>How an item's stored history fails to extend the head a seal recorded.</summary>
public enum SealMismatchKind
{
    /// <summary>The item is no longer stored.</summary>
    Missing,

    /// <summary>The history is shorter than the sealed head: entries up to it were removed.</summary>
    Truncated,

    /// <summary>The entry at the sealed seq has another hash: the history up to it was rewritten (even if re-chained consistently).</summary>
    Rewritten,

    /// <summary>The entries up to the sealed seq do not form a valid chain.</summary>
    ChainBroken,
}
