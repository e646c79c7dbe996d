using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Dashboard.Tests;

/// <summary>The catalogue the browser tests import.</summary>
public static class DashboardCatalogue
{
    /// <summary>A title that would run script if the page did not encode it.</summary>
    public const string HostileTitle = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">Hostile & title";

    public static readonly Agency[] Agencies =
    [
        new("BMCB", "Beijing Municipal Commerce Bureau", "北京市商务局"),
        new("BMSTC", "Beijing Municipal Science & Technology Commission", "北京市科学技术委员会"),
    ];

    public static Programme[] Programmes() =>
        [.. Enumerable.Range(1, 10).Select(i => new Programme($"P{i:00}", $"Programme {i}", $"专项方案 {i}", i % 2 == 1 ? "BMCB" : "BMSTC"))];

    /// <summary>
    /// 20 tasks, two per programme. T001–T004 are Proposed with a start planned in 2020 (overdue); T003 carries <see cref="HostileTitle"/>.
    /// T005–T010 are Commenced, T011–T014 Completed, the rest Proposed and not due until 2099.
    /// </summary>
    public static Catalogue Create()
    {
        var tasks = Enumerable.Range(1, 20).Select(i =>
        {
            var status = i switch { <= 4 => ItemStatus.Proposed, <= 10 => ItemStatus.Commenced, <= 14 => ItemStatus.Completed, _ => ItemStatus.Proposed };
            return new CatalogueItem
            {
                Id = $"T{i:000}",
                Kind = ItemKind.Task,
                Programme = $"P{((i - 1) / 2) + 1:00}",
                TitleEn = i == 3 ? HostileTitle : $"Reform task {i}",
                TitleZh = i == 3 ? HostileTitle : $"改革任务 {i}",
                LeadAgency = i % 2 == 1 ? "BMCB" : "BMSTC",
                PlannedCommencement = i <= 4 ? new DateOnly(2020, 1, 1) : i <= 14 ? new DateOnly(2024, 1, 1) : new DateOnly(2099, 1, 1),
                PlannedCompletion = new DateOnly(2099, 12, 31),
                Status = status,
                CommencedOn = status == ItemStatus.Proposed ? null : new DateOnly(2024, 1, 10),
                CompletedOn = status == ItemStatus.Completed ? new DateOnly(2024, 6, 1) : null,
            };
        }).ToList();
        return new Catalogue(Agencies, Programmes(), tasks, []);
    }
}
