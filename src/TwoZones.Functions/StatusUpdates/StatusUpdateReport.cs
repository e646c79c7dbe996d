namespace TwoZones.Functions.StatusUpdates;

/// <summary>The answer to a status-update sheet: counts, then every row's outcome in sheet order.</summary>
/// <param name="Applied">Rows applied.</param>
/// <param name="Unchanged">Rows whose item already had the status.</param>
/// <param name="Refused">Rows refused.</param>
/// <param name="Rows">Each row's outcome.</param>
public sealed record StatusUpdateReport(int Applied, int Unchanged, int Refused, IReadOnlyList<StatusUpdateOutcome> Rows);
