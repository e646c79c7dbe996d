using System.Text.Json.Serialization;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.StatusUpdates;

/// <summary>What became of one row of a status-update sheet.</summary>
/// <param name="Row">The row number as the spreadsheet program shows it.</param>
/// <param name="Id">The item id.</param>
/// <param name="Outcome"><c>applied</c>, <c>unchanged</c> (the item already has that status) or <c>refused</c>.</param>
/// <param name="Status">The item's status after the upload (absent for an unknown item).</param>
/// <param name="Version">The item's version after the upload, for <c>If-Match</c>.</param>
/// <param name="Code">For a refused row, the HTTP status a single <c>POST .../status</c> would have answered.</param>
/// <param name="Type">For a refused row, the problem type that request would have answered.</param>
/// <param name="Reason">For a refused row, why (the problem's detail).</param>
public sealed record StatusUpdateOutcome(
    int Row,
    string Id,
    string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ItemStatus? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason)
{
    /// <summary>The row's change was applied.</summary>
    public const string Applied = "applied";

    /// <summary>The item already had the status asked for; nothing was written.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The change was not allowed; nothing was written.</summary>
    public const string Refused = "refused";
}
