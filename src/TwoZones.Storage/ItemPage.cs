namespace TwoZones.Storage;

/// <summary>One page of a listing.</summary>
/// <param name="Items">The items of this page, ordered by id.</param>
/// <param name="ContinuationToken">Opaque token for the next page; <see langword="null"/> on the last page.</param>
public sealed record ItemPage(IReadOnlyList<ItemRecord> Items, string? ContinuationToken);
