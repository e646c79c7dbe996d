namespace TwoZones.Functions.Spreadsheets;

/// <summary>
/// An uploaded sheet: its column names (the first row) and its data rows. A second header row of Chinese labels, as TwoZones'
/// workbooks carry, is recognised and skipped.
/// </summary>
public sealed class SheetTable
{
    private readonly Dictionary<string, int> _columns;

    /// <summary>Creates the table from the sheet's rows, the first being the header.</summary>
    /// <param name="rows">Every row as read, blank rows included.</param>
    public SheetTable(IReadOnlyList<SheetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var header = rows.FirstOrDefault(r => !r.IsBlank);
        Headers = header is null ? [] : [.. header.Cells.Select(c => c?.Trim() ?? string.Empty)];
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i].Length > 0)
            {
                _columns.TryAdd(Headers[i], i);
            }
        }

        var data = rows.Where(r => header is not null && r.Number > header.Number && !r.IsBlank).ToList();
        if (data.Count > 0 && IsLabelRow(data[0]))
        {
            data.RemoveAt(0);
        }

        Rows = data;
    }

    /// <summary>The column names of the header row, trimmed.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The data rows, without blank rows.</summary>
    public IReadOnlyList<SheetRow> Rows { get; }

    /// <summary>Names that appear more than once in the header (the sheet is ambiguous then).</summary>
    public IEnumerable<string> DuplicateHeaders =>
        Headers.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

    /// <summary>Checks the header row: every required column present, no column twice; each problem goes to <paramref name="errors"/>.</summary>
    /// <param name="errors">Where problems go, under <c>header</c>.</param>
    /// <param name="required">The columns the reader cannot do without.</param>
    /// <returns>Whether the header holds (and nothing was wrong before).</returns>
    public bool CheckHeader(SheetErrors errors, params ReadOnlySpan<string> required)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var name in required)
        {
            if (Column(name) < 0)
            {
                errors.Add("header", $"The sheet has no '{name}' column.");
            }
        }

        foreach (var duplicate in DuplicateHeaders)
        {
            errors.Add("header", $"The column '{duplicate}' appears more than once.");
        }

        return errors.Count == 0;
    }

    /// <summary>The index of a column by name (any case), or -1 when the sheet has none.</summary>
    /// <param name="name">The column name, e.g. <c>status</c>.</param>
    /// <returns>The index, or -1.</returns>
    public int Column(string name) => _columns.TryGetValue(name, out var index) ? index : -1;

    private bool IsLabelRow(SheetRow row)
    {
        var labelled = 0;
        for (var i = 0; i < Headers.Count; i++)
        {
            var cell = row.Trimmed(i);
            if (cell is null)
            {
                continue;
            }

            if (!ColumnLabels.IsChineseLabelOf(Headers[i], cell))
            {
                return false;
            }

            labelled++;
        }

        return labelled > 0;
    }
}
