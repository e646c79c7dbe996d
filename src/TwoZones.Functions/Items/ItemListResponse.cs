namespace TwoZones.Functions.Items;

/// <summary>One page of <c>GET /api/tasks</c> or <c>/api/measures</c>.</summary>
/// <param name="Items">The page's items, ordered by id.</param>
/// <param name="ContinuationToken">Pass it back as <c>?continuationToken=</c> for the next page; <see langword="null"/> on the last.</param>
internal sealed record ItemListResponse(IReadOnlyList<ItemResponse> Items, string? ContinuationToken);
