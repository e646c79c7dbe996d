namespace TwoZones.Functions.Spreadsheets;

/// <summary>The spreadsheet formats offices exchange with TwoZones.</summary>
public enum SheetFormat
{
    /// <summary>Comma-separated values, UTF-8 with a byte order mark (so Excel reads Chinese correctly).</summary>
    Csv,

    /// <summary>Office Open XML workbook (Excel 2007 and later).</summary>
    Xlsx,
}
