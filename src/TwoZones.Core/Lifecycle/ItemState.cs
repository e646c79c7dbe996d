namespace TwoZones.Core.Lifecycle;

/// <summary>What the lifecycle rules need to know about an item's current state.</summary>
/// <param name="Id">Item id, used in messages.</param>
/// <param name="Kind">Task or measure.</param>
/// <param name="LeadAgency">Agency whose officials may change the item.</param>
/// <param name="Status">Current status.</param>
/// <param name="LastEffectiveDate">Effective date of the latest transition; <see langword="null"/> when there is none.</param>
public sealed record ItemState(string Id, ItemKind Kind, string LeadAgency, ItemStatus Status, DateOnly? LastEffectiveDate);
