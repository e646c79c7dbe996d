using TwoZones.Core.Digest;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Feeds;

/// <summary>The words feeds and calendars use, in English or Chinese (the statuses as the digest names them).</summary>
/// <param name="Proposed">Proposed.</param>
/// <param name="Commenced">Commenced.</param>
/// <param name="Completed">Completed.</param>
/// <param name="EffectiveDate">Label of the effective date.</param>
/// <param name="Actor">Label of who made the change.</param>
internal sealed record FeedLabels(string Proposed, string Commenced, string Completed, string EffectiveDate, string Actor)
{
    private static FeedLabels En { get; } = new("Proposed", "Commenced", "Completed", "Effective date", "By");

    private static FeedLabels Zh { get; } = new("未启动", "已启动", "已完成", "生效日期", "操作人");

    /// <summary>The labels of a language.</summary>
    public static FeedLabels For(DigestLanguage language) => language == DigestLanguage.Zh ? Zh : En;

    /// <summary>The name of a status.</summary>
    public string StatusName(ItemStatus status) => status switch
    {
        ItemStatus.Proposed => Proposed,
        ItemStatus.Commenced => Commenced,
        _ => Completed,
    };
}
