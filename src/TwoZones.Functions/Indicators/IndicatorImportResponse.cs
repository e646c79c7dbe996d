namespace TwoZones.Functions.Indicators;

/// <summary>What an indicator import did.</summary>
/// <param name="Created">Indicators the file added.</param>
/// <param name="Unchanged">Indicators of the file that existed already (never changed by an import).</param>
internal sealed record IndicatorImportResponse(int Created, int Unchanged);
