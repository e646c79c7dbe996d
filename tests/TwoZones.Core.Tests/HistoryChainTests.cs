using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Tests;

public class HistoryChainTests
{
    private const string ItemId = "T042";
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void A_built_chain_verifies_and_links_from_genesis()
    {
        var chain = Chain();

        Assert.Equal([1, 2, 3, 4], chain.Select(e => e.Seq));
        Assert.Equal(HistoryChain.GenesisHash, chain[0].PrevHash);
        Assert.Equal(new string('0', 64), HistoryChain.GenesisHash);
        Assert.All(chain.Skip(1).Zip(chain), pair => Assert.Equal(pair.Second.Hash, pair.First.PrevHash));
        Assert.All(chain, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.Equal(ChainVerification.Valid, HistoryChain.Verify(ItemId, chain));
        Assert.True(HistoryChain.Verify(ItemId, []).IsValid);
        Assert.True(HistoryChain.Verify(ItemId, chain, chain[^1].Hash).IsValid);
    }

    [Theory]
    [InlineData(2, "note")]
    [InlineData(3, "actor")]
    [InlineData(1, "effectiveDate")]
    [InlineData(4, "recordedAt")]
    [InlineData(2, "to")]
    public void An_edited_entry_is_detected_at_its_seq(int seq, string field)
    {
        var chain = Chain().ToList();
        var e = chain[seq - 1];
        chain[seq - 1] = field switch
        {
            "note" => e with { Note = e.Note + "!" },
            "actor" => e with { Actor = "mallory" },
            "effectiveDate" => e with { EffectiveDate = e.EffectiveDate.AddDays(-1) },
            "recordedAt" => e with { RecordedAt = e.RecordedAt.AddTicks(1) },
            _ => e with { To = ItemStatus.Proposed },
        };

        var result = HistoryChain.Verify(ItemId, chain);

        Assert.False(result.IsValid);
        Assert.Equal(seq, result.FirstBrokenSeq);
        Assert.Contains("content", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_entry_with_a_recomputed_hash_breaks_the_next_link()
    {
        var chain = Chain().ToList();
        var edited = chain[1] with { Note = "rewritten" };
        chain[1] = edited with { Hash = HistoryChain.ComputeHash(ItemId, edited) };

        var result = HistoryChain.Verify(ItemId, chain);

        Assert.Equal(3, result.FirstBrokenSeq);
        Assert.Contains("previous entry's hash", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_entry_is_detected()
    {
        var chain = Chain().ToList();
        chain.RemoveAt(1);

        var result = HistoryChain.Verify(ItemId, chain);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSeq);
        Assert.Contains("removed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_first_entry_is_detected()
    {
        var result = HistoryChain.Verify(ItemId, Chain().Skip(1).ToList());

        Assert.Equal(2, result.FirstBrokenSeq);
    }

    [Fact]
    public void A_removed_entry_with_renumbered_successors_breaks_the_link()
    {
        var chain = Chain().ToList();
        chain.RemoveAt(1);
        chain[1] = chain[1] with { Seq = 2 };
        chain[2] = chain[2] with { Seq = 3 };

        var result = HistoryChain.Verify(ItemId, chain);

        Assert.Equal(2, result.FirstBrokenSeq);
    }

    [Fact]
    public void A_removed_last_entry_is_detected_against_the_head_hash()
    {
        var chain = Chain();
        var truncated = chain.Take(3).ToList();

        Assert.True(HistoryChain.Verify(ItemId, truncated).IsValid);
        var result = HistoryChain.Verify(ItemId, truncated, chain[^1].Hash);
        Assert.False(result.IsValid);
        Assert.Equal(4, result.FirstBrokenSeq);
    }

    [Fact]
    public void Reordered_entries_are_detected()
    {
        var chain = Chain().ToList();
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var result = HistoryChain.Verify(ItemId, chain);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBrokenSeq);
    }

    [Fact]
    public void Entries_cannot_move_to_another_item()
    {
        var result = HistoryChain.Verify("T043", Chain());

        Assert.Equal(1, result.FirstBrokenSeq);
    }

    [Fact]
    public void Hash_distinguishes_null_from_empty_and_field_boundaries()
    {
        var a = HistoryChain.ComputeHash(ItemId, 1, ItemStatus.Proposed, ItemStatus.Commenced, new(2026, 1, 1), T0, "ab", null, "c", HistoryChain.GenesisHash);
        var b = HistoryChain.ComputeHash(ItemId, 1, ItemStatus.Proposed, ItemStatus.Commenced, new(2026, 1, 1), T0, "ab", "", "c", HistoryChain.GenesisHash);
        var c = HistoryChain.ComputeHash(ItemId, 1, ItemStatus.Proposed, ItemStatus.Commenced, new(2026, 1, 1), T0, "a", "b", "c", HistoryChain.GenesisHash);
        var d = HistoryChain.ComputeHash(ItemId, 1, ItemStatus.Proposed, ItemStatus.Commenced, new(2026, 1, 1), T0, "a", "bc", null, HistoryChain.GenesisHash);

        Assert.Equal(4, new[] { a, b, c, d }.Distinct().Count());
    }

    [Fact]
    public void Hash_depends_on_the_instant_not_its_offset()
    {
        var utc = HistoryChain.ComputeHash(ItemId, 1, ItemStatus.Proposed, ItemStatus.Commenced, new(2026, 1, 1), T0, "a", null, null, HistoryChain.GenesisHash);
        var beijing = HistoryChain.ComputeHash(
            ItemId, 1, ItemStatus.Proposed, ItemStatus.Commenced, new(2026, 1, 1), T0.ToOffset(TimeSpan.FromHours(8)), "a", null, null, HistoryChain.GenesisHash);

        Assert.Equal(utc, beijing);
    }

    [Fact]
    public void Hash_matches_the_documented_canonical_form()
    {
        // Independent re-implementation of the documented encoding, so the format cannot drift silently.
        static string F(string? v) => v is null ? "~" : $"{System.Text.Encoding.UTF8.GetByteCount(v)}:{v}";
        var canonical = string.Concat(
            F("twozones-history-v1"), F("T042"), F("1"), F("Proposed"), F("Commenced"), F("2026-11-20"),
            F("2026-11-20T01:02:03.0000000Z"), F("官员"), F(null), F("https://e.x/1"), F(HistoryChain.GenesisHash));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));

        var actual = HistoryChain.ComputeHash(
            ItemId, 1, ItemStatus.Proposed, ItemStatus.Commenced, new(2026, 11, 20), T0, "官员", null, "https://e.x/1", HistoryChain.GenesisHash);

        Assert.Equal(expected, actual);
    }

    private static List<TransitionRecord> Chain()
    {
        var list = new List<TransitionRecord>();
        list.Add(HistoryChain.Append(ItemId, ChainEnd.Genesis, ItemStatus.Proposed, new(ItemStatus.Commenced, new(2026, 11, 20), "kick-off", null), T0, "o1"));
        list.Add(HistoryChain.Append(ItemId, ChainEnd.After(list[^1]), ItemStatus.Commenced, new(ItemStatus.Completed, new(2026, 11, 21), "done", "https://e.x/1"), T0.AddDays(1), "o1"));
        list.Add(HistoryChain.Append(ItemId, ChainEnd.After(list[^1]), ItemStatus.Completed, new(ItemStatus.Commenced, new(2026, 11, 22), "audit gaps", null), T0.AddDays(2), "c1"));
        list.Add(HistoryChain.Append(ItemId, ChainEnd.After(list[^1]), ItemStatus.Commenced, new(ItemStatus.Completed, new(2026, 11, 22), null, null), T0.AddDays(2).AddTicks(1234567), "o1"));
        return list;
    }
}
