namespace TwoZones.Functions.Spreadsheets;

/// <summary>Problems found in an uploaded sheet, keyed <c>row N.column</c> as the problem's <c>errors</c> member lists them.</summary>
public sealed class SheetErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>How many problems were found.</summary>
    public int Count { get; private set; }

    /// <summary>Records a problem of one cell.</summary>
    /// <param name="row">The row number as the spreadsheet program shows it.</param>
    /// <param name="column">The column name.</param>
    /// <param name="message">What is wrong.</param>
    public void Add(int row, string column, string message) => Add(Key(row, column), message);

    /// <summary>Records a problem of the sheet as a whole, e.g. a missing column.</summary>
    /// <param name="key">What it concerns, e.g. <c>header</c>.</param>
    /// <param name="message">What is wrong.</param>
    public void Add(string key, string message)
    {
        if (!_errors.TryGetValue(key, out var list))
        {
            _errors[key] = list = [];
        }

        list.Add(message);
        Count++;
    }

    /// <summary>The key of a cell: <c>row 7.status</c>.</summary>
    /// <param name="row">The row number.</param>
    /// <param name="column">The column name.</param>
    /// <returns>The key.</returns>
    public static string Key(int row, string column) => $"row {row}.{column}";

    /// <summary>The problems as the <c>errors</c> member of a validation problem.</summary>
    /// <returns>Messages by key.</returns>
    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
