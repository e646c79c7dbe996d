namespace TwoZones.Core.Lifecycle;

/// <summary>
/// The words for the lifecycle stages and the overdue flag in one language, as every page, digest and report shows them,
/// so the Chinese and English terms are the same wherever a reader meets them.
/// </summary>
/// <param name="Proposed">Not yet started.</param>
/// <param name="Commenced">Started.</param>
/// <param name="Completed">Done.</param>
/// <param name="Overdue">Past its planned date.</param>
public sealed record StatusWords(string Proposed, string Commenced, string Completed, string Overdue)
{
    /// <summary>English.</summary>
    public static StatusWords En { get; } = new("Proposed", "Commenced", "Completed", "Overdue");

    /// <summary>Chinese.</summary>
    public static StatusWords Zh { get; } = new("未启动", "已启动", "已完成", "逾期");

    /// <summary>The word for a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>One of <see cref="Proposed"/>, <see cref="Commenced"/> or <see cref="Completed"/>.</returns>
    public string Of(ItemStatus status) => status switch
    {
        ItemStatus.Proposed => Proposed,
        ItemStatus.Commenced => Commenced,
        _ => Completed,
    };
}
