using System.Globalization;

namespace TwoZones.Functions.Spreadsheets;

/// <summary>Reads typed values from sheet cells, recording a problem for each cell that cannot be read.</summary>
public static class SheetCells
{
    // Excel's serial date 1 is 1900-01-01 counted with its 1900 leap-year quirk, so serials are counted from 1899-12-30.
    private static readonly DateOnly SerialEpoch = new(1899, 12, 30);

    /// <summary>
    /// A date written <c>yyyy-MM-dd</c> (as TwoZones exports it), <c>yyyy/M/d</c>, or as the serial number a spreadsheet program stores
    /// when someone types a date into a cell.
    /// </summary>
    /// <param name="row">The row.</param>
    /// <param name="column">The column index.</param>
    /// <param name="name">The column name, for the problem.</param>
    /// <param name="errors">Where a problem goes.</param>
    /// <returns>The date, or <see langword="null"/> when the cell is empty or not a date.</returns>
    public static DateOnly? Date(SheetRow row, int column, string name, SheetErrors errors)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(errors);
        var text = row.Trimmed(column);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and <= 2_958_465)
        {
            return SerialEpoch.AddDays(serial);
        }

        errors.Add(row.Number, name, $"'{text}' is not a date; write it as yyyy-MM-dd.");
        return null;
    }

    /// <summary>A text cell as exported (see <see cref="CellText.Restore"/>), or <see langword="null"/> when empty.</summary>
    /// <param name="row">The row.</param>
    /// <param name="column">The column index.</param>
    /// <returns>The text.</returns>
    public static string? Text(SheetRow row, int column)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Raw(column) is { } raw && !string.IsNullOrWhiteSpace(raw) ? CellText.Restore(raw) : null;
    }

    /// <summary>A list written with <c>;</c> between its entries (co-agencies, a measure's tasks).</summary>
    /// <param name="row">The row.</param>
    /// <param name="column">The column index.</param>
    /// <returns>The entries, trimmed; empty when the cell is.</returns>
    public static IReadOnlyList<string> List(SheetRow row, int column)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Trimmed(column) is { } text
            ? [.. text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
            : [];
    }

    /// <summary>A date as the sheets write it.</summary>
    /// <param name="date">The date.</param>
    /// <returns><c>yyyy-MM-dd</c>, or <see langword="null"/>.</returns>
    public static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
