using System.Globalization;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Tests.Infrastructure;

/// <summary>Catalogues built in code for the tests.</summary>
public static class TestCatalogues
{
    public static readonly Agency[] Agencies =
    [
        new("BMCB", "Beijing Municipal Commerce Bureau", "北京市商务局"),
        new("BMSTC", "Beijing Municipal Science & Technology Commission", "北京市科学技术委员会"),
        new("BMHC", "Beijing Municipal Health Commission", "北京市卫生健康委员会"),
    ];

    public static Programme[] Programmes() =>
        [.. Enumerable.Range(1, 10).Select(i => new Programme($"P{i:00}", $"Programme {i}", $"专项 {i}", i % 2 == 1 ? "BMCB" : "BMSTC"))];

    /// <summary>
    /// 30 tasks and 5 measures. T001–T015 are led by BMCB, T016–T030 by BMSTC; T001–T010 are in P01 (planned to start in 2020, so overdue
    /// while Proposed), T011–T020 in P02, T021–T030 in P03. T005 is Commenced, T006 Completed; everything else Proposed.
    /// Measures P01-M001…P01-M005 are led by BMCB.
    /// </summary>
    public static Catalogue Small()
    {
        var tasks = Enumerable.Range(1, 30).Select(i => Item(
            $"T{i:000}",
            ItemKind.Task,
            i <= 10 ? "P01" : i <= 20 ? "P02" : "P03",
            i <= 15 ? "BMCB" : "BMSTC",
            i switch { 5 => ItemStatus.Commenced, 6 => ItemStatus.Completed, _ => ItemStatus.Proposed },
            i <= 10 ? new DateOnly(2020, 1, 1) : new DateOnly(2099, 1, 1),
            district: i % 3 == 0 ? "Chaoyang" : null)).ToList();
        var measures = Enumerable.Range(1, 5).Select(i => Item($"P01-M{i:000}", ItemKind.Measure, "P01", "BMCB", ItemStatus.Proposed, new DateOnly(2099, 1, 1)) with
        {
            Tasks = ["T001"],
        }).ToList();
        return new Catalogue(Agencies, Programmes(), tasks, measures);
    }

    /// <summary>251 tasks, the first 246 Commenced and the last 5 Proposed.</summary>
    public static Catalogue Commenced246Of251() =>
        new(
            Agencies,
            Programmes(),
            [.. Enumerable.Range(1, 251).Select(i => Item($"T{i:000}", ItemKind.Task, $"P{((i - 1) % 10) + 1:00}", "BMCB", i <= 246 ? ItemStatus.Commenced : ItemStatus.Proposed, new DateOnly(2023, 3, 1)))],
            []);

    /// <summary>A catalogue with several independent errors, using ids no other catalogue uses (T901…).</summary>
    public static Catalogue Faulty() =>
        new(
            Agencies,
            Programmes(),
            [
                Item("T901", ItemKind.Task, "P01", "BMCB", ItemStatus.Proposed, new DateOnly(2024, 1, 1)),
                Item("T902", ItemKind.Task, "P01", "NOPE", ItemStatus.Proposed, new DateOnly(2024, 1, 1)),
                Item("T903", ItemKind.Task, "P77", "BMCB", ItemStatus.Proposed, new DateOnly(2024, 1, 1)),
                Item("T904", ItemKind.Task, "P01", "BMCB", ItemStatus.Completed, new DateOnly(2024, 1, 1)) with { CommencedOn = null, CompletedOn = null },
                Item("T905", ItemKind.Task, "P01", "BMCB", ItemStatus.Proposed, new DateOnly(2024, 1, 1)) with { PlannedCompletion = new DateOnly(2023, 1, 1) },
                Item("T905", ItemKind.Task, "P01", "BMCB", ItemStatus.Proposed, new DateOnly(2024, 1, 1)),
            ],
            []);

    public static CatalogueItem Item(string id, ItemKind kind, string programme, string lead, ItemStatus status, DateOnly plannedStart, string? district = null) =>
        new()
        {
            Id = id,
            Kind = kind,
            Programme = programme,
            TitleEn = $"Reform item {id}",
            TitleZh = $"改革事项 {id}",
            LeadAgency = lead,
            District = district,
            PlannedCommencement = plannedStart,
            PlannedCompletion = new DateOnly(2099, 12, 31),
            Status = status,
            CommencedOn = status == ItemStatus.Proposed ? null : new DateOnly(2024, 1, 10),
            CompletedOn = status == ItemStatus.Completed ? new DateOnly(2024, 6, 1) : null,
        };

    public static string Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
