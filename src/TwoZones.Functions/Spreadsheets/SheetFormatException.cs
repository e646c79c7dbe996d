namespace TwoZones.Functions.Spreadsheets;

/// <summary>An upload that cannot be read as a sheet at all (not CSV, not a workbook, too many rows).</summary>
public sealed class SheetFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SheetFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, for the caller.</param>
    public SheetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, for the caller.</param>
    /// <param name="innerException">The parser's failure.</param>
    public SheetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
