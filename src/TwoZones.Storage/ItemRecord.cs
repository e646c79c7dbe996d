using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Storage;

/// <summary>A task or measure as the API shows it: catalogue fields, current status, and bookkeeping.</summary>
/// <param name="Item">Catalogue fields with the current status and its dates.</param>
/// <param name="Version">Opaque, header-safe version of the stored state (changes on every write); use it for <c>ETag</c>/<c>If-Match</c>.</param>
/// <param name="UpdatedAt">When the state was last written by a transition or the import.</param>
/// <param name="UpdatedBy">Who wrote it (actor id, or the import actor).</param>
/// <param name="Overdue">The overdue flag the trackers maintain (also refreshed by each transition).</param>
/// <param name="LastEffectiveDate">Effective date of the latest transition; <see langword="null"/> when there is none.</param>
/// <param name="HistoryLength">Number of history entries (the seq of the latest one).</param>
public sealed record ItemRecord(
    CatalogueItem Item,
    string Version,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    bool Overdue,
    DateOnly? LastEffectiveDate,
    int HistoryLength)
{
    /// <summary>The item id.</summary>
    public string Id => Item.Id;

    /// <summary>Task or measure.</summary>
    public ItemKind Kind => Item.Kind;

    /// <summary>The current status.</summary>
    public ItemStatus Status => Item.Status;
}
