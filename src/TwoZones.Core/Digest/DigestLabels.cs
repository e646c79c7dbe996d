using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Digest;

/// <summary>The fixed wording of a rendered digest in one language.</summary>
internal sealed record DigestLabels(
    string Title,
    string Week,
    string GeneratedAt,
    string Totals,
    string Total,
    string CommencedPct,
    string CompletedPct,
    string ChangeSince,
    string NoPrevious,
    string Moved,
    string NoneMoved,
    string OverdueByAgency,
    string NoneOverdue,
    string Programmes,
    string Programme,
    string Item,
    string ItemTitle,
    string Transition,
    string EffectiveDate,
    string Actor,
    string MissedDate,
    string Status,
    string Change,
    StatusWords Words)
{
    public static DigestLabels For(DigestLanguage language) => language == DigestLanguage.Zh ? Zh : En;

    private static DigestLabels En { get; } = new(
        "Two Zones weekly progress digest", "Week", "Generated at", "Totals", "Total",
        "Commenced %", "Completed %", "Change since", "No previous snapshot to compare with.", "Moved this week",
        "No item moved this week.", "Overdue items by agency", "No overdue items.", "Programmes", "Programme", "Item", "Title",
        "Transition", "Effective date", "By", "Planned date missed", "Status", "Change of commenced % / completed % (pts)", StatusWords.En);

    private static DigestLabels Zh { get; } = new(
        "“两区”建设进展周报", "周次", "生成时间", "总体情况", "总数",
        "启动率 %", "完成率 %", "较上次", "暂无可比较的上期数据。", "本周状态变化",
        "本周无状态变化。", "各单位逾期事项", "无逾期事项。", "各专项方案", "专项方案", "事项", "名称",
        "状态变化", "生效日期", "操作人", "逾期的计划日期", "状态", "启动率/完成率变化（百分点）", StatusWords.Zh);
}
