using System.Globalization;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Storage;

namespace TwoZones.Functions.Spreadsheets;

/// <summary>
/// The items sheet: one row per task or measure with every catalogue field, the current status and its dates, the overdue and stale
/// flags and the last update, then empty <c>effectiveDate</c>, <c>note</c> and <c>evidenceUrl</c> columns for an office to fill in before uploading
/// the sheet to <c>POST /api/status-updates</c>. The same sheet imports through <c>POST /api/catalogue</c>.
/// </summary>
public static class ItemSheet
{
    /// <summary>The worksheet's name in workbooks.</summary>
    public const string SheetName = "Items";

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "kind", "programme", "titleEn", "titleZh", "leadAgency", "coAgencies", "district", "tasks",
        "plannedCommencement", "plannedCompletion", "status", "commencedOn", "completedOn", "overdue", "stale", "updatedAt", "updatedBy",
        "effectiveDate", "note", "evidenceUrl",
    ];

    /// <summary>The row of an item.</summary>
    /// <param name="record">The stored item.</param>
    /// <param name="stale">Whether it is stale today (see <see cref="Core.Progress.StaleRule"/>).</param>
    /// <returns>Its cells in <see cref="Columns"/> order.</returns>
    public static string?[] Row(ItemRecord record, bool stale)
    {
        ArgumentNullException.ThrowIfNull(record);
        var item = record.Item;
        return
        [
            item.Id,
            item.Kind == ItemKind.Task ? "task" : "measure",
            item.Programme,
            item.TitleEn,
            item.TitleZh,
            item.LeadAgency,
            string.Join(';', item.CoAgencies),
            item.District,
            string.Join(';', item.Tasks),
            SheetCells.Format(item.PlannedCommencement),
            SheetCells.Format(item.PlannedCompletion),
            item.Status.ToString(),
            SheetCells.Format(item.CommencedOn),
            SheetCells.Format(item.CompletedOn),
            record.Overdue ? "true" : "false",
            stale ? "true" : "false",
            record.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            record.UpdatedBy,
            null,
            null,
            null,
        ];
    }

    /// <summary>
    /// The catalogue items of a sheet. The kind comes from the <c>kind</c> column, or from the id's form when there is none; the
    /// status columns are read as a catalogue file's are (they only matter for items not yet stored). Columns the catalogue does
    /// not have (overdue, stale, last update, the status-update columns) are ignored.
    /// </summary>
    /// <param name="table">The sheet.</param>
    /// <param name="errors">Where problems go, by row and column.</param>
    /// <param name="rowOf">Filled with the row of each item id, so later checks can name rows too.</param>
    /// <returns>The items read (rows with problems are left out).</returns>
    public static IReadOnlyList<CatalogueItem> ReadItems(SheetTable table, SheetErrors errors, IDictionary<string, int> rowOf)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(rowOf);
        if (!table.CheckHeader(errors, "id", "programme", "titleEn", "titleZh", "leadAgency"))
        {
            return [];
        }

        int C(string name) => table.Column(name);
        var items = new List<CatalogueItem>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var before = errors.Count;
            var id = row.Trimmed(C("id"));
            ItemKind? kind = null;
            if (id is null)
            {
                errors.Add(row.Number, "id", "The id is empty.");
            }
            else
            {
                kind = KindOf(row, C("kind"), id, errors);
            }

            var status = ItemStatus.Proposed;
            if (row.Trimmed(C("status")) is { } statusText && !ItemStatusText.TryParse(statusText, StringComparison.OrdinalIgnoreCase, out status))
            {
                errors.Add(row.Number, "status", $"'{statusText}' is not a status; use Proposed, Commenced or Completed.");
            }

            var item = new CatalogueItem
            {
                Id = id ?? string.Empty,
                Kind = kind ?? ItemKind.Task,
                Programme = row.Trimmed(C("programme")) ?? string.Empty,
                TitleEn = SheetCells.Text(row, C("titleEn")) ?? string.Empty,
                TitleZh = SheetCells.Text(row, C("titleZh")) ?? string.Empty,
                LeadAgency = row.Trimmed(C("leadAgency")) ?? string.Empty,
                CoAgencies = SheetCells.List(row, C("coAgencies")),
                District = SheetCells.Text(row, C("district")),
                Tasks = kind == ItemKind.Measure ? SheetCells.List(row, C("tasks")) : [],
                PlannedCommencement = SheetCells.Date(row, C("plannedCommencement"), "plannedCommencement", errors),
                PlannedCompletion = SheetCells.Date(row, C("plannedCompletion"), "plannedCompletion", errors),
                Status = status,
                CommencedOn = SheetCells.Date(row, C("commencedOn"), "commencedOn", errors),
                CompletedOn = SheetCells.Date(row, C("completedOn"), "completedOn", errors),
            };
            if (kind == ItemKind.Task && SheetCells.List(row, C("tasks")).Count > 0)
            {
                errors.Add(row.Number, "tasks", "Only a measure lists tasks.");
            }

            if (errors.Count == before)
            {
                items.Add(item);
                rowOf.TryAdd(item.Id, row.Number);
            }
        }

        return items;
    }

    private static ItemKind? KindOf(SheetRow row, int column, string id, SheetErrors errors)
    {
        var text = row.Trimmed(column);
        ItemKind? kind = text switch
        {
            null => CatalogueIds.IsItemId(ItemKind.Task, id) ? ItemKind.Task : CatalogueIds.IsItemId(ItemKind.Measure, id) ? ItemKind.Measure : null,
            _ when text.Equals("task", StringComparison.OrdinalIgnoreCase) => ItemKind.Task,
            _ when text.Equals("measure", StringComparison.OrdinalIgnoreCase) => ItemKind.Measure,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add(row.Number, text is null ? "id" : "kind", text is null
                ? $"'{id}' is neither a task id (T001) nor a measure id (P01-M001)."
                : $"'{text}' is not a kind; use task or measure.");
        }

        return kind;
    }
}
