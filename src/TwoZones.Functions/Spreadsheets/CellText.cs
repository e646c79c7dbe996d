namespace TwoZones.Functions.Spreadsheets;

/// <summary>
/// Keeps text cells from running as formulas when a sheet is opened in Excel or another spreadsheet program (CSV and formula
/// injection, as OWASP describes it): a value that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is
/// written with a leading apostrophe, which spreadsheets show as text. A value that itself starts with an apostrophe gets one more,
/// so <see cref="Restore"/> gives back exactly what was exported.
/// </summary>
public static class CellText
{
    /// <summary>The text to write in a cell for <paramref name="value"/>.</summary>
    /// <param name="value">The stored value.</param>
    /// <returns>The value, with a leading apostrophe when it could be read as a formula.</returns>
    public static string Neutralise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\''
            ? "'" + value
            : value;
    }

    /// <summary>The value a cell written by <see cref="Neutralise"/> stands for.</summary>
    /// <param name="cell">The cell's text.</param>
    /// <returns>The text without one leading apostrophe.</returns>
    public static string Restore(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.StartsWith('\'') ? cell[1..] : cell;
    }
}
