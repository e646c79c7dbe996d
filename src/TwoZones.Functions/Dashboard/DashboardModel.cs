using TwoZones.Core.Digest;
using TwoZones.Core.Indicators;
using TwoZones.Core.Progress;
using TwoZones.Core.Seals;

namespace TwoZones.Functions.Dashboard;

/// <summary>Everything the dashboard page shows, read beforehand so that rendering is a pure function of it.</summary>
/// <param name="Progress">Current progress overall and by programme, agency and district (agency names label the overdue groups).</param>
/// <param name="Trend">Snapshots of the trend period, oldest first; empty when none has been taken yet.</param>
/// <param name="Overdue">The overdue items to list, already ordered by agency and capped.</param>
/// <param name="OverdueTotal">How many items are overdue in all (may exceed <paramref name="Overdue"/>'s count).</param>
/// <param name="Code">The API key the page was opened with in <c>?code=</c>, kept in its links; <see langword="null"/> when sent as a header.</param>
/// <param name="Indicators">Indicators with their progress against target.</param>
/// <param name="Stale">How many commenced items have had no news for <paramref name="StalePeriodDays"/>.</param>
/// <param name="StalePeriodDays">The stale period.</param>
/// <param name="AsOfDate">The past day whose figures <paramref name="Progress"/> holds (<c>?asOf=</c>); <see langword="null"/> for now.</param>
/// <param name="Today">Today in Beijing, the latest day the date picker offers.</param>
/// <param name="LatestSeal">The newest seal of the history, if any.</param>
public sealed record DashboardModel(
    ProgressReport Progress,
    IReadOnlyList<ProgressSnapshot> Trend,
    IReadOnlyList<OverdueItem> Overdue,
    int OverdueTotal,
    string? Code = null,
    IReadOnlyList<IndicatorProgress>? Indicators = null,
    int Stale = 0,
    int StalePeriodDays = StaleRule.DefaultPeriodDays,
    DateOnly? AsOfDate = null,
    DateOnly? Today = null,
    Seal? LatestSeal = null);
