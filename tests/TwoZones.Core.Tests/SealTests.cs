using System.Security.Cryptography;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Seals;

namespace TwoZones.Core.Tests;

public class SealTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void The_root_is_built_as_RFC_6962_builds_its_tree()
    {
        var heads = new[] { new ChainHead("A", 1, Hex('a')), new ChainHead("B", 0, HistoryChain.GenesisHash), new ChainHead("C", 2, Hex('c')) };
        var l = heads.Select(MerkleTree.LeafHash).ToArray();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), MerkleTree.Root([]));
        Assert.Equal(Convert.ToHexStringLower(l[0]), MerkleTree.Root(heads[..1]));
        Assert.Equal(Convert.ToHexStringLower(Node(Node(l[0], l[1]), l[2])), MerkleTree.Root(heads));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([0x00, .. MerkleTree.LeafData(heads[0])])), Convert.ToHexStringLower(l[0]));
        Assert.Equal("21:twozones-seal-leaf-v11:A1:164:" + Hex('a'), System.Text.Encoding.UTF8.GetString(MerkleTree.LeafData(heads[0])));
    }

    [Fact]
    public void Canonical_order_is_by_the_ids_UTF8_bytes_and_refuses_duplicates()
    {
        var heads = new[] { new ChainHead("T010", 1, Hex('1')), new ChainHead("P01-M001", 1, Hex('2')), new ChainHead("T002", 1, Hex('3')), new ChainHead("\uFF21", 1, Hex('4')), new ChainHead("\U0001F600", 1, Hex('5')) };

        // U+FF21 sorts before the surrogate pair in UTF-8 (EF BC A1 < F0 9F 98 80), after it in UTF-16.
        Assert.Equal(["P01-M001", "T002", "T010", "\uFF21", "\U0001F600"], MerkleTree.CanonicalOrder(heads).Select(h => h.ItemId));
        Assert.Equal(MerkleTree.Root(MerkleTree.CanonicalOrder(heads)), MerkleTree.Root(MerkleTree.CanonicalOrder(heads.Reverse())));
        Assert.Throws<ArgumentException>(() => MerkleTree.CanonicalOrder([.. heads, new ChainHead("T002", 2, Hex('6'))]));
    }

    [Fact]
    public void Any_change_of_a_head_changes_the_root()
    {
        var heads = Enumerable.Range(1, 7).Select(i => new ChainHead($"T{i:000}", i, Hex((char)('0' + i)))).ToList();
        var root = MerkleTree.Root(heads);
        Assert.NotEqual(root, MerkleTree.Root([.. heads.Take(6)]));
        Assert.NotEqual(root, MerkleTree.Root([.. heads.Take(3), heads[3] with { Seq = 5 }, .. heads.Skip(4)]));
        Assert.NotEqual(root, MerkleTree.Root([.. heads.Take(6), heads[6] with { Hash = Hex('f') }]));
        Assert.NotEqual(root, MerkleTree.Root([heads[1], heads[0], .. heads.Skip(2)]));
    }

    [Fact]
    public void Seals_chain_and_an_edited_or_removed_seal_is_found()
    {
        var (first, heads1) = SealChain.Next(null, T0, "schedule", [new ChainHead("T002", 1, Hex('a')), new ChainHead("T001", 0, HistoryChain.GenesisHash)]);
        var (second, _) = SealChain.Next(first, T0.AddDays(1), "digest 2026-W48", heads1);
        var (third, _) = SealChain.Next(second, T0.AddDays(2), "schedule", heads1);

        Assert.Equal(1, first.Seq);
        Assert.Equal(HistoryChain.GenesisHash, first.PrevHash);
        Assert.Equal(["T001", "T002"], heads1.Select(h => h.ItemId));
        Assert.Equal(first.Hash, second.PrevHash);
        Assert.Equal(first.Root, second.Root);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Null(SealChain.VerifyChain([first, second, third]));
        Assert.Null(SealChain.Problem(first, heads1));

        Assert.Contains("removed", SealChain.VerifyChain([first, third]), StringComparison.Ordinal);
        Assert.Contains("changed", SealChain.VerifyChain([first, second with { Reason = "x" }, third]), StringComparison.Ordinal);
        Assert.Contains("link", SealChain.VerifyChain([first, second with { PrevHash = third.Hash }]), StringComparison.Ordinal);
        Assert.Contains("reproduce", SealChain.Problem(first, [heads1[0], heads1[1] with { Seq = 2 }]), StringComparison.Ordinal);
        Assert.Contains("1 heads", SealChain.Problem(first, [heads1[0]]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_that_grew_still_matches_its_seal()
    {
        var chain = Chain("T001", 2);
        var sealedHead = ChainHead.Of("T001", chain.Take(1).ToList());

        Assert.Null(SealConsistency.Check(sealedHead, chain));
        Assert.Null(SealConsistency.Check(ChainHead.Empty("T001"), chain));
        Assert.Null(SealConsistency.Check(ChainHead.Empty("T001"), []));
        Assert.Null(SealConsistency.Check(ChainHead.Of("T001", chain), chain));
    }

    [Fact]
    public void A_consistently_rechained_edit_is_caught_although_the_chain_verifies()
    {
        var chain = Chain("T001", 3);
        var sealedHead = ChainHead.Of("T001", chain.Take(2).ToList());

        // Rewrite entry 1 and recompute every hash after it, as someone with write access to storage could.
        var rewritten = new List<TransitionRecord>();
        foreach (var e in chain)
        {
            var prev = rewritten.Count == 0 ? HistoryChain.GenesisHash : rewritten[^1].Hash;
            var edited = e.Seq == 1 ? e with { EffectiveDate = e.EffectiveDate.AddDays(-30), PrevHash = prev } : e with { PrevHash = prev };
            rewritten.Add(edited with { Hash = HistoryChain.ComputeHash("T001", edited) });
        }

        Assert.True(HistoryChain.Verify("T001", rewritten).IsValid);
        var mismatch = SealConsistency.Check(sealedHead, rewritten);
        Assert.NotNull(mismatch);
        Assert.Equal(SealMismatchKind.Rewritten, mismatch.Kind);
        Assert.Equal(2, mismatch.SealedSeq);
        Assert.Equal(3, mismatch.StoredSeq);
        Assert.Equal(rewritten[1].Hash, mismatch.StoredHash);
    }

    [Fact]
    public void Missing_truncated_and_broken_histories_are_told_apart()
    {
        var chain = Chain("T001", 3);
        var head = ChainHead.Of("T001", chain);
        var seals = new[] { head, ChainHead.Of("T002", Chain("T002", 1)), ChainHead.Empty("T003") };
        var stored = new Dictionary<string, IReadOnlyList<TransitionRecord>>
        {
            ["T001"] = chain.Take(2).ToList(),
            ["T004"] = Chain("T004", 1),
        };

        var mismatches = SealConsistency.Check(seals, stored);
        Assert.Equal([("T001", SealMismatchKind.Truncated), ("T002", SealMismatchKind.Missing), ("T003", SealMismatchKind.Missing)], mismatches.Select(m => (m.ItemId, m.Kind)));
        Assert.Equal(2, mismatches[0].StoredSeq);
        Assert.Null(mismatches[1].StoredSeq);

        var broken = SealConsistency.Check(head, [chain[0], chain[1] with { Note = "edited" }, chain[2]]);
        Assert.Equal(SealMismatchKind.ChainBroken, broken!.Kind);
        Assert.Contains("Entry 2", broken.Detail, StringComparison.Ordinal);

        // An edit after the sealed head is the chain check's business, not the seal's.
        Assert.Null(SealConsistency.Check(ChainHead.Of("T001", chain.Take(1).ToList()), [chain[0], chain[1], chain[2] with { Note = "edited" }]));
    }

    internal static IReadOnlyList<TransitionRecord> Chain(string id, int length)
    {
        var statuses = new[] { (ItemStatus.Proposed, ItemStatus.Commenced), (ItemStatus.Commenced, ItemStatus.Completed), (ItemStatus.Completed, ItemStatus.Commenced) };
        var entries = new List<TransitionRecord>();
        for (var i = 0; i < length; i++)
        {
            var (from, to) = statuses[i % statuses.Length];
            entries.Add(HistoryChain.Append(id, ChainEnd.After(entries.LastOrDefault()), from, new(to, new DateOnly(2024, 3, 1).AddDays(10 * i), $"n{i}", null), T0.AddMinutes(i), "actor"));
        }

        return entries;
    }

    private static string Hex(char c) => new(c, 64);

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);
}
