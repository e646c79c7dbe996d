using System.Globalization;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Bench.Api;

/// <summary>
/// Catalogues built in code: the sample file extended with Proposed measures (valid for <see cref="CatalogueValidator"/>, which allows at most
/// 999 measures per programme, so at most 10,241 items with the sample's 751), and items with ids outside the import format for sizes
/// beyond what a valid catalogue can hold.
/// </summary>
public static class GeneratedCatalogue
{
    public const int MaxValidMeasuresPerProgramme = 999;

    /// <summary>The most items a valid catalogue built on <paramref name="sample"/> can hold.</summary>
    public static int MaxValidItems(Catalogue sample) => sample.Tasks.Count + (MaxValidMeasuresPerProgramme * sample.Programmes.Count);

    /// <summary>The sample plus Proposed measures (ids after each programme's last) until <paramref name="total"/> items.</summary>
    public static (Catalogue Catalogue, IReadOnlyList<CatalogueItem> Added) Extend(Catalogue sample, int total)
    {
        var added = new List<CatalogueItem>();
        var next = sample.Programmes.ToDictionary(
            p => p.Id,
            p => sample.Measures.Where(m => m.Programme == p.Id).Select(m => int.Parse(m.Id[(m.Id.IndexOf('M') + 1)..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1);
        var agencies = sample.Agencies.Select(a => a.Id).ToArray();
        var taskIds = sample.Tasks.Select(t => t.Id).ToArray();
        var needed = total - sample.Tasks.Count - sample.Measures.Count;
        for (var i = 0; added.Count < needed; i++)
        {
            var programme = sample.Programmes[i % sample.Programmes.Count].Id;
            if (next.Values.All(n => n > MaxValidMeasuresPerProgramme))
            {
                throw new ArgumentOutOfRangeException(nameof(total), $"A valid catalogue holds at most {sample.Tasks.Count + (MaxValidMeasuresPerProgramme * sample.Programmes.Count)} items here.");
            }

            if (next[programme] > MaxValidMeasuresPerProgramme)
            {
                continue;
            }

            var id = $"{programme}-M{next[programme]++:000}";
            added.Add(Proposed(id, ItemKind.Measure, programme, agencies[i % agencies.Length]) with { Tasks = [taskIds[i % taskIds.Length]] });
        }

        return (sample with { Measures = [.. sample.Measures, .. added] }, added);
    }

    /// <summary>Proposed measures with ids the import format does not allow (<c>P01-B000001</c>), for direct writes to storage.</summary>
    public static IReadOnlyList<CatalogueItem> Bulk(int count, IReadOnlyList<Programme> programmes, IReadOnlyList<Agency> agencies) =>
        [.. Enumerable.Range(1, count).Select(i =>
        {
            var programme = programmes[i % programmes.Count].Id;
            return Proposed($"{programme}-B{i:000000}", ItemKind.Measure, programme, agencies[i % agencies.Count].Id);
        })];

    private static CatalogueItem Proposed(string id, ItemKind kind, string programme, string lead) => new()
    {
        Id = id,
        Kind = kind,
        Programme = programme,
        TitleEn = $"Benchmark reform measure {id}",
        TitleZh = $"基准改革措施 {id}",
        LeadAgency = lead,
        PlannedCommencement = new DateOnly(2026, 1, 1),
        PlannedCompletion = new DateOnly(2028, 12, 31),
        Status = ItemStatus.Proposed,
    };
}
