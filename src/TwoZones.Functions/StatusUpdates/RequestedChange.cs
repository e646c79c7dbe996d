using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.StatusUpdates;

/// <summary>One well-formed row of a status-update sheet.</summary>
/// <param name="Row">The row number as the spreadsheet program shows it.</param>
/// <param name="Kind">Task or measure, from the id's form.</param>
/// <param name="Id">The item id.</param>
/// <param name="Change">The change asked for.</param>
public sealed record RequestedChange(int Row, ItemKind Kind, string Id, TransitionRequest Change);
