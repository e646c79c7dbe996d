namespace TwoZones.Core.Indicators;

/// <summary>An official's report of an indicator's value for a period.</summary>
/// <param name="Period">The reporting period, e.g. <c>2024-Q3</c>.</param>
/// <param name="Value">The value, cumulative for the year up to the period's end.</param>
/// <param name="Note">Free text.</param>
/// <param name="EvidenceUrl">Optional link to evidence.</param>
public sealed record ActualRequest(string Period, decimal Value, string? Note, string? EvidenceUrl);
