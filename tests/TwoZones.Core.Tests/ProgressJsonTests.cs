using System.Text.Json;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Tests;

/// <summary>The JSON of every progress breakdown, to the character: the API, the snapshots and the stored digests depend on it.</summary>
public class ProgressJsonTests
{
    public static TheoryData<object, string> Breakdowns => new()
    {
        {
            new AgencyProgress("BMCB", "Commerce", "商务局", 7, 3, 2, 2, 1),
            """{"id":"BMCB","nameEn":"Commerce","nameZh":"商务局","total":7,"proposed":3,"commenced":2,"completed":2,"overdue":1,"commencedPct":57.1,"completedPct":28.6}"""
        },
        {
            new ProgrammeProgress("P01", "One", "一", 3, 1, 1, 1, 0),
            """{"id":"P01","nameEn":"One","nameZh":"一","total":3,"proposed":1,"commenced":1,"completed":1,"overdue":0,"commencedPct":66.7,"completedPct":33.3}"""
        },
        {
            new DistrictProgress("CY", 6, 1, 2, 3, 2),
            """{"district":"CY","total":6,"proposed":1,"commenced":2,"completed":3,"overdue":2,"commencedPct":83.3,"completedPct":50.0}"""
        },
        {
            new DistrictProgress(null, 0, 0, 0, 0, 0),
            """{"district":null,"total":0,"proposed":0,"commenced":0,"completed":0,"overdue":0,"commencedPct":0.0,"completedPct":0.0}"""
        },
        {
            new KindProgress(ItemKind.Measure, 16, 15, 0, 1, 4),
            """{"kind":"measure","total":16,"proposed":15,"commenced":0,"completed":1,"overdue":4,"commencedPct":6.3,"completedPct":6.3}"""
        },
        {
            new ProgressCounts(3, 1, 1, 1, 1),
            """{"total":3,"proposed":1,"commenced":1,"completed":1,"overdue":1,"commencedPct":66.7,"completedPct":33.3}"""
        },
    };

    [Theory]
    [MemberData(nameof(Breakdowns))]
    public void Breakdown_serializes_to_the_same_characters_and_reads_back(object value, string expected)
    {
        var text = JsonSerializer.Serialize(value, value.GetType(), CatalogueJson.Options);

        Assert.Equal(expected, text);
        Assert.Equal(value, JsonSerializer.Deserialize(text, value.GetType(), CatalogueJson.Options));
    }

    [Fact]
    public void Report_serializes_overall_figures_before_the_breakdowns()
    {
        var report = new ProgressReport(
            new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), 3, 1, 1, 1, 1,
            [new ProgrammeProgress("P01", "One", "一", 3, 1, 1, 1, 0)],
            [new AgencyProgress("BMCB", "Commerce", "商务局", 3, 1, 1, 1, 1)],
            [new DistrictProgress(null, 3, 1, 1, 1, 1)],
            [new KindProgress(ItemKind.Task, 3, 1, 1, 1, 1)]);

        var text = JsonSerializer.Serialize(report, CatalogueJson.Options);

        const string Expected = """
            {"asOf":"2026-11-23T02:00:00Z","total":3,"proposed":1,"commenced":1,"completed":1,"overdue":1,"commencedPct":66.7,"completedPct":33.3,
            "programmes":[{"id":"P01","nameEn":"One","nameZh":"一","total":3,"proposed":1,"commenced":1,"completed":1,"overdue":0,"commencedPct":66.7,"completedPct":33.3}],
            "agencies":[{"id":"BMCB","nameEn":"Commerce","nameZh":"商务局","total":3,"proposed":1,"commenced":1,"completed":1,"overdue":1,"commencedPct":66.7,"completedPct":33.3}],
            "districts":[{"district":null,"total":3,"proposed":1,"commenced":1,"completed":1,"overdue":1,"commencedPct":66.7,"completedPct":33.3}],
            "kinds":[{"kind":"task","total":3,"proposed":1,"commenced":1,"completed":1,"overdue":1,"commencedPct":66.7,"completedPct":33.3}]}
            """;
        Assert.Equal(Expected.ReplaceLineEndings(string.Empty), text);
        var back = JsonSerializer.Deserialize<ProgressReport>(text, CatalogueJson.Options)!;
        Assert.Equal(report.Overall, back.Overall);
        Assert.Equal(report.Programmes, back.Programmes);
        Assert.Equal(report.Agencies, back.Agencies);
        Assert.Equal(report.Districts, back.Districts);
        Assert.Equal(report.Kinds, back.Kinds);
    }
}
