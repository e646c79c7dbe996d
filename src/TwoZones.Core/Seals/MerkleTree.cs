using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TwoZones.Core.Seals;

/// <summary>
/// The Merkle tree a seal's root is the top of: one leaf per item, in canonical order, built as Certificate Transparency builds its
/// log tree (RFC 6962, section 2.1) so a standard tool can check a root. The construction is documented in <c>docs/seals.md</c>.
/// </summary>
public static class MerkleTree
{
    private const string LeafVersion = "twozones-seal-leaf-v1";

    /// <summary>The root of an empty tree: SHA-256 of no bytes, as in RFC 6962.</summary>
    public static string EmptyRoot { get; } = Convert.ToHexStringLower(SHA256.HashData([]));

    /// <summary>Orders heads canonically: by item id, comparing the ids' UTF-8 bytes (ordinal).</summary>
    /// <param name="heads">Heads in any order.</param>
    /// <returns>A new list in canonical order.</returns>
    /// <exception cref="ArgumentException">Two heads name the same item.</exception>
    public static List<ChainHead> CanonicalOrder(IEnumerable<ChainHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        // UTF-16 ordinal order differs from UTF-8 byte order around surrogates; comparing the bytes keeps any other implementation's order.
        var keyed = heads.Select(h => (Key: Encoding.UTF8.GetBytes(h.ItemId), Head: h)).ToList();
        keyed.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        var ordered = keyed.ConvertAll(k => k.Head);
        for (var i = 1; i < ordered.Count; i++)
        {
            if (string.Equals(ordered[i - 1].ItemId, ordered[i].ItemId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Item {ordered[i].ItemId} has two heads.", nameof(heads));
            }
        }

        return ordered;
    }

    /// <summary>The leaf data of one head: the fields <c>twozones-seal-leaf-v1</c>, item id, seq and hash, each length-prefixed as in the history chain.</summary>
    /// <param name="head">The head.</param>
    /// <returns>The bytes the leaf hash covers (after the 0x00 prefix).</returns>
    public static byte[] LeafData(ChainHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var buffer = new List<byte>(128);
        CanonicalFields.Write(buffer, LeafVersion);
        CanonicalFields.Write(buffer, head.ItemId);
        CanonicalFields.Write(buffer, head.Seq.ToString(CultureInfo.InvariantCulture));
        CanonicalFields.Write(buffer, head.Hash);
        return [.. buffer];
    }

    /// <summary>SHA-256(0x00 ‖ leaf data).</summary>
    /// <param name="head">The head.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] LeafHash(ChainHead head)
    {
        var data = LeafData(head);
        var prefixed = new byte[data.Length + 1];
        data.CopyTo(prefixed, 1);
        return SHA256.HashData(prefixed);
    }

    /// <summary>The root over heads already in canonical order.</summary>
    /// <param name="orderedHeads">Heads in canonical order (see <see cref="CanonicalOrder"/>).</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string Root(IReadOnlyList<ChainHead> orderedHeads)
    {
        ArgumentNullException.ThrowIfNull(orderedHeads);
        if (orderedHeads.Count == 0)
        {
            return EmptyRoot;
        }

        var level = new byte[orderedHeads.Count][];
        for (var i = 0; i < level.Length; i++)
        {
            level[i] = LeafHash(orderedHeads[i]);
        }

        return Convert.ToHexStringLower(Subtree(level, 0, level.Length));
    }

    // RFC 6962: the left subtree holds the largest power of two smaller than n leaves.
    private static byte[] Subtree(byte[][] leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var split = 1;
        while (split * 2 < count)
        {
            split *= 2;
        }

        var left = Subtree(leaves, start, split);
        var right = Subtree(leaves, start + split, count - split);
        var node = new byte[65];
        node[0] = 0x01;
        left.CopyTo(node, 1);
        right.CopyTo(node, 33);
        return SHA256.HashData(node);
    }
}
