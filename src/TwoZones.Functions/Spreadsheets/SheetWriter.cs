using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TwoZones.Functions.Spreadsheets;

/// <summary>
/// Writes rows of text as CSV (CsvHelper; UTF-8 with a byte order mark, so Excel reads Chinese correctly) or as a workbook (Open XML
/// SDK's streaming <see cref="OpenXmlWriter"/>, so memory does not grow with a document object per cell). Every cell is written as
/// text and passed through <see cref="CellText.Neutralise"/>, so no value runs as a formula.
/// </summary>
public static class SheetWriter
{
    /// <summary>Writes a sheet.</summary>
    /// <param name="output">Where the file goes (a workbook needs a seekable stream).</param>
    /// <param name="format">CSV or workbook.</param>
    /// <param name="sheetName">The worksheet's name (workbooks only).</param>
    /// <param name="columns">The column names (the API's field names).</param>
    /// <param name="rows">The rows' cells in column order; <see langword="null"/> for an empty cell.</param>
    public static void Write(Stream output, SheetFormat format, string sheetName, IReadOnlyList<string> columns, IEnumerable<string?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (format == SheetFormat.Csv)
        {
            WriteCsv(output, columns, rows);
        }
        else
        {
            WriteXlsx(output, sheetName, columns, rows);
        }
    }

    private static void WriteCsv(Stream output, IReadOnlyList<string> columns, IEnumerable<string?[]> rows)
    {
        // Formulas are neutralised by CellText (as in workbooks), so CsvHelper's own injection handling stays off.
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.None, ValidateFieldCount = true };
        using var csv = CsvWriter.Create(output, options, true);
        csv.WriteHeader([.. columns]);
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell is null ? string.Empty : CellText.Neutralise(cell));
            }

            csv.EndRecord();
        }
    }

    private static void WriteXlsx(Stream output, string sheetName, IReadOnlyList<string> columns, IEnumerable<string?[]> rows)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var worksheet = workbook.AddNewPart<WorksheetPart>();
        var references = columns.Select((_, i) => ColumnName(i)).ToArray();
        using (var writer = OpenXmlWriter.Create(worksheet))
        {
            writer.WriteStartElement(new Worksheet());
            // The two header rows stay in view while scrolling.
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }));
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, references, [.. columns]);
            WriteRow(writer, 2, references, [.. columns.Select(ColumnLabels.ChineseOf)]);
            var number = 3u;
            foreach (var row in rows)
            {
                WriteRow(writer, number++, references, row);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = sheetName }));
        workbook.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, uint number, string[] references, string?[] cells)
    {
        var rowText = number.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", string.Empty, rowText)]);
        for (var i = 0; i < cells.Length && i < references.Length; i++)
        {
            if (string.IsNullOrEmpty(cells[i]))
            {
                continue;
            }

            // Inline strings keep each row self-contained, so rows stream out without a shared-string table held in memory.
            writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", string.Empty, references[i] + rowText), new OpenXmlAttribute("t", string.Empty, "inlineStr")]);
            writer.WriteStartElement(new InlineString());
            writer.WriteElement(new Text(CellText.Neutralise(cells[i]!)) { Space = SpaceProcessingModeValues.Preserve });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
