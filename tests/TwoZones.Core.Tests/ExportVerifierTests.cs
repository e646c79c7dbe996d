using System.Text;
using System.Text.Json;
using TwoZones.Core.History;
using TwoZones.Core.Seals;

namespace TwoZones.Core.Tests;

public class ExportVerifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void An_intact_export_verifies_after_a_round_trip_through_its_JSON()
    {
        var export = Export(out var seal);
        var json = JsonSerializer.SerializeToUtf8Bytes(export, HistoryExportJson.Options);
        var read = HistoryExportJson.Read(json);

        var result = ExportVerifier.Verify(read, seal.Hash);
        Assert.True(result.IsValid);
        Assert.Equal(3, result.Items);
        Assert.Equal(4, result.Entries);
        Assert.Equal(3, result.Seals.Single().ItemsMatching);
        Assert.Contains("\"from\":\"Proposed\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Edits_to_an_export_are_found()
    {
        var export = Export(out var seal);
        var t1 = export.Items[0];

        // An entry edited in the file.
        var edited = export with { Items = [t1 with { Entries = [t1.Entries[0] with { Note = "x" }, t1.Entries[1]] }, .. export.Items.Skip(1)] };
        var result = ExportVerifier.Verify(edited);
        Assert.False(result.IsValid);
        Assert.Equal("T1", result.BrokenChains.Single().ItemId);
        Assert.Equal(SealMismatchKind.ChainBroken, result.Seals.Single().Mismatches.Single().Kind);

        // An item removed from the file.
        result = ExportVerifier.Verify(export with { Items = [.. export.Items.Skip(1)] });
        Assert.Empty(result.BrokenChains);
        Assert.Equal(SealMismatchKind.Missing, result.Seals.Single().Mismatches.Single().Kind);

        // A seal's heads altered so they no longer reproduce its root.
        var s = export.Seals[0];
        result = ExportVerifier.Verify(export with { Seals = [s with { Heads = [s.Heads[0] with { Seq = 1 }, .. s.Heads.Skip(1)] }] });
        Assert.Contains("reproduce", result.Seals.Single().Problem, StringComparison.Ordinal);

        // The seals replaced by new ones over a rewritten history: only a seal kept elsewhere tells.
        var (other, heads) = SealChain.Next(null, T0.AddDays(1), "schedule", s.Heads);
        result = ExportVerifier.Verify(export with { Seals = [new ExportedSeal(other, heads)] }, seal.Hash);
        Assert.False(result.IsValid);
        Assert.NotNull(result.ExpectedSealProblem);
        Assert.True(ExportVerifier.Verify(export with { Seals = [new ExportedSeal(other, heads)] }).IsValid);
    }

    [Fact]
    public void Reading_something_else_than_an_export_fails_clearly()
    {
        Assert.Throws<JsonException>(() => HistoryExportJson.Read("{\"format\":\"other\",\"items\":[],\"seals\":[]}"u8));
        Assert.Throws<JsonException>(() => HistoryExportJson.Read("[1,2]"u8));
    }

    private static HistoryExport Export(out Seal seal)
    {
        var t1 = SealTests.Chain("T1", 2);
        var t2 = SealTests.Chain("T2", 2);
        var items = new List<ExportedItem>
        {
            new("T1", "task", 2, t1[^1].Hash, t1),
            new("T2", "task", 2, t2[^1].Hash, t2),
            new("T3", "measure", 0, HistoryChain.GenesisHash, []),
        };
        var (s, heads) = SealChain.Next(null, T0, "schedule", items.Select(i => new ChainHead(i.Id, i.HeadSeq, i.HeadHash)));
        seal = s;
        return new HistoryExport(HistoryExport.FormatName, T0.AddHours(1), items, [new ExportedSeal(s, heads)]);
    }
}
