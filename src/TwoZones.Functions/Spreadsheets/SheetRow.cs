namespace TwoZones.Functions.Spreadsheets;

/// <summary>One data row of an uploaded sheet.</summary>
/// <param name="Number">The row's number as the spreadsheet program shows it (the first header row is 1).</param>
/// <param name="Cells">The cells' text by column index; <see langword="null"/> or empty where a cell is empty.</param>
public sealed record SheetRow(int Number, IReadOnlyList<string?> Cells)
{
    /// <summary>The text of a column, trimmed of surrounding white space; <see langword="null"/> when the cell is empty or missing.</summary>
    /// <param name="column">The column index, or -1 when the sheet has no such column.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public string? Trimmed(int column)
    {
        var text = Raw(column)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The text of a column as written, or <see langword="null"/> when the cell is empty or missing.</summary>
    /// <param name="column">The column index, or -1 when the sheet has no such column.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public string? Raw(int column) =>
        column >= 0 && column < Cells.Count && !string.IsNullOrEmpty(Cells[column]) ? Cells[column] : null;

    /// <summary>Whether every cell is empty (such rows are skipped, as spreadsheet programs leave them at the end).</summary>
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}
