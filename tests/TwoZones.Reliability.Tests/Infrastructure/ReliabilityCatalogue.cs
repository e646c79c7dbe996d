using System.Text.Json;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>
/// Catalogue files in the import format of the HTTP contract, built here so the suite needs nothing of the app's code.
/// Tasks T001… alternate between BMCB (odd) and BMSTC (even); measures Pnn-M001… are led by the programme's agency.
/// Half the items were planned to start in 2020 (so trackers mark them overdue while Proposed), half in 2099.
/// </summary>
public static class ReliabilityCatalogue
{
    /// <summary>The agencies every catalogue here lists.</summary>
    public static readonly string[] Agencies = ["BMCB", "BMSTC", "BMHC"];

    /// <summary>A catalogue of <paramref name="tasks"/> tasks and <paramref name="measuresPerProgramme"/> measures in each of the 10 programmes.</summary>
    public static string Json(int tasks, int measuresPerProgramme)
    {
        var agencies = Agencies.Select(a => new { id = a, nameEn = $"Agency {a}", nameZh = $"机构 {a}" });
        var programmes = Enumerable.Range(1, 10).Select(p => new { id = $"P{p:00}", nameEn = $"Programme {p}", nameZh = $"专项 {p}", leadAgency = p % 2 == 1 ? "BMCB" : "BMSTC" });
        var taskRows = Enumerable.Range(1, tasks).Select(i => Item($"T{i:000}", $"P{((i - 1) % 10) + 1:00}", i % 2 == 1 ? "BMCB" : "BMSTC", i, null));
        var measureRows = Enumerable.Range(1, 10).SelectMany(p => Enumerable.Range(1, measuresPerProgramme).Select(m =>
            Item($"P{p:00}-M{m:000}", $"P{p:00}", p % 2 == 1 ? "BMCB" : "BMSTC", m, tasks > 0 ? ["T001"] : [])));
        return JsonSerializer.Serialize(new { agencies, programmes, tasks = taskRows, measures = measureRows });
    }

    /// <summary>Every item id of <see cref="Json"/> with the same arguments, tasks first, with its kind's path segment.</summary>
    public static IReadOnlyList<ItemRef> Items(int tasks, int measuresPerProgramme) =>
    [
        .. Enumerable.Range(1, tasks).Select(i => new ItemRef("tasks", $"T{i:000}", i % 2 == 1 ? "BMCB" : "BMSTC")),
        .. Enumerable.Range(1, 10).SelectMany(p => Enumerable.Range(1, measuresPerProgramme).Select(m => new ItemRef("measures", $"P{p:00}-M{m:000}", p % 2 == 1 ? "BMCB" : "BMSTC"))),
    ];

    private static Dictionary<string, object?> Item(string id, string programme, string agency, int index, string[]? linkedTasks)
    {
        var item = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["programme"] = programme,
            ["titleEn"] = $"Item {id}",
            ["titleZh"] = $"事项 {id}",
            ["leadAgency"] = agency,
            ["coAgencies"] = Array.Empty<string>(),
            ["district"] = index % 3 == 0 ? "Chaoyang" : null,
            ["plannedCommencement"] = index % 2 == 0 ? "2020-01-01" : "2099-01-01",
            ["plannedCompletion"] = index % 2 == 0 ? "2021-12-31" : "2099-12-31",
        };
        if (linkedTasks is not null)
        {
            item["tasks"] = linkedTasks;
        }

        return item;
    }
}
