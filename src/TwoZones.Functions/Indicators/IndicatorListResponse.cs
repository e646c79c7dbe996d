namespace TwoZones.Functions.Indicators;

/// <summary>The indicators as <c>GET /api/indicators</c> lists them.</summary>
/// <param name="Items">Each indicator with its progress and periods.</param>
internal sealed record IndicatorListResponse(IReadOnlyList<IndicatorResponse> Items);
