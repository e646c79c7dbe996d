using TwoZones.Core.Catalogue;

namespace TwoZones.Core.Progress;

/// <summary>The few fields of an item that progress needs; storage can project them cheaply.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Kind">Task or measure.</param>
/// <param name="Programme">Programme id.</param>
/// <param name="LeadAgency">Lead agency id.</param>
/// <param name="District">District, if the item is local to one.</param>
/// <param name="Status">Current status.</param>
/// <param name="PlannedCommencement">Planned start, if any.</param>
/// <param name="PlannedCompletion">Planned end, if any.</param>
/// <param name="LastActivity">Effective date of the latest history entry (see <see cref="StaleRule"/>), if known.</param>
public sealed record ItemSnapshot(
    string Id,
    ItemKind Kind,
    string Programme,
    string LeadAgency,
    string? District,
    ItemStatus Status,
    DateOnly? PlannedCommencement,
    DateOnly? PlannedCompletion,
    DateOnly? LastActivity = null)
{
    /// <summary>Projects a catalogue item.</summary>
    /// <param name="item">The item.</param>
    /// <returns>Its snapshot.</returns>
    public static ItemSnapshot From(CatalogueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.Kind, item.Programme, item.LeadAgency, item.District, item.Status, item.PlannedCommencement, item.PlannedCompletion);
    }
}
