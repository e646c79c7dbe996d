using TwoZones.Core.Catalogue;
using TwoZones.Core.Indicators;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Tests;

public sealed class IndicatorTests
{
    private static readonly DateTimeOffset Now = new(2024, 7, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Commerce = new("bmcb-1", "Commerce", Role.Official, "BMCB");

    private static readonly Indicator Added = new("2024-ADDED", 2024, "Added", "新增", IndicatorUnit.Count, 800, "BMCB");
    private static readonly Indicator Landed = new("2024-LANDED", 2024, "Landed", "落地", IndicatorUnit.Count, 550, "BMCB");
    private static readonly Indicator Rate = new("2024-RATE", 2024, "Rate", "落地率", IndicatorUnit.Percent, null, "BMCB", "2024-LANDED", "2024-ADDED");

    [Theory]
    [InlineData("2024", "2024-01-01", "2024-12-31")]
    [InlineData("2024-H2", "2024-07-01", "2024-12-31")]
    [InlineData("2024-Q1", "2024-01-01", "2024-03-31")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    public void A_period_spans_its_days(string text, string start, string end)
    {
        Assert.True(ReportingPeriod.TryParse(text, out var period));
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
    }

    [Theory]
    [InlineData("")]
    [InlineData("24")]
    [InlineData("2024-Q5")]
    [InlineData("2024-13")]
    [InlineData("2024-H3")]
    [InlineData("2024-1")]
    [InlineData("2024/06")]
    [InlineData("２０２４")]
    public void Anything_else_is_not_a_period(string text) => Assert.False(ReportingPeriod.TryParse(text, out _));

    [Fact]
    public void The_latest_actual_is_the_period_ending_last_and_a_later_report_of_a_period_corrects_it()
    {
        var values = new IndicatorValues(Added, new Dictionary<string, PeriodValue>
        {
            ["2024-Q1"] = new(100, 1),
            ["2024-06"] = new(300, 4),
            ["2024-H1"] = new(320, 3),
        });
        var progress = Assert.Single(IndicatorCalculator.Compute([values]));
        Assert.Equal(300m, progress.Actual);
        Assert.Equal("2024-06", progress.ActualPeriod);
        Assert.Equal(37.5, progress.ProgressPct);
        Assert.False(progress.Met);
    }

    [Fact]
    public void A_derived_rate_divides_the_latest_common_period_and_takes_the_ratio_of_targets_when_it_has_none()
    {
        var added = new IndicatorValues(Added, new Dictionary<string, PeriodValue> { ["2024-Q1"] = new(200, 1), ["2024-Q2"] = new(480, 2), ["2024-Q3"] = new(700, 4) });
        var landed = new IndicatorValues(Landed, new Dictionary<string, PeriodValue> { ["2024-Q1"] = new(100, 1), ["2024-Q2"] = new(300, 3) });
        var progress = IndicatorCalculator.Compute([added, landed, new IndicatorValues(Rate, new Dictionary<string, PeriodValue>())]);
        var rate = progress[2];
        Assert.True(rate.Derived);
        Assert.Equal("2024-Q2", rate.ActualPeriod);
        Assert.Equal(62.5m, rate.Actual);
        Assert.Equal(68.8m, rate.Target);
        Assert.Equal(90.8, rate.ProgressPct);
        Assert.Equal(700m, progress[0].Actual);
    }

    [Fact]
    public void A_derived_rate_without_a_common_period_or_a_figure_without_a_target_shows_no_progress()
    {
        var added = new IndicatorValues(Added, new Dictionary<string, PeriodValue> { ["2024-Q1"] = new(200, 1) });
        var landed = new IndicatorValues(Landed with { Target = null }, new Dictionary<string, PeriodValue> { ["2024-Q2"] = new(100, 2) });
        var progress = IndicatorCalculator.Compute([added, landed, new IndicatorValues(Rate, new Dictionary<string, PeriodValue>())]);
        Assert.Null(progress[2].Actual);
        Assert.Null(progress[2].Target);
        Assert.Null(progress[1].ProgressPct);
        Assert.Null(progress[1].Met);
        Assert.Equal(100m, progress[1].Actual);
    }

    [Fact]
    public void Officials_report_for_their_own_agency_coordinators_for_any_and_viewers_never()
    {
        var request = new ActualRequest("2024-Q2", 10, null, null);
        Assert.True(IndicatorRules.Evaluate(Added, Commerce, request, Now).IsAllowed);
        Assert.True(IndicatorRules.Evaluate(Added, new Actor("c", "C", Role.Coordinator, null), request, Now).IsAllowed);
        Assert.Equal(TransitionOutcome.Forbidden, IndicatorRules.Evaluate(Added, Commerce with { Agency = "BMSTC" }, request, Now).Outcome);
        Assert.Equal(TransitionOutcome.Forbidden, IndicatorRules.Evaluate(Added, Commerce with { Role = Role.Viewer }, request, Now).Outcome);
    }

    [Theory]
    [InlineData("2024-RATE", "2024", "50")]
    [InlineData("2024-ADDED", "2023", "10")]
    [InlineData("2024-ADDED", "2024-Q4", "10")]
    [InlineData("2024-ADDED", "2024-Q2", "-1")]
    [InlineData("2024-ADDED", "2024-Q2", "1.5")]
    [InlineData("2024-PCT", "2024-Q2", "100.1")]
    [InlineData("2024-ADDED", "Q2", "1")]
    public void A_report_outside_the_rules_is_invalid(string id, string period, string value)
    {
        var indicator = id switch
        {
            "2024-RATE" => Rate,
            "2024-PCT" => Added with { Unit = IndicatorUnit.Percent },
            _ => Added,
        };
        var decision = IndicatorRules.Evaluate(indicator, Commerce, new ActualRequest(period, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), null, null), Now);
        Assert.Equal(TransitionOutcome.Invalid, decision.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(decision.Message));
    }

    [Fact]
    public void The_history_chain_catches_an_edited_value_and_a_removed_entry()
    {
        var first = IndicatorChain.Append("2024-ADDED", 0, History.HistoryChain.GenesisHash, new ActualRequest("2024-Q1", 200, "q1", null), Now, "bmcb-1");
        var second = IndicatorChain.Append("2024-ADDED", first.Seq, first.Hash, new ActualRequest("2024-Q2", 480.50m, null, "https://example.org/q2"), Now.AddDays(1), "bmcb-1");
        Assert.True(IndicatorChain.Verify("2024-ADDED", [first, second], second.Hash).IsValid);

        var edited = IndicatorChain.Verify("2024-ADDED", [first with { Value = 2000 }, second], second.Hash);
        Assert.False(edited.IsValid);
        Assert.Equal(1, edited.FirstBrokenSeq);
        Assert.False(IndicatorChain.Verify("2024-ADDED", [first], second.Hash).IsValid);
        Assert.False(IndicatorChain.Verify("2024-OTHER", [first, second], second.Hash).IsValid);

        // The stored text of a value carries no trailing zeros, so it hashes the same however it was written.
        Assert.Equal("480.5", IndicatorChain.FormatValue(480.50m));
        Assert.Equal(IndicatorChain.ComputeHash("2024-ADDED", second), IndicatorChain.ComputeHash("2024-ADDED", second with { Value = 480.5000m }));
    }

    [Fact]
    public void A_file_is_checked_whole()
    {
        var imports = new List<IndicatorImport>
        {
            new(Added, [new ActualRequest("2024-Q1", 10, null, null)]),
            new(Added, []),
            new(Rate with { Denominator = "2024-NOWHERE" }, []),
            new(Landed with { Year = 1999, NameEn = " ", LeadAgency = "not an agency!" }, [new ActualRequest("2025", 1, null, null)]),
            new(Rate with { Id = "2024-RATE-2", Unit = IndicatorUnit.Count }, [new ActualRequest("2024", 1, null, null)]),
        };
        var errors = IndicatorValidator.Validate(imports, [Landed], Now, 90);
        var fields = errors.Select(e => $"{e.ItemId}.{e.Field}").ToList();
        Assert.Contains("2024-ADDED.id", fields);
        Assert.Contains("2024-RATE.denominator", fields);
        Assert.Contains("2024-LANDED.year", fields);
        Assert.Contains("2024-LANDED.nameEn", fields);
        Assert.Contains("2024-LANDED.leadAgency", fields);
        Assert.Contains("2024-LANDED.actuals[0]", fields);
        Assert.Contains("2024-RATE-2.unit", fields);
        Assert.Contains("2024-RATE-2.actuals", fields);
        Assert.Empty(IndicatorValidator.Validate([new(Added, []), new(Rate, [])], [Landed], Now, 90));
    }

    [Fact]
    public void A_commenced_item_is_stale_once_the_period_has_passed_since_its_latest_entry()
    {
        var today = new DateOnly(2026, 12, 1);
        Assert.False(StaleRule.IsStale(ItemStatus.Commenced, today.AddDays(-89), today, 90));
        Assert.True(StaleRule.IsStale(ItemStatus.Commenced, today.AddDays(-90), today, 90));
        Assert.False(StaleRule.IsStale(ItemStatus.Completed, today.AddDays(-400), today, 90));
        Assert.False(StaleRule.IsStale(ItemStatus.Proposed, today.AddDays(-400), today, 90));
        Assert.False(StaleRule.IsStale(ItemStatus.Commenced, null, today, 90));
        Assert.True(StaleRule.IsStale(ItemStatus.Commenced, today.AddDays(-7), today, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => StaleRule.Cutoff(today, 0));
    }
}
