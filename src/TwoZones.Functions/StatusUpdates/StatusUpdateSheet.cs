using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Items;
using TwoZones.Functions.Spreadsheets;

namespace TwoZones.Functions.StatusUpdates;

/// <summary>
/// Reads a status-update sheet: columns <c>id</c> and <c>status</c>, optionally <c>effectiveDate</c>, <c>note</c> and <c>evidenceUrl</c>
/// (other columns, such as those of an export, are ignored). Each row is checked as the body of a single status change is.
/// </summary>
public static class StatusUpdateSheet
{
    /// <summary>The columns a status update reads.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "status", "effectiveDate", "note", "evidenceUrl"];

    /// <summary>The changes of the sheet.</summary>
    /// <param name="table">The sheet.</param>
    /// <param name="today">Today in Asia/Shanghai, the default effective date.</param>
    /// <param name="errors">Receives every problem, by row and column.</param>
    /// <returns>The rows' changes (complete only when <paramref name="errors"/> stays empty).</returns>
    public static IReadOnlyList<RequestedChange> Read(SheetTable table, DateOnly today, SheetErrors errors)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(errors);
        if (!table.CheckHeader(errors, "id", "status"))
        {
            return [];
        }

        int C(string name) => table.Column(name);
        var changes = new List<RequestedChange>(table.Rows.Count);
        var rowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var fieldErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var id = row.Trimmed(C("id"));
            ItemKind? kind = id is null ? null
                : CatalogueIds.IsItemId(ItemKind.Task, id) ? ItemKind.Task
                : CatalogueIds.IsItemId(ItemKind.Measure, id) ? ItemKind.Measure
                : null;
            if (id is null)
            {
                fieldErrors["id"] = ["The id is empty."];
            }
            else if (kind is null)
            {
                fieldErrors["id"] = [$"'{id}' is neither a task id (T001) nor a measure id (P01-M001)."];
            }
            else if (rowOfId.TryGetValue(id, out var earlier))
            {
                // One change per item and upload: the order of two rows would otherwise decide the outcome.
                fieldErrors["id"] = [$"{id} is already in row {earlier}; put one change per item in a sheet."];
            }
            else
            {
                rowOfId[id] = row.Number;
            }

            var change = StatusChangeReader.FromText(
                row.Trimmed(C("status")),
                row.Trimmed(C("effectiveDate")),
                SheetCells.Text(row, C("note")),
                row.Trimmed(C("evidenceUrl")),
                today,
                fieldErrors);
            foreach (var (field, messages) in fieldErrors)
            {
                foreach (var message in messages)
                {
                    errors.Add(row.Number, field, message);
                }
            }

            if (fieldErrors.Count == 0 && change is not null)
            {
                changes.Add(new RequestedChange(row.Number, kind!.Value, id!, change));
            }
        }

        if (table.Rows.Count == 0)
        {
            errors.Add("rows", "The sheet has no rows below its header.");
        }

        return changes;
    }
}
