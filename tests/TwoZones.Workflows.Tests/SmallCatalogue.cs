using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Workflows.Tests;

/// <summary>A few items in two programmes: enough for a digest, quick to seed.</summary>
internal static class SmallCatalogue
{
    public static Catalogue Create()
    {
        var agencies = new List<Agency> { new("BMCB", "Beijing Municipal Commerce Bureau", "北京市商务局"), new("BJC", "Beijing Customs", "北京海关") };
        var programmes = new List<Programme> { new("P01", "Science and technology", "科技创新", "BMCB"), new("P02", "Digital economy", "数字经济", "BJC") };
        var tasks = new List<CatalogueItem>
        {
            Item("T001", ItemKind.Task, "P01", "BMCB", ItemStatus.Proposed, new(2024, 1, 1), new(2030, 1, 1)),
            Item("T002", ItemKind.Task, "P01", "BMCB", ItemStatus.Commenced, new(2024, 1, 1), new(2025, 1, 1), commencedOn: new(2024, 2, 1)),
            Item("T003", ItemKind.Task, "P02", "BJC", ItemStatus.Completed, new(2023, 1, 1), new(2024, 1, 1), commencedOn: new(2023, 1, 1), completedOn: new(2024, 1, 1)),
            Item("T004", ItemKind.Task, "P02", "BJC", ItemStatus.Proposed, new(2031, 1, 1), new(2032, 1, 1)),
        };
        var measures = new List<CatalogueItem>
        {
            Item("P01-M001", ItemKind.Measure, "P01", "BMCB", ItemStatus.Commenced, new(2024, 1, 1), new(2031, 1, 1), commencedOn: new(2024, 3, 1)),
            Item("P02-M001", ItemKind.Measure, "P02", "BJC", ItemStatus.Proposed, new(2025, 6, 1), new(2031, 1, 1)),
        };
        return new Catalogue(agencies, programmes, tasks, measures);
    }

    private static CatalogueItem Item(
        string id, ItemKind kind, string programme, string agency, ItemStatus status, DateOnly plannedStart, DateOnly plannedEnd,
        DateOnly? commencedOn = null, DateOnly? completedOn = null) => new()
        {
            Id = id,
            Kind = kind,
            Programme = programme,
            TitleEn = "Item " + id,
            TitleZh = "事项" + id,
            LeadAgency = agency,
            PlannedCommencement = plannedStart,
            PlannedCompletion = plannedEnd,
            Status = status,
            CommencedOn = commencedOn,
            CompletedOn = completedOn,
        };
}
