namespace TwoZones.Core.Seals;

/// <summary>An item whose stored history no longer contains the head a seal recorded.</summary>
/// <param name="ItemId">Item id.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="SealedSeq">Seq the seal recorded.</param>
/// <param name="SealedHash">Hash the seal recorded.</param>
/// <param name="StoredSeq">Seq of the stored history's last entry; <see langword="null"/> when the item is missing.</param>
/// <param name="StoredHash">Hash the stored entry at <paramref name="SealedSeq"/> carries now; <see langword="null"/> when there is none.</param>
/// <param name="Detail">One sentence for people.</param>
public sealed record SealMismatch(
    string ItemId, SealMismatchKind Kind, int SealedSeq, string SealedHash, int? StoredSeq, string? StoredHash, string Detail);
