using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;

namespace TwoZones.Core.Seals;

/// <summary>
/// One seal: the Merkle root over every item's chain head at an instant, chained to the seal before it.
/// Seals are append-only; <see cref="SealChain"/> builds and checks them.
/// </summary>
/// <param name="Seq">1 for the first seal, then consecutive.</param>
/// <param name="SealedAt">When the heads were read.</param>
/// <param name="Reason">Why it was made: <c>schedule</c>, <c>digest 2026-W48</c> or <c>request</c>.</param>
/// <param name="ItemCount">Number of leaves (items) in the tree.</param>
/// <param name="Root">Merkle root, 64 lowercase hex digits.</param>
/// <param name="PrevHash">The previous seal's <see cref="Hash"/>, or 64 zeros for the first.</param>
/// <param name="Hash">This seal's hash, see <see cref="SealChain.ComputeHash"/>.</param>
public sealed record Seal(
    long Seq,
    [property: JsonConverter(typeof(UtcInstantJsonConverter))] DateTimeOffset SealedAt,
    string Reason,
    int ItemCount,
    string Root,
    string PrevHash,
    string Hash);
