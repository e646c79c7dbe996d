using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Dashboard;

/// <summary>The fixed texts of the dashboard page in one language.</summary>
internal sealed record DashboardLabels(
    string HtmlLang,
    string Title,
    string Overall,
    string AsOf,
    string BeijingTime,
    string Total,
    string CommencedPct,
    string CompletedPct,
    string Programmes,
    string Programme,
    string Trend,
    string NoSnapshots,
    string TrendSummary,
    string OverdueItems,
    string NoOverdue,
    string OverdueShown,
    string Id,
    string ItemTitle,
    string LeadAgency,
    string MissedDate,
    string OtherLanguage,
    string OtherLanguageName,
    StatusWords Words)
{
    /// <summary>English texts.</summary>
    public static DashboardLabels En { get; } = new(
        HtmlLang: "en",
        Title: "Two Zones reform progress",
        Overall: "Overall progress",
        AsOf: "As of",
        BeijingTime: "Beijing time",
        Total: "Total",
        CommencedPct: "Commenced (at least)",
        CompletedPct: "Completed",
        Programmes: "Programmes",
        Programme: "Programme",
        Trend: "Trend over the last 12 weeks",
        NoSnapshots: "No snapshots yet: the trend appears once progress snapshots have been taken.",
        TrendSummary: "Snapshots: {0}, from {1} to {2}; commenced {3}% → {4}%, completed {5}% → {6}%.",
        OverdueItems: "Overdue items",
        NoOverdue: "No item is overdue.",
        OverdueShown: "Showing {0} of {1} overdue items, by lead agency.",
        Id: "ID",
        ItemTitle: "Title",
        LeadAgency: "Lead agency",
        MissedDate: "Missed date",
        OtherLanguage: "zh",
        OtherLanguageName: "中文",
        Words: StatusWords.En);

    /// <summary>Chinese texts.</summary>
    public static DashboardLabels Zh { get; } = new(
        HtmlLang: "zh-CN",
        Title: "“两区”建设任务进展",
        Overall: "总体进展",
        AsOf: "数据截至",
        BeijingTime: "北京时间",
        Total: "总数",
        CommencedPct: "启动率",
        CompletedPct: "完成率",
        Programmes: "专项方案",
        Programme: "专项",
        Trend: "近12周趋势",
        NoSnapshots: "尚无进展快照：记录快照后将在此显示趋势。",
        TrendSummary: "共{0}个快照，{1}至{2}；启动率 {3}% → {4}%，完成率 {5}% → {6}%。",
        OverdueItems: "逾期事项",
        NoOverdue: "暂无逾期事项。",
        OverdueShown: "按牵头单位列出，显示 {0} 项，共 {1} 项逾期。",
        Id: "编号",
        ItemTitle: "名称",
        LeadAgency: "牵头单位",
        MissedDate: "错过的计划日期",
        OtherLanguage: "en",
        OtherLanguageName: "English",
        Words: StatusWords.Zh);

    /// <summary>The texts of a language.</summary>
    public static DashboardLabels For(DashboardLanguage language) => language == DashboardLanguage.Zh ? Zh : En;
}
