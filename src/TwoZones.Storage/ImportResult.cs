namespace TwoZones.Storage;

/// <summary>Counts of an import.</summary>
/// <param name="Created">Items that did not exist and were created.</param>
/// <param name="Unchanged">Items that already existed and were left untouched.</param>
public sealed record ImportResult(int Created, int Unchanged);
