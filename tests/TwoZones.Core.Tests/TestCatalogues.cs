using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Tests;

internal static class TestCatalogues
{
    public static Catalogue.Catalogue Valid() => new(
        [
            new Agency("BMCB", "Beijing Municipal Commerce Bureau", "北京市商务局"),
            new Agency("BMFB", "Beijing Municipal Finance Bureau", "北京市财政局"),
        ],
        [
            new Programme("P01", "Science and technology services", "科技服务业", "BMCB"),
            new Programme("P02", "Digital economy", "数字经济", "BMFB"),
        ],
        [
            Task("T001", ItemStatus.Proposed),
            Task("T002", ItemStatus.Commenced) with { CommencedOn = new DateOnly(2024, 3, 1), CoAgencies = ["BMFB"], District = "CY" },
            Task("T003", ItemStatus.Completed) with { CommencedOn = new DateOnly(2024, 3, 1), CompletedOn = new DateOnly(2024, 9, 30) },
        ],
        [
            new CatalogueItem
            {
                Id = "P02-M001",
                Kind = ItemKind.Measure,
                Programme = "P02",
                TitleEn = "Cross-border data \"pilot\" <fast track>",
                TitleZh = "数据跨境试点",
                LeadAgency = "BMFB",
                Tasks = ["T001", "T002"],
                PlannedCommencement = new DateOnly(2024, 1, 1),
            },
        ]);

    public static CatalogueItem Task(string id, ItemStatus status) => new()
    {
        Id = id,
        Kind = ItemKind.Task,
        Programme = "P01",
        TitleEn = $"Task {id}",
        TitleZh = $"任务{id}",
        LeadAgency = "BMCB",
        PlannedCommencement = new DateOnly(2023, 3, 1),
        PlannedCompletion = new DateOnly(2024, 12, 31),
        Status = status,
    };
}
