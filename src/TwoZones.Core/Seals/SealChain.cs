using System.Globalization;
using System.Security.Cryptography;
using TwoZones.Core.History;

namespace TwoZones.Core.Seals;

/// <summary>Builds seals and checks that a list of seals still links up, as the history chain does for one item.</summary>
public static class SealChain
{
    private const string Version = "twozones-seal-v1";

    /// <summary>SHA-256, as 64 lowercase hex digits, of a seal's fields.</summary>
    /// <remarks>
    /// The fields <c>twozones-seal-v1</c>, seq (invariant decimal), sealedAt (UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>), reason,
    /// item count (invariant decimal), root and prevHash, each written as its UTF-8 length, a colon and its UTF-8 bytes.
    /// </remarks>
    /// <param name="seq">Seal number.</param>
    /// <param name="sealedAt">When the heads were read.</param>
    /// <param name="reason">Why the seal was made.</param>
    /// <param name="itemCount">Leaves in the tree.</param>
    /// <param name="root">Merkle root.</param>
    /// <param name="prevHash">Previous seal's hash or the genesis hash.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string ComputeHash(long seq, DateTimeOffset sealedAt, string reason, int itemCount, string root, string prevHash)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(prevHash);
        var buffer = new List<byte>(256);
        CanonicalFields.Write(buffer, Version);
        CanonicalFields.Write(buffer, seq.ToString(CultureInfo.InvariantCulture));
        CanonicalFields.Write(buffer, sealedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        CanonicalFields.Write(buffer, reason);
        CanonicalFields.Write(buffer, itemCount.ToString(CultureInfo.InvariantCulture));
        CanonicalFields.Write(buffer, root);
        CanonicalFields.Write(buffer, prevHash);
        return Convert.ToHexStringLower(SHA256.HashData([.. buffer]));
    }

    /// <summary>The seal after <paramref name="previous"/> over <paramref name="heads"/>.</summary>
    /// <param name="previous">The latest seal, or <see langword="null"/> for the first.</param>
    /// <param name="sealedAt">When the heads were read.</param>
    /// <param name="reason">Why the seal is made.</param>
    /// <param name="heads">Every item's head, in any order.</param>
    /// <returns>The new seal and the heads in canonical order (what the seal commits to).</returns>
    public static (Seal Seal, IReadOnlyList<ChainHead> Heads) Next(Seal? previous, DateTimeOffset sealedAt, string reason, IEnumerable<ChainHead> heads)
    {
        var ordered = MerkleTree.CanonicalOrder(heads);
        var root = MerkleTree.Root(ordered);
        var seq = (previous?.Seq ?? 0) + 1;
        var prevHash = previous?.Hash ?? HistoryChain.GenesisHash;
        var utc = sealedAt.ToUniversalTime();
        return (new Seal(seq, utc, reason, ordered.Count, root, prevHash, ComputeHash(seq, utc, reason, ordered.Count, root, prevHash)), ordered);
    }

    /// <summary>Checks one seal's own hash and, when its heads are given, that they reproduce its root.</summary>
    /// <param name="seal">The seal.</param>
    /// <param name="heads">The heads stored with it, or <see langword="null"/> to skip the root check.</param>
    /// <returns><see langword="null"/> when intact, otherwise what is wrong.</returns>
    public static string? Problem(Seal seal, IReadOnlyList<ChainHead>? heads)
    {
        ArgumentNullException.ThrowIfNull(seal);
        if (!string.Equals(seal.Hash, ComputeHash(seal.Seq, seal.SealedAt, seal.Reason, seal.ItemCount, seal.Root, seal.PrevHash), StringComparison.Ordinal))
        {
            return $"Seal {seal.Seq} does not match its hash; it was changed after it was made.";
        }

        if (heads is not null)
        {
            if (heads.Count != seal.ItemCount)
            {
                return $"Seal {seal.Seq} records {seal.ItemCount} items but {heads.Count} heads are stored with it.";
            }

            if (!string.Equals(MerkleTree.Root(MerkleTree.CanonicalOrder(heads)), seal.Root, StringComparison.Ordinal))
            {
                return $"The heads stored with seal {seal.Seq} do not reproduce its root.";
            }
        }

        return null;
    }

    /// <summary>Checks that seals, in seq order starting at 1, link up and match their hashes.</summary>
    /// <param name="seals">Every seal, oldest first.</param>
    /// <returns><see langword="null"/> when the chain of seals is intact, otherwise the first problem.</returns>
    public static string? VerifyChain(IReadOnlyList<Seal> seals)
    {
        ArgumentNullException.ThrowIfNull(seals);
        var expectedPrev = HistoryChain.GenesisHash;
        for (var i = 0; i < seals.Count; i++)
        {
            var seal = seals[i];
            if (seal.Seq != i + 1)
            {
                return $"Seal at position {i + 1} has seq {seal.Seq}; a seal was removed or seals were reordered.";
            }

            if (!string.Equals(seal.PrevHash, expectedPrev, StringComparison.Ordinal))
            {
                return $"Seal {seal.Seq} does not link to the previous seal's hash.";
            }

            if (Problem(seal, null) is { } problem)
            {
                return problem;
            }

            expectedPrev = seal.Hash;
        }

        return null;
    }
}
