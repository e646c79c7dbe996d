namespace TwoZones.Core.Catalogue;

/// <summary>The whole catalogue: agencies, programmes, tasks and measures, as imported.</summary>
/// <param name="Agencies">Agencies referenced by programmes and items.</param>
/// <param name="Programmes">The special reform programmes.</param>
/// <param name="Tasks">The State Council tasks.</param>
/// <param name="Measures">The programmes' specific measures.</param>
public sealed record Catalogue(
    IReadOnlyList<Agency> Agencies,
    IReadOnlyList<Programme> Programmes,
    IReadOnlyList<CatalogueItem> Tasks,
    IReadOnlyList<CatalogueItem> Measures)
{
    /// <summary>Tasks then measures.</summary>
    public IEnumerable<CatalogueItem> Items => Tasks.Concat(Measures);
}
